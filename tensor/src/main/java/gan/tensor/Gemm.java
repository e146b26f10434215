package gan.tensor;

/**
 * Single-precision matrix multiply, the one kernel that does nearly all the work:
 * {@code C = op(A) · op(B) + beta · C}, all row-major.
 *
 * <p>{@code op(A)} is m×k: A is stored m×k ({@code transA == false}) or k×m (true).
 * {@code op(B)} is k×n: B is stored k×n or n×k. C is m×n. Offsets let a caller
 * multiply one image of a batch without copying. {@code beta} is 0 (overwrite) or 1
 * (accumulate, which gradients need); other values are allowed. With {@code beta == 0}
 * the old contents of C are never read, so they may be garbage (even NaN).
 *
 * <p>Implementations: {@link JavaGemm} (the reference), {@link JblasGemm} (native BLAS)
 * and a Vector API one; {@link Kernels#gemm()} picks one at start-up. Every
 * implementation gives bit-identical results whatever the thread count.
 */
public interface Gemm {
    /** Computes {@code C[cOff..] = op(A) · op(B) + beta · C}. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff);

    /**
     * Computes {@code C[cOff..] = op(A) · B + beta · C} where B (k×n) is rows
     * [row, row + k) of the implicit matrix b, and n is all of b's columns. This default
     * writes those rows out into a per-thread buffer and multiplies the stored matrix; the
     * vector GEMM packs its panels from b directly. A Gemm that wraps another (to time or
     * count calls) must forward this method too, or the wrapped one's fast path is lost.
     */
    default void sgemm(boolean transA, int m, int n, int k, float[] a, int aOff, ShiftedPlanes b, int row,
                       float beta, float[] c, int cOff) {
        GemmArgs.check(name(), transA, m, n, k, a, aOff, b, row, c, cOff);
        sgemm(transA, false, m, n, k, a, aOff, b.writtenOut(row, k), 0, beta, c, cOff);
    }

    /**
     * Computes {@code C[cOff..] = A · B + beta · C} where A (m×k) is rows [row, row + m) of
     * the implicit matrix a, k is all of a's columns, and B is stored k×n: a product whose
     * inner dimension runs over a's pixels (a weight gradient). The default writes A's rows
     * out, as the other default does B's; wrappers must forward this one too.
     */
    default void sgemm(ShiftedPlanes a, int row, int m, int n, int k, float[] b, int bOff, float beta, float[] c,
                       int cOff) {
        GemmArgs.check(name(), a, row, m, n, k, b, bOff, c, cOff);
        sgemm(false, false, m, n, k, a.writtenOut(row, m), 0, b, bOff, beta, c, cOff);
    }

    /** A short name for logs and {@code gan info}: "java", "jblas", "vector". */
    String name();

    /** A one-line human-readable description for logs and {@code gan info}. */
    default String description() {
        return name();
    }
}
