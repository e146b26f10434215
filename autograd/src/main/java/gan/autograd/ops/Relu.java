package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Tensor;

/** Rectified linear unit, {@code y = max(x, 0)}. */
public final class Relu {
    private Relu() {}

    /** {@code max(x, 0)} elementwise. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        Parallel.forElements(y.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                y[i] = Math.max(in[i], 0f);
            }
        });
        // dx = dy · [y > 0] (a NaN y, from a NaN x, keeps dy: the loss is NaN by then anyway)
        return Var.result(new Tensor(y, x.shape()), "relu", dy -> {
            // scaled in place: dy is this op's alone, and becomes x's gradient if x has none yet
            float[] g = dy.data;
            Parallel.forElements(g.length, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    // y >= 0 (+0 where x <= 0), so y > 0 exactly when its bits, as an int, are
                    // positive: keep = 1 then, else 0; -keep masks g's bits. No branch: on
                    // activations positive about half the time it is mispredicted half the time.
                    int keep = ((Float.floatToRawIntBits(y[i]) - 1) >>> 31) ^ 1;
                    g[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & -keep);
                }
            });
            x.accumulateGrad(dy);
        }, x);
    }
}
