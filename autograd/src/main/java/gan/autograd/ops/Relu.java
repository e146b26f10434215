package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/** Rectified linear unit, {@code y = max(x, 0)}. */
public final class Relu {
    private Relu() {}

    /** {@code max(x, 0)} elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = new float[in.length];
        Parallel.forElements(y.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                y[i] = Math.max(in[i], 0f);
            }
        });
        // dx = dy · [y > 0]
        return Var.result(new Tensor(y, x.shape()), "relu", dy -> {
            float[] g = dy.data;
            if (x.grad() == null) {
                // the first gradient of x: computed in dy's own array, which x then keeps
                Parallel.forElements(g.length, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        g[i] = y[i] > 0f ? g[i] : 0f;
                    }
                });
                x.adoptGrad(dy);
                return;
            }
            float[] dx = x.gradData();
            Parallel.forElements(dx.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    dx[i] += y[i] > 0f ? g[i] : 0f;
                }
            });
        }, x);
    }
}
