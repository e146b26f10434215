package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Tensor;

/**
 * Elementwise product {@code a ⊙ b}, with the broadcast rules of {@link Add}: {@code b}
 * has the shape of {@code a} (label embedding times latent vector), or is a vector of
 * {@code a.dim(1)} values (a scale per feature or channel).
 */
public final class Mul {
    private Mul() {}

    /** {@code a ⊙ b}, with {@code b} the same shape as {@code a} or a per-channel vector. */
    public static Var apply(Var a, Var b) {
        if (a.value().sameShape(b.value())) {
            return same(a, b);
        }
        Broadcast.Channel bc = Broadcast.channel("mul", a.value(), b.value());
        float[] x = a.data();
        float[] s = b.data();
        float[] y = Arena.floats(x.length);
        for (int n = 0; n < bc.outer; n++) {
            for (int c = 0; c < bc.channels; c++) {
                int off = (n * bc.channels + c) * bc.inner;
                float v = s[c];
                for (int i = 0; i < bc.inner; i++) {
                    y[off + i] = x[off + i] * v;
                }
            }
        }
        // da = dy · b[c] ; db[c] = Σ over channel c of dy · a
        return Var.result(new Tensor(y, a.shape()), "mul", dy -> {
            float[] g = dy.data;
            float[] da = a.requiresGrad() ? a.gradData() : null;
            float[] db = b.requiresGrad() ? b.gradData() : null;
            for (int n = 0; n < bc.outer; n++) {
                for (int c = 0; c < bc.channels; c++) {
                    int off = (n * bc.channels + c) * bc.inner;
                    if (da != null) {
                        float v = s[c];
                        for (int i = 0; i < bc.inner; i++) {
                            da[off + i] += g[off + i] * v;
                        }
                    }
                    if (db != null) {
                        float acc = 0f;
                        for (int i = 0; i < bc.inner; i++) {
                            acc += g[off + i] * x[off + i];
                        }
                        db[c] += acc;
                    }
                }
            }
        }, a, b);
    }

    private static Var same(Var a, Var b) {
        float[] x = a.data();
        float[] z = b.data();
        float[] y = Arena.floats(x.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * z[i];
        }
        // da = dy · b ; db = dy · a
        return Var.result(new Tensor(y, a.shape()), "mul", dy -> {
            if (a.requiresGrad()) {
                float[] da = a.gradData();
                for (int i = 0; i < da.length; i++) {
                    da[i] += dy.data[i] * z[i];
                }
            }
            if (b.requiresGrad()) {
                float[] db = b.gradData();
                for (int i = 0; i < db.length; i++) {
                    db[i] += dy.data[i] * x[i];
                }
            }
        }, a, b);
    }
}
