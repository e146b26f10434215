package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/** Softmax over the last axis (rows of [N, K]), shifted by the row maximum so exp never overflows. */
public final class Softmax {
    private Softmax() {}

    /** {@code exp(x - max) / Σ exp(x - max)} per row. */
    public static Var apply(Var x) {
        int k = lastAxis("softmax", x);
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        for (int off = 0; off < in.length; off += k) {
            float max = rowMax(in, off, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                float e = (float) Math.exp(in[off + j] - max);
                y[off + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < k; j++) {
                y[off + j] *= inv;
            }
        }
        // dx = y ⊙ (dy - Σ_j dy_j · y_j) per row
        return Var.result(new Tensor(y, x.shape()), "softmax", dy -> {
            float[] dx = x.gradData();
            float[] g = dy.data;
            for (int off = 0; off < g.length; off += k) {
                double dot = 0;
                for (int j = 0; j < k; j++) {
                    dot += g[off + j] * y[off + j];
                }
                float d = (float) dot;
                for (int j = 0; j < k; j++) {
                    dx[off + j] += y[off + j] * (g[off + j] - d);
                }
            }
        }, x);
    }

    /**
     * The logits of {@code y = softmax(z)}: the input of the softmax op that produced
     * {@code y}, or null (see {@link Sigmoid#inputOf}, the same test for Keras' categorical
     * losses).
     */
    public static Var inputOf(Var y) {
        return "softmax".equals(y.op()) && y.inputs().size() == 1 ? y.inputs().get(0) : null;
    }

    /** Size of the last axis, checked to be a usable row length. */
    static int lastAxis(String op, Var x) {
        if (x.value().rank() < 1 || x.dim(-1) < 1) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " has no last axis to normalize");
        }
        return x.dim(-1);
    }

    static float rowMax(float[] a, int off, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, a[off + j]);
        }
        return max;
    }
}
