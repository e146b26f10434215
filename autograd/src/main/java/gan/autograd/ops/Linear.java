package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Fully connected layer {@code y = x · wᵀ + b} with x [N, in], w [out, in] (the PyTorch
 * layout: one row of weights per output) and an optional bias b [out]. The transpose is
 * read in place by the GEMM, never materialized.
 */
public final class Linear {
    private Linear() {}

    /** {@code x · wᵀ + b}; {@code b} may be null (no bias). */
    public static Var apply(Var x, Var w, Var b) {
        check(x, w, b);
        int n = x.dim(0);
        int in = x.dim(1);
        int out = w.dim(0);
        float[] y = Arena.floats(n * out); // the GEMM overwrites it (beta 0)
        Kernels.gemm().sgemm(false, true, n, out, in, x.data(), 0, w.data(), 0, 0f, y, 0);
        if (b != null) {
            float[] bias = b.data();
            Parallel.forRange(n, Math.max(1, Parallel.ELEMENT_GRAIN / Math.max(1, out)), (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    for (int j = 0; j < out; j++) {
                        y[r * out + j] += bias[j];
                    }
                }
            });
        }
        Tensor value = new Tensor(y, n, out);
        // dx = dy · w ; dw = dyᵀ · x ; db = Σ_rows dy
        Var.Backward back = dy -> {
            if (x.requiresGrad()) {
                Kernels.gemm().sgemm(false, false, n, in, out, dy.data, 0, w.data(), 0, 1f, x.gradData(), 0);
            }
            if (w.requiresGrad()) {
                Kernels.gemm().sgemm(true, false, out, in, n, dy.data, 0, x.data(), 0, 1f, w.gradData(), 0);
            }
            if (b != null && b.requiresGrad()) {
                Broadcast.sumPerChannel(new Broadcast.Channel(n, out, 1), dy.data, b.gradData());
            }
        };
        return b == null ? Var.result(value, "linear", back, x, w) : Var.result(value, "linear", back, x, w, b);
    }

    private static void check(Var x, Var w, Var b) {
        if (x.value().rank() != 2 || w.value().rank() != 2 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("linear: input " + Shape.str(x.shape()) + " and weight "
                    + Shape.str(w.shape()) + " do not chain (need x [N, in] and w [out, in])");
        }
        if (b != null && (b.value().rank() != 1 || b.dim(0) != w.dim(0))) {
            throw new IllegalArgumentException("linear: bias " + Shape.str(b.shape()) + " does not match weight "
                    + Shape.str(w.shape()) + " (need [" + w.dim(0) + "])");
        }
    }
}
