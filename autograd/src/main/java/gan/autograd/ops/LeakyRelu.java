package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/**
 * Leaky rectifier, {@code y = x} for x > 0 and {@code alpha · x} otherwise (Keras LeakyReLU).
 *
 * <p>Both loops are written without a data-dependent branch, with {@code Math.max} and
 * {@code Math.min} only, which C2 turns into vector instructions; a {@code x > 0 ? :}
 * on activations that are positive about half the time is a mispredicted branch per
 * element and runs about eight times slower. The results are the same floats.
 */
public final class LeakyRelu {
    /** Scales any positive float, even the smallest subnormal, to at least 1 (twice, as one float cannot hold 2^150). */
    private static final float HUGE = 1e30f;

    private LeakyRelu() {}

    /** {@code x > 0 ? x : alpha · x} elementwise. */
    public static Var apply(Var x, float alpha) {
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        Parallel.forElements(y.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                // One of the two terms is exactly 0, so the sum is exactly x or alpha·x.
                y[i] = Math.max(in[i], 0f) + alpha * Math.min(in[i], 0f);
            }
        });
        // dx = dy · (x > 0 ? 1 : alpha), with the step h = [x > 0] as min(max(x·huge², 0), 1)
        return Var.result(new Tensor(y, x.shape()), "leaky_relu", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forElements(g.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    float h = Math.min(Math.max(in[i] * HUGE * HUGE, 0f), 1f);
                    g[i] *= h + alpha * (1f - h);
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
