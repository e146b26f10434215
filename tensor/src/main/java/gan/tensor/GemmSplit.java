package gan.tensor;

/**
 * How a GEMM is cut into independent tasks over blocks of C. The cut depends only on the
 * problem size, never on the thread count, so a backend whose sums could depend on the
 * shape of a block (native BLAS) still gives the same bits on any thread count. The vector
 * GEMM's sums do not depend on the cut at all (see {@link VectorGemm}).
 */
final class GemmSplit {
    /** Below this many flops one task is cheaper than forking. */
    private static final long SERIAL_FLOPS = 1L << 22;

    /** Row blocks of C. */
    final int rowBlocks;
    /** Column blocks of C. */
    final int colBlocks;
    private final int rowUnits;
    private final int colUnits;

    private GemmSplit(int rowBlocks, int colBlocks, int rowUnits, int colUnits) {
        this.rowBlocks = rowBlocks;
        this.colBlocks = colBlocks;
        this.rowUnits = rowUnits;
        this.colUnits = colUnits;
    }

    /**
     * Splits C, whose rows come in {@code rowUnits} indivisible units (micro-kernel strips)
     * and columns in {@code colUnits}, for a problem of {@code flops} flops. The larger
     * side per block is halved until there are enough tasks to keep up to 8 cores busy.
     */
    static GemmSplit of(long flops, int rowUnits, int colUnits) {
        int target = flops < SERIAL_FLOPS ? 1 : flops < 16 * SERIAL_FLOPS ? 2 : flops < 64 * SERIAL_FLOPS ? 4 : 8;
        int tm = 1;
        int tn = 1;
        while (tm * tn < target) {
            boolean cols = colUnits / tn >= rowUnits / tm;
            if (cols && colUnits / tn >= 2) {
                tn *= 2;
            } else if (rowUnits / tm >= 2) {
                tm *= 2;
            } else if (colUnits / tn >= 2) {
                tn *= 2;
            } else {
                break;
            }
        }
        return new GemmSplit(tm, tn, rowUnits, colUnits);
    }

    /** C as one block: for a call that would run its tasks one after another anyway. */
    static GemmSplit whole(int rowUnits, int colUnits) {
        return new GemmSplit(1, 1, rowUnits, colUnits);
    }

    /** Number of tasks. */
    int tasks() {
        return rowBlocks * colBlocks;
    }

    /** First row unit of task {@code t}. */
    int rowStart(int t) {
        return (int) ((long) rowUnits * (t / colBlocks) / rowBlocks);
    }

    /** End (exclusive) row unit of task {@code t}. */
    int rowEnd(int t) {
        return (int) ((long) rowUnits * (t / colBlocks + 1) / rowBlocks);
    }

    /** First column unit of task {@code t}. */
    int colStart(int t) {
        return (int) ((long) colUnits * (t % colBlocks) / colBlocks);
    }

    /** End (exclusive) column unit of task {@code t}. */
    int colEnd(int t) {
        return (int) ((long) colUnits * (t % colBlocks + 1) / colBlocks);
    }
}
