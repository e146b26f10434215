package gan.tensor;

/**
 * Argument checks shared by every {@link Gemm} backend, so a bad call fails with the
 * shapes in the message instead of an index error deep inside a kernel (or, for native
 * BLAS, a crash).
 */
final class GemmArgs {
    private GemmArgs() {}

    /** Throws if a dimension is negative or an operand does not fit in its array. */
    static void check(String backend, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        checkAC(backend, transA, m, n, k, a, aOff, c, cOff);
        fits(backend, "B", transB ? n + "x" + k : k + "x" + n, b, bOff, (long) k * n);
    }

    /**
     * As the other check, for a B that is rows [row, row + k) of shifted planes: those rows
     * must exist and b must have exactly n columns.
     */
    static void check(String backend, boolean transA, int m, int n, int k, float[] a, int aOff, ShiftedPlanes b,
                      int row, float[] c, int cOff) {
        checkAC(backend, transA, m, n, k, a, aOff, c, cOff);
        if (row < 0 || row + k > b.rows() || n != b.columns()) {
            throw new IllegalArgumentException(backend + " sgemm: rows [" + row + ", " + (row + k) + ") x " + n
                    + " columns asked of shifted planes of " + b.rows() + " x " + b.columns());
        }
    }

    /**
     * For an A that is rows [row, row + m) of shifted planes: those rows must exist, a must
     * have exactly k columns, and B (k×n) and C must fit.
     */
    static void check(String backend, ShiftedPlanes a, int row, int m, int n, int k, float[] b, int bOff, float[] c,
                      int cOff) {
        sizes(backend, m, n, k);
        if (row < 0 || row + m > a.rows() || k != a.columns()) {
            throw new IllegalArgumentException(backend + " sgemm: rows [" + row + ", " + (row + m) + ") x " + k
                    + " columns asked of shifted planes of " + a.rows() + " x " + a.columns());
        }
        fits(backend, "B", k + "x" + n, b, bOff, (long) k * n);
        fits(backend, "C", m + "x" + n, c, cOff, (long) m * n);
    }

    /** The sizes are not negative, and A and C fit in their arrays. */
    private static void checkAC(String backend, boolean transA, int m, int n, int k, float[] a, int aOff, float[] c,
                                int cOff) {
        sizes(backend, m, n, k);
        fits(backend, "A", transA ? k + "x" + m : m + "x" + k, a, aOff, (long) m * k);
        fits(backend, "C", m + "x" + n, c, cOff, (long) m * n);
    }

    private static void sizes(String backend, int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(backend + " sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
    }

    private static void fits(String backend, String name, String shape, float[] x, int off, long size) {
        if (size == 0) {
            return;
        }
        if (x == null || off < 0 || off + size > x.length) {
            throw new IllegalArgumentException(backend + " sgemm: " + name + " (" + shape + ") at offset " + off
                    + " does not fit in an array of length " + (x == null ? "null" : String.valueOf(x.length)));
        }
    }
}
