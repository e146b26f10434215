package gan.tensor;

/**
 * {@link StridedCopy} in plain Java: the reference, and the kernel without the Vector API.
 * One flat loop over the block through a table of source offsets: with short rows (the
 * 7-pixel rows of a 7x7 output) a loop per row spends more on its own bounds and exits
 * than on the copy.
 */
public final class JavaStridedCopy implements StridedCopy {
    /** Each thread's offset table and the block shape it was made for. */
    private static final ThreadLocal<Table> TABLES = ThreadLocal.withInitial(Table::new);

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
    public void addBack(float[] src, int srcOff, int n, int rows, float[] dst, int dstOff, int rowStride, int step) {
        int[] offset = TABLES.get().offsets(rowStride, step, rows, n);
        for (int q = 0; q < rows * n; q++) {
            dst[dstOff + offset[q]] += src[srcOff + q];
        }
    }

    /** offset[r·n + i] = r·rowStride + i·step, remade only when the shape changes. */
    private static final class Table {
        private int[] offset = new int[0];
        private int rowStride = -1;
        private int step;
        private int rows;
        private int n;

        int[] offsets(int rowStride, int step, int rows, int n) {
            if (rowStride != this.rowStride || step != this.step || rows != this.rows || n != this.n) {
                offset = new int[rows * n];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < n; i++) {
                        offset[r * n + i] = r * rowStride + i * step;
                    }
                }
                this.rowStride = rowStride;
                this.step = step;
                this.rows = rows;
                this.n = n;
            }
            return offset;
        }
    }
}
