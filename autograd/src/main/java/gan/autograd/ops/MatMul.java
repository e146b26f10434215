package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Kernels;
import gan.tensor.Tensor;

/**
 * Matrix product {@code y = x · w} of x [N, K] and w [K, M]. Its backward is two more
 * GEMMs, one per input, each skipped when that input needs no gradient.
 */
public final class MatMul {
    private MatMul() {}

    /** {@code x · w} for x [N, K] and w [K, M]; the transposes are read in place. */
    public static Var apply(Var x, Var w) {
        if (x.value().rank() != 2 || w.value().rank() != 2 || x.dim(1) != w.dim(0)) {
            throw new IllegalArgumentException("matmul: shapes " + Add.shapes(x, w)
                    + " do not chain (need [N, K] and [K, M])");
        }
        int n = x.dim(0);
        int k = x.dim(1);
        int m = w.dim(1);
        float[] y = Arena.floats(n * m); // the GEMM overwrites it (beta 0)
        Kernels.gemm().sgemm(false, false, n, m, k, x.data(), 0, w.data(), 0, 0f, y, 0);
        // dx = dy · wᵀ ; dw = xᵀ · dy
        return Var.result(new Tensor(y, n, m), "matmul", dy -> {
            if (x.requiresGrad()) {
                Kernels.gemm().sgemm(false, true, n, k, m, dy.data, 0, w.data(), 0, 1f, x.gradData(), 0);
            }
            if (w.requiresGrad()) {
                Kernels.gemm().sgemm(true, false, k, m, n, x.data(), 0, dy.data, 0, 1f, w.gradData(), 0);
            }
        }, x, w);
    }
}
