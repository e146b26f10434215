package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Activations;
import gan.tensor.Arena;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/**
 * Hyperbolic tangent, the generators' output activation (images in [-1, 1]); the forward runs
 * on {@link Kernels#activations()}.
 */
public final class Tanh {
    private Tanh() {}

    /** {@code tanh(x)} elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        Activations kernel = Kernels.activations();
        Parallel.forRange(y.length, Parallel.ELEMENT_GRAIN / 16, (lo, hi) -> kernel.tanh(in, y, lo, hi));
        // dx = dy · (1 - y²)
        return Var.result(new Tensor(y, x.shape()), "tanh", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forElements(g.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    g[i] *= 1f - y[i] * y[i];
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
