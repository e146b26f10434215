package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/** Hyperbolic tangent, the generators' output activation (images in [-1, 1]). */
public final class Tanh {
    private Tanh() {}

    /** {@code tanh(x)} elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = new float[in.length];
        Parallel.forRange(y.length, Parallel.ELEMENT_GRAIN / 16, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                y[i] = (float) Math.tanh(in[i]);
            }
        });
        // dx = dy · (1 - y²)
        return Var.result(new Tensor(y, x.shape()), "tanh", dy -> {
            float[] g = dy.data;
            if (x.grad() == null) {
                // the first gradient of x: computed in dy's own array, which x then keeps
                Parallel.forElements(g.length, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        g[i] *= 1f - y[i] * y[i];
                    }
                });
                x.adoptGrad(dy);
                return;
            }
            float[] dx = x.gradData();
            Parallel.forElements(dx.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    dx[i] += g[i] * (1f - y[i] * y[i]);
                }
            });
        }, x);
    }
}
