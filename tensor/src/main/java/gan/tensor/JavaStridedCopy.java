package gan.tensor;

/**
 * {@link StridedCopy} in plain Java: the reference, and the kernel without the Vector API.
 * One flat loop over the block through a table of source offsets: with short rows (the
 * 7-pixel rows of a 7x7 output) a loop per row spends more on its own bounds and exits
 * than on the copy.
 */
public final class JavaStridedCopy implements StridedCopy {
    /** Each thread's offset tables for the last few block shapes (the layers of a step alternate). */
    private static final ThreadLocal<Tables> TABLES = ThreadLocal.withInitial(Tables::new);

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff) {
        int[] offset = TABLES.get().offsets(rowStride, step, rows, n);
        for (int q = 0; q < rows * n; q++) {
            dst[dstOff + q] = src[srcOff + offset[q]];
        }
    }

    @Override
    public void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff,
                     int dstPitch) {
        if (dstPitch == n) {
            copy(src, srcOff, rowStride, step, rows, n, dst, dstOff);
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0, s = srcOff + r * rowStride, d = dstOff + r * dstPitch; i < n; i++, s += step) {
                dst[d + i] = src[s];
            }
        }
    }

    @Override
    public void addBack(float[] src, int srcOff, int n, int rows, float[] dst, int dstOff, int rowStride, int step) {
        int[] offset = TABLES.get().offsets(rowStride, step, rows, n);
        for (int q = 0; q < rows * n; q++) {
            dst[dstOff + offset[q]] += src[srcOff + q];
        }
    }

    /** offset[r·n + i] = r·rowStride + i·step for a few shapes, the oldest replaced first. */
    private static final class Tables {
        private static final int KEPT = 8;
        private final int[][] offset = new int[KEPT][];
        private final int[][] shape = new int[KEPT][];
        private int next;

        int[] offsets(int rowStride, int step, int rows, int n) {
            for (int t = 0; t < KEPT; t++) {
                int[] k = shape[t];
                if (k != null && k[0] == rowStride && k[1] == step && k[2] == rows && k[3] == n) {
                    return offset[t];
                }
            }
            int[] table = new int[rows * n];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < n; i++) {
                    table[r * n + i] = r * rowStride + i * step;
                }
            }
            offset[next] = table;
            shape[next] = new int[] {rowStride, step, rows, n};
            next = (next + 1) % KEPT;
            return table;
        }
    }
}
