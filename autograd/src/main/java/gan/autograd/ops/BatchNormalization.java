package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Batch normalization per channel (axis 1) of x [N, C] or [N, C, H, W], statistics over
 * N·H·W: {@code y = γ · (x - μ) / sqrt(σ² + eps) + β}.
 *
 * <p>Training mode normalizes with the batch mean and the <em>biased</em> batch variance
 * (divided by N·H·W), and updates the caller's running arrays in place with Keras' rule
 * {@code running = momentum · running + (1 - momentum) · batch}. The moving variance is
 * updated with the same biased batch variance. That is what Keras 3 does
 * ({@code keras/src/layers/normalization/batch_normalization.py}: {@code ops.moments},
 * then {@code moving_variance * momentum + variance * (1 - momentum)}), and what tf.keras 2
 * does on its non-fused path (2-D inputs). tf.keras 2's fused path (4-D inputs) instead fed
 * the Bessel-corrected variance m/(m-1)·σ² into the moving variance, an inconsistency
 * reported as tensorflow/tensorflow#55545; with m = N·H·W in the hundreds the two differ by
 * well under 1%.
 *
 * <p>Inference mode normalizes with the running statistics, which are constants. gamma and
 * beta may be null (Keras' {@code scale=False} / {@code center=False}): then γ = 1, β = 0.
 */
public final class BatchNormalization {
    private BatchNormalization() {}

    /** Normalizes with batch statistics and updates {@code runningMean} and {@code runningVar} in place. */
    public static Var training(Var x, Var gamma, Var beta, float[] runningMean, float[] runningVar,
                               float momentum, float eps) {
        Broadcast.Channel bc = check("batch_norm", x, gamma, beta, runningMean, runningVar);
        float[] in = x.data();
        float[] xhat = Arena.floats(in.length);
        float[] y = Arena.floats(in.length);
        float[] invStd = new float[bc.channels];
        // Channels are independent: each is summed by one thread in a fixed order.
        Parallel.forRange(bc.channels, channelGrain(bc), (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                double[] mv = moments(bc, in, c);
                invStd[c] = (float) (1.0 / Math.sqrt(mv[1] + eps));
                normalize(bc, in, xhat, y, c, (float) mv[0], invStd[c], gammaAt(gamma, c), betaAt(beta, c));
                runningMean[c] = (float) (momentum * runningMean[c] + (1.0 - momentum) * mv[0]);
                runningVar[c] = (float) (momentum * runningVar[c] + (1.0 - momentum) * mv[1]);
            }
        });
        // dx = (γ/σ) · (dy - mean(dy) - x̂ · mean(dy · x̂)) per channel ; dγ = Σ dy · x̂ ; dβ = Σ dy
        return result(x, gamma, beta, y, "batch_norm", dy -> {
            float[] g = dy.data;
            float[] dx = x.requiresGrad() ? x.gradData() : null;
            float[] dGamma = gradOrNull(gamma);
            float[] dBeta = gradOrNull(beta);
            int m = bc.outer * bc.inner;
            Parallel.forRange(bc.channels, channelGrain(bc), (lo, hi) -> {
                for (int c = lo; c < hi; c++) {
                    double sumDy = channelSum(bc, g, c);
                    double sumDyXhat = channelDot(bc, g, xhat, c);
                    accumulateAffineGrads(dGamma, dBeta, c, sumDy, sumDyXhat);
                    if (dx != null) {
                        float k = gammaAt(gamma, c) * invStd[c];
                        centeredInto(bc, dx, g, xhat, c, k, (float) (sumDy / m), (float) (sumDyXhat / m));
                    }
                }
            });
        });
    }

    /** Channels per parallel chunk: enough that a chunk has at least 64 K elements. */
    private static int channelGrain(Broadcast.Channel bc) {
        return Math.max(1, (1 << 16) / Math.max(1, bc.outer * bc.inner));
    }

    /** {@code dx += k · (g - meanG - x̂ · meanGXhat)} over channel c. */
    private static void centeredInto(Broadcast.Channel bc, float[] dx, float[] g, float[] xhat, int c, float k,
                                     float meanG, float meanGXhat) {
        for (int n = 0; n < bc.outer; n++) {
            int off = (n * bc.channels + c) * bc.inner;
            for (int i = 0; i < bc.inner; i++) {
                dx[off + i] += k * (g[off + i] - meanG - xhat[off + i] * meanGXhat);
            }
        }
    }

    /** Mean and biased variance of channel c, two passes in double (no cancellation). */
    private static double[] moments(Broadcast.Channel bc, float[] in, int c) {
        int m = bc.outer * bc.inner;
        double mean = channelSum(bc, in, c) / m;
        double sq = 0;
        for (int n = 0; n < bc.outer; n++) {
            int off = (n * bc.channels + c) * bc.inner;
            for (int i = 0; i < bc.inner; i++) {
                double d = in[off + i] - mean;
                sq += d * d;
            }
        }
        return new double[] {mean, sq / m};
    }

    /** Normalizes with the running statistics (left unchanged). */
    public static Var inference(Var x, Var gamma, Var beta, float[] runningMean, float[] runningVar, float eps) {
        Broadcast.Channel bc = check("batch_norm", x, gamma, beta, runningMean, runningVar);
        float[] in = x.data();
        float[] xhat = Arena.floats(in.length);
        float[] y = Arena.floats(in.length);
        float[] invStd = new float[bc.channels];
        Parallel.forRange(bc.channels, channelGrain(bc), (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                invStd[c] = (float) (1.0 / Math.sqrt(runningVar[c] + (double) eps));
                normalize(bc, in, xhat, y, c, runningMean[c], invStd[c], gammaAt(gamma, c), betaAt(beta, c));
            }
        });
        // dx = dy · γ / sqrt(runningVar + eps) ; dγ = Σ dy · x̂ ; dβ = Σ dy
        return result(x, gamma, beta, y, "batch_norm", dy -> {
            float[] g = dy.data;
            float[] dx = x.requiresGrad() ? x.gradData() : null;
            float[] dGamma = gradOrNull(gamma);
            float[] dBeta = gradOrNull(beta);
            for (int c = 0; c < bc.channels; c++) {
                accumulateAffineGrads(dGamma, dBeta, c, channelSum(bc, g, c), channelDot(bc, g, xhat, c));
                if (dx == null) {
                    continue;
                }
                float k = gammaAt(gamma, c) * invStd[c];
                for (int n = 0; n < bc.outer; n++) {
                    int off = (n * bc.channels + c) * bc.inner;
                    for (int i = 0; i < bc.inner; i++) {
                        dx[off + i] += k * g[off + i];
                    }
                }
            }
        });
    }

    private static Var result(Var x, Var gamma, Var beta, float[] y, String op, Var.Backward back) {
        Tensor value = new Tensor(y, x.shape());
        if (gamma != null && beta != null) {
            return Var.result(value, op, back, x, gamma, beta);
        }
        if (gamma != null || beta != null) {
            return Var.result(value, op, back, x, gamma != null ? gamma : beta);
        }
        return Var.result(value, op, back, x);
    }

    private static Broadcast.Channel check(String op, Var x, Var gamma, Var beta, float[] mean, float[] var) {
        int r = x.value().rank();
        if (r != 2 && r != 4) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape())
                    + " must be [N, C] or [N, C, H, W]");
        }
        int c = x.dim(1);
        for (Var v : new Var[] {gamma, beta}) {
            if (v != null && (v.value().rank() != 1 || v.dim(0) != c)) {
                throw new IllegalArgumentException(op + ": parameter " + Shape.str(v.shape()) + " does not match input "
                        + Shape.str(x.shape()) + " (need [" + c + "])");
            }
        }
        if (mean.length != c || var.length != c) {
            throw new IllegalArgumentException(op + ": running statistics of length " + mean.length + " and "
                    + var.length + " do not match input " + Shape.str(x.shape()) + " (need " + c + ")");
        }
        int inner = x.value().size() / Math.max(1, x.dim(0) * c);
        return new Broadcast.Channel(x.dim(0), c, inner);
    }

    /** x̂ = (x - mean) · invStd and y = γ · x̂ + β over channel c, in one pass. */
    private static void normalize(Broadcast.Channel bc, float[] in, float[] xhat, float[] y, int c, float mean,
                                  float invStd, float scale, float shift) {
        for (int n = 0; n < bc.outer; n++) {
            int off = (n * bc.channels + c) * bc.inner;
            for (int i = 0; i < bc.inner; i++) {
                float h = (in[off + i] - mean) * invStd;
                xhat[off + i] = h;
                y[off + i] = scale * h + shift;
            }
        }
    }

    /**
     * The gradient array of γ or β if it wants one, else null; fetched before the parallel
     * loops because {@link Var#gradData()} allocates on first use.
     */
    private static float[] gradOrNull(Var p) {
        return p != null && p.requiresGrad() ? p.gradData() : null;
    }

    private static void accumulateAffineGrads(float[] dGamma, float[] dBeta, int c, double sumDy, double sumDyXhat) {
        if (dGamma != null) {
            dGamma[c] += (float) sumDyXhat;
        }
        if (dBeta != null) {
            dBeta[c] += (float) sumDy;
        }
    }

    private static float gammaAt(Var gamma, int c) {
        return gamma == null ? 1f : gamma.data()[c];
    }

    private static float betaAt(Var beta, int c) {
        return beta == null ? 0f : beta.data()[c];
    }

    private static double channelSum(Broadcast.Channel bc, float[] a, int c) {
        double s = 0;
        for (int n = 0; n < bc.outer; n++) {
            int off = (n * bc.channels + c) * bc.inner;
            for (int i = 0; i < bc.inner; i++) {
                s += a[off + i];
            }
        }
        return s;
    }

    private static double channelDot(Broadcast.Channel bc, float[] a, float[] b, int c) {
        double s = 0;
        for (int n = 0; n < bc.outer; n++) {
            int off = (n * bc.channels + c) * bc.inner;
            for (int i = 0; i < bc.inner; i++) {
                s += (double) a[off + i] * b[off + i];
            }
        }
        return s;
    }
}
