package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Tensor;

/**
 * Elementwise difference {@code a - b}, with the broadcast rules of {@link Add}: {@code b}
 * has the shape of {@code a}, or is a vector of {@code a.dim(1)} values.
 */
public final class Sub {
    private Sub() {}

    /** {@code a - b}, with {@code b} the same shape as {@code a} or a per-channel vector. */
    public static Var apply(Var a, Var b) {
        boolean same = a.value().sameShape(b.value());
        Broadcast.Channel bc = same ? null : Broadcast.channel("sub", a.value(), b.value());
        float[] x = a.data();
        float[] z = b.data();
        float[] y = Arena.floats(x.length);
        if (same) {
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i] - z[i];
            }
        } else {
            for (int n = 0; n < bc.outer; n++) {
                for (int c = 0; c < bc.channels; c++) {
                    int off = (n * bc.channels + c) * bc.inner;
                    float v = z[c];
                    for (int i = 0; i < bc.inner; i++) {
                        y[off + i] = x[off + i] - v;
                    }
                }
            }
        }
        // da = dy ; db = -dy (summed over every position of channel c when b is broadcast)
        return Var.result(new Tensor(y, a.shape()), "sub", dy -> {
            if (a.requiresGrad()) {
                Broadcast.addInto(a.gradData(), dy.data);
            }
            if (b.requiresGrad()) {
                float[] neg = new float[dy.data.length];
                for (int i = 0; i < neg.length; i++) {
                    neg[i] = -dy.data[i];
                }
                if (same) {
                    Broadcast.addInto(b.gradData(), neg);
                } else {
                    Broadcast.sumPerChannel(bc, neg, b.gradData());
                }
            }
        }, a, b);
    }
}
