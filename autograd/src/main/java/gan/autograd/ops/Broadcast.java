package gan.autograd.ops;

import gan.tensor.Parallel;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * The one broadcast the engine needs: a vector of {@code x.dim(1)} values applied along
 * axis 1 of x (bias per feature, scale or shift per channel). Viewing x as
 * [outer, channels, inner] turns every such op into three flat, stride-1 loops.
 */
public final class Broadcast {
    private Broadcast() {}

    /** x viewed as [outer, channels, inner]. */
    public static final class Channel {
        /** Product of the dimensions before axis 1 (the batch). */
        public final int outer;
        /** Size of axis 1. */
        public final int channels;
        /** Product of the dimensions after axis 1 (pixels per channel; 1 for [N, F]). */
        public final int inner;

        Channel(int outer, int channels, int inner) {
            this.outer = outer;
            this.channels = channels;
            this.inner = inner;
        }
    }

    /** Checks that {@code v} is a vector of {@code x.dim(1)} values and returns the view. */
    public static Channel channel(String op, Tensor x, Tensor v) {
        if (x.rank() < 2 || v.size() != x.dim(1) || v.rank() > 1) {
            throw new IllegalArgumentException(op + ": cannot broadcast shape " + Shape.str(v.shape())
                    + " onto " + Shape.str(x.shape()) + " (need the same shape, or a vector of x.dim(1) values)");
        }
        int channels = x.dim(1);
        int inner = x.size() / Math.max(1, x.dim(0) * channels);
        return new Channel(x.dim(0), channels, inner);
    }

    /** {@code acc[i] += g[i]} for every i. */
    public static void addInto(float[] acc, float[] g) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += g[i];
        }
    }

    /** {@code acc[c] += sum of g over every position of channel c}. */
    public static void sumPerChannel(Channel bc, float[] g, float[] acc) {
        // channels in parallel, at least ELEMENT_GRAIN elements a chunk: each channel's sum is
        // the same sequence on any thread count
        long perChannel = (long) bc.outer * bc.inner;
        int grain = (int) Math.max(1, Parallel.ELEMENT_GRAIN / Math.max(1, perChannel));
        if (bc.inner < LANES) {
            // [N, F]: the rows are the stride-1 direction, so each chunk goes row after row
            Parallel.forRange(bc.channels, grain, (lo, hi) -> {
                for (int n = 0; n < bc.outer; n++) {
                    for (int c = lo; c < hi; c++) {
                        int off = (n * bc.channels + c) * bc.inner;
                        float s = 0f;
                        for (int i = 0; i < bc.inner; i++) {
                            s += g[off + i];
                        }
                        acc[c] += s;
                    }
                }
            });
            return;
        }
        Parallel.forRange(bc.channels, grain, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                float s = 0f;
                for (int n = 0; n < bc.outer; n++) {
                    s += sum(g, (n * bc.channels + c) * bc.inner, bc.inner);
                }
                acc[c] += s;
            }
        });
    }

    /** Independent partial sums in the sum below: one add chain would wait on the add latency every element. */
    private static final int LANES = 8;

    /** g[off] + … + g[off + len − 1], as {@link #LANES} interleaved partial sums added pairwise. */
    static float sum(float[] g, int off, int len) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int i = off;
        int end = off + len - len % LANES;
        for (; i < end; i += LANES) {
            s0 += g[i];
            s1 += g[i + 1];
            s2 += g[i + 2];
            s3 += g[i + 3];
            s4 += g[i + 4];
            s5 += g[i + 5];
            s6 += g[i + 6];
            s7 += g[i + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < off + len; i++) {
            s += g[i];
        }
        return s;
    }
}
