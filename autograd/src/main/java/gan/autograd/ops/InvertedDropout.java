package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;

/**
 * Inverted dropout, as Keras' Dropout: in training each element is kept with probability
 * 1 - rate and scaled by 1 / (1 - rate), so the expected value is unchanged and inference
 * is the identity. The mask comes from the caller's seeded {@link Rng}, one draw per
 * element in row-major order, so a run is reproducible from its seed.
 */
public final class InvertedDropout {
    /** Elementwise loops shorter than this stay on the calling thread. */
    private static final int GRAIN = 1 << 15;

    private InvertedDropout() {}

    /** Dropout of {@code x} when {@code training}; {@code x} itself otherwise (or when rate is 0). */
    public static Var apply(Var x, float rate, Rng rng, boolean training) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout: rate " + rate + " must be in [0, 1)");
        }
        if (!training || rate == 0f) {
            return x;
        }
        float keep = 1f / (1f - rate);
        float[] in = x.data();
        float[] mask = Arena.floats(in.length);
        float[] y = Arena.floats(in.length);
        rng.nextFloats(mask, 0, mask.length);
        Parallel.forRange(y.length, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                // kept iff draw >= rate, i.e. the sign bit of draw - rate is clear (both lie in
                // [0, 1), so the difference has the right sign); no branch: a random branch is
                // mispredicted half the time and made this loop 7% of a dcgan step
                int kept = (Float.floatToRawIntBits(mask[i] - rate) >>> 31) ^ 1;
                mask[i] = kept * keep;
                y[i] = in[i] * mask[i];
            }
        });
        // dx = dy · mask (mask = 1 / (1 - rate) where kept, 0 where dropped)
        return Var.result(new Tensor(y, x.shape()), "dropout", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forRange(g.length, GRAIN, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    g[i] *= mask[i];
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
