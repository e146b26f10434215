package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Tensor;

/** Multiplication by a constant, {@code s · x}: loss weights such as 0.5 or 100. */
public final class Scale {
    private Scale() {}

    /** {@code s · x}; {@code s} is a constant and gets no gradient. */
    public static Var apply(Var x, float s) {
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = s * in[i];
        }
        // dx = s · dy
        return Var.result(new Tensor(y, x.shape()), "scale", dy -> {
            float[] dx = x.gradData();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += s * dy.data[i];
            }
        }, x);
    }
}
