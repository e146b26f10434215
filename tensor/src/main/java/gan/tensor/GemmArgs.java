package gan.tensor;

/**
 * Argument checks shared by every {@link Gemm} backend, so a bad call fails with the
 * shapes in the message instead of an index error deep inside a kernel (or, for native
 * BLAS, a crash).
 */
final class GemmArgs {
    /** Each thread's buffer for {@link #denseRows}. */
    private static final ThreadLocal<float[][]> DENSE_ROWS = ThreadLocal.withInitial(() -> new float[1][0]);

    private GemmArgs() {}

    /** Throws if a dimension is negative or an operand does not fit in its array. */
    static void check(String backend, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(backend + " sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        fits(backend, "A", transA ? k + "x" + m : m + "x" + k, a, aOff, (long) m * k);
        fits(backend, "B", transB ? n + "x" + k : k + "x" + n, b, bOff, (long) k * n);
        fits(backend, "C", m + "x" + n, c, cOff, (long) m * n);
    }

    /**
     * As the other check, for a B that is rows [row, row + k) of shifted planes: those rows
     * must exist and b must have exactly n columns.
     */
    static void check(String backend, boolean transA, int m, int n, int k, float[] a, int aOff, ShiftedPlanes b,
                      int row, float[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(backend + " sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        fits(backend, "A", transA ? k + "x" + m : m + "x" + k, a, aOff, (long) m * k);
        fits(backend, "C", m + "x" + n, c, cOff, (long) m * n);
        if (row < 0 || row + k > b.rows() || n != b.columns()) {
            throw new IllegalArgumentException(backend + " sgemm: rows [" + row + ", " + (row + k) + ") x " + n
                    + " columns asked of shifted planes of " + b.rows() + " x " + b.columns());
        }
    }

    /** Each thread's buffer for B written out from {@link ShiftedPlanes}, grown to hold {@code floats}. */
    static float[] denseRows(long floats) {
        float[][] holder = DENSE_ROWS.get();
        if (holder[0].length < floats) {
            holder[0] = new float[Math.toIntExact(floats)];
        }
        return holder[0];
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
