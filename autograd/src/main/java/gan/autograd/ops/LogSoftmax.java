package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Tensor;

/** Log-softmax over the last axis, {@code x - max - log Σ exp(x - max)}: finite for any finite x. */
public final class LogSoftmax {
    private LogSoftmax() {}

    /** {@code log softmax(x)} per row. */
    public static Var apply(Var x) {
        int k = Softmax.lastAxis("log_softmax", x);
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        for (int off = 0; off < in.length; off += k) {
            double shift = logSumExp(in, off, k);
            for (int j = 0; j < k; j++) {
                y[off + j] = (float) (in[off + j] - shift);
            }
        }
        // dx = dy - softmax(x) · Σ_j dy_j per row, with softmax(x) = exp(y)
        return Var.result(new Tensor(y, x.shape()), "log_softmax", dy -> {
            float[] dx = x.gradData();
            float[] g = dy.data;
            for (int off = 0; off < g.length; off += k) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += g[off + j];
                }
                float sum = (float) s;
                for (int j = 0; j < k; j++) {
                    dx[off + j] += g[off + j] - (float) Math.exp(y[off + j]) * sum;
                }
            }
        }, x);
    }

    /**
     * {@code log Σ_j exp(a[off + j])}, shifted by the maximum; in double, because in float
     * the ulp of a large maximum would swallow the log term.
     */
    static double logSumExp(float[] a, int off, int k) {
        float max = Softmax.rowMax(a, off, k);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(a[off + j] - max);
        }
        return max + Math.log(sum);
    }
}
