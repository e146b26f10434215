package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/**
 * Scaled exponential linear unit with Keras' constants:
 * {@code y = SCALE · x} for x > 0, {@code SCALE · ALPHA · (eˣ - 1)} otherwise.
 */
public final class Selu {
    /** Keras' (and Klambauer et al.'s) alpha. */
    public static final double ALPHA = 1.6732632423543772;
    /** Keras' (and Klambauer et al.'s) scale. */
    public static final double SCALE = 1.0507009873554805;

    private Selu() {}

    /** SELU elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = new float[in.length];
        // expm1 costs ~20 ns, so a chunk needs far fewer elements than a memory-bound loop to pay
        Parallel.forRange(y.length, Parallel.ELEMENT_GRAIN / 16, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                y[i] = (float) (in[i] > 0f ? SCALE * in[i] : SCALE * ALPHA * Math.expm1(in[i]));
            }
        });
        float scale = (float) SCALE;
        float scaleAlpha = (float) (SCALE * ALPHA);
        // dx = dy · (x > 0 ? SCALE : SCALE · ALPHA · eˣ), and SCALE · ALPHA · eˣ = y + SCALE · ALPHA
        return Var.result(new Tensor(y, x.shape()), "selu", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forElements(g.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    g[i] *= in[i] > 0f ? scale : y[i] + scaleAlpha;
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
