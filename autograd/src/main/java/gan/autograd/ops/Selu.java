package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Activations;
import gan.tensor.Arena;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/**
 * Scaled exponential linear unit with Keras' constants:
 * {@code y = SCALE · x} for x > 0, {@code SCALE · ALPHA · (eˣ - 1)} otherwise. The forward
 * runs on {@link Kernels#activations()}.
 */
public final class Selu {
    /** Keras' (and Klambauer et al.'s) alpha. */
    public static final double ALPHA = 1.6732632423543772;
    /** Keras' (and Klambauer et al.'s) scale. */
    public static final double SCALE = 1.0507009873554805;

    private static final long POSITIVE_INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

    private Selu() {}

    /** SELU elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        Activations kernel = Kernels.activations();
        // the java kernel's expm1 costs ~20 ns, so a shorter array than a memory-bound loop's
        // pays for using both cores; for the vector kernel the threshold is merely low
        Parallel.forRange(y.length, Parallel.ELEMENT_GRAIN / 16,
                (lo, hi) -> kernel.scaledElu(in, y, lo, hi, SCALE, SCALE * ALPHA));
        float scale = (float) SCALE;
        float scaleAlpha = (float) (SCALE * ALPHA);
        int scaleBits = Float.floatToRawIntBits(scale);
        // dx = dy · (x > 0 ? SCALE : SCALE · ALPHA · eˣ), and SCALE · ALPHA · eˣ = y + SCALE · ALPHA
        return Var.result(new Tensor(y, x.shape()), "selu", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forElements(g.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    // x > 0 exactly when its bits less one, unsigned, are below +inf's: pos = 1
                    // then, else 0 (NaN and both zeros included), and pos picks the factor's bits.
                    // No branch: it would be mispredicted about every other element; a step
                    // h·scale + (1 − h)·(y + scale·alpha) gives NaN where y overflows.
                    long below = ((Float.floatToRawIntBits(in[i]) - 1) & 0xFFFF_FFFFL) - POSITIVE_INFINITY_BITS;
                    int pos = (int) (below >>> 63);
                    int factor = (scaleBits & -pos) | (Float.floatToRawIntBits(y[i] + scaleAlpha) & (pos - 1));
                    g[i] *= Float.intBitsToFloat(factor);
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
