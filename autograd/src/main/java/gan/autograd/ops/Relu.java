package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/** Rectified linear unit, {@code y = max(x, 0)}. */
public final class Relu {
    private Relu() {}

    /** {@code max(x, 0)} elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = new float[in.length];
        Parallel.forElements(y.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                y[i] = Math.max(in[i], 0f);
            }
        });
        // dx = dy · [y > 0]
        return Var.result(new Tensor(y, x.shape()), "relu", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forElements(g.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    g[i] = y[i] > 0f ? g[i] : 0f;
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
