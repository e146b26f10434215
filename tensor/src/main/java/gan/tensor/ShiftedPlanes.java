package gan.tensor;

import java.util.Arrays;

/**
 * A GEMM operand B that is never written out ("implicit im2col"): every row of B is one
 * channel of a batch of images seen through one shift, read from zero-padded copies of the
 * planes. For images j, channels c, a grid of H×W output pixels (a, b) and shifts
 * (y, x) in [0, Y)×[0, X):
 *
 * <pre>
 *   B[(y·X + x)·S + c][j·H·W + a·W + b] = padded[j][c][a + y][b + x]
 * </pre>
 *
 * where each padded plane has (H + Y − 1) rows of pitch W + X − 1 and holds the image
 * around the grid, zeros outside it ({@link #loadPlane}). The transposed convolution's
 * phase GEMMs read 2·S of these rows at a time, 8 times per group of images; written out,
 * B was Y·X times the images' size (7 MB a group for the cGAN), left cache before the GEMMs
 * read it back, and its packing waited on memory. Here the vector GEMM packs its panels
 * straight from the padded planes, which are about the images' size and stay in cache;
 * other backends get the rows materialized ({@link #copyRows}).
 *
 * <p>The array is the caller's (a reused scratch buffer of at least {@link #floats} floats);
 * this object only describes it.
 */
public final class ShiftedPlanes {
    /**
     * Floats after the planes that a reader may touch: the vector GEMM copies whole vectors
     * from where a row segment starts, and the lanes past its end are overwritten later.
     */
    static final int SLACK = 64;
    /** Each thread's buffer for {@link #writtenOut}. */
    private static final ThreadLocal<float[][]> WRITTEN_OUT = ThreadLocal.withInitial(() -> new float[1][0]);

    private final float[] data;
    private final int images;
    private final int channels;
    private final int gridH;
    private final int gridW;
    private final int shiftsY;
    private final int shiftsX;
    private final int pitch;
    private final int plane;
    /**
     * The rows this object shows ({@link #rowBlocks}): row r is the planes' row
     * {@code rowFirst + (r / blockRows)·blockStride + r % blockRows}, of {@code rowCount}.
     * All of them, in order, unless this is a view.
     */
    private final int rowFirst;
    private final int blockRows;
    private final int blockStride;
    /** Whether this is a {@link #rowBlocks} view (whose rows cannot be cut again). */
    private final boolean view;
    private final int rowCount;

    /** Describes {@code data} as padded planes for images × channels, an H×W grid and Y×X shifts. */
    public ShiftedPlanes(float[] data, int images, int channels, int gridH, int gridW, int shiftsY, int shiftsX) {
        if (images < 1 || channels < 1 || gridH < 1 || gridW < 1 || shiftsY < 1 || shiftsX < 1) {
            throw new IllegalArgumentException("shifted planes: every size must be positive, got " + images
                    + " images, " + channels + " channels, grid " + gridH + "x" + gridW + ", shifts " + shiftsY + "x"
                    + shiftsX);
        }
        long need = floats(images, channels, gridH, gridW, shiftsY, shiftsX);
        if (data.length < need) {
            throw new IllegalArgumentException("shifted planes: need " + need + " floats, array has " + data.length);
        }
        this.data = data;
        this.images = images;
        this.channels = channels;
        this.gridH = gridH;
        this.gridW = gridW;
        this.shiftsY = shiftsY;
        this.shiftsX = shiftsX;
        this.pitch = gridW + shiftsX - 1;
        this.plane = (gridH + shiftsY - 1) * pitch;
        this.rowFirst = 0;
        this.rowCount = shiftsY * shiftsX * channels;
        this.blockRows = rowCount;
        this.blockStride = 0;
        this.view = false;
    }

    /** A view of {@code of}'s planes with its own rows (see {@link #rowBlocks}). */
    private ShiftedPlanes(ShiftedPlanes of, int first, int blockRows, int blockStride, int blocks) {
        this.data = of.data;
        this.images = of.images;
        this.channels = of.channels;
        this.gridH = of.gridH;
        this.gridW = of.gridW;
        this.shiftsY = of.shiftsY;
        this.shiftsX = of.shiftsX;
        this.pitch = of.pitch;
        this.plane = of.plane;
        this.rowFirst = first;
        this.blockRows = blockRows;
        this.blockStride = blockStride;
        this.rowCount = blocks * blockRows;
        this.view = true;
    }

    /**
     * The same planes seen as a B of {@code blocks} blocks of {@code blockRows} rows each,
     * block i being rows [first + i·stride, first + i·stride + blockRows) of these planes
     * (stride may be negative): one product over taps whose rows are not adjacent, such as a
     * transposed convolution's phase over its kernel rows, instead of one product per block
     * adding into C. Only for planes that are not themselves a view.
     */
    public ShiftedPlanes rowBlocks(int first, int blockRows, int stride, int blocks) {
        if (view) {
            throw new IllegalStateException("shifted planes: row blocks of row blocks");
        }
        int last = first + (blocks - 1) * stride;
        if (blockRows < 1 || blocks < 1 || Math.min(first, last) < 0 || Math.max(first, last) + blockRows > rowCount) {
            throw new IllegalArgumentException("shifted planes: " + blocks + " blocks of " + blockRows + " rows from "
                    + first + " a stride " + stride + " apart do not lie in the " + rowCount + " rows");
        }
        if (stride == 0 && blocks > 1) {
            throw new IllegalArgumentException("shifted planes: " + blocks + " row blocks with stride 0");
        }
        return new ShiftedPlanes(this, first, blockRows, stride, blocks);
    }

    /** The floats an array must hold for these sizes, padding and slack included. */
    public static long floats(int images, int channels, int gridH, int gridW, int shiftsY, int shiftsX) {
        return (long) images * channels * (gridH + shiftsY - 1) * (gridW + shiftsX - 1) + SLACK;
    }

    /** Rows of B: shifts times channels, or those of the view's blocks. */
    public int rows() {
        return rowCount;
    }

    /** Columns of B: images times grid pixels. */
    public int columns() {
        return images * gridH * gridW;
    }

    /**
     * Fills the padded plane of image j, channel c from a source plane of srcH×srcW at
     * src[from..]: padded[r][q] = source[r + top][q + left] where that lies inside the
     * source, 0 elsewhere. So row y·X + x of B reads source pixel (a + top + y, b + left + x).
     */
    public void loadPlane(int j, int c, float[] src, int from, int srcH, int srcW, int top, int left) {
        loadPlane(j, c, src, from, srcW, 1, srcH, srcW, top, left);
    }

    /**
     * {@link #loadPlane(int, int, float[], int, int, int, int, int)} from a source whose
     * pixel (i, q) is src[from + i·rowPitch + q·step]: one phase of a plane read at a stride
     * (a strided convolution's input, phase by phase, so that each phase is a stride-1
     * correlation). A step above 1 goes to the {@link StridedCopy} kernel, whole rows at once.
     */
    public void loadPlane(int j, int c, float[] src, int from, int rowPitch, int step, int srcH, int srcW, int top,
                          int left) {
        int d0 = (j * channels + c) * plane;
        int planeRows = gridH + shiftsY - 1;
        int qLo = Math.min(pitch, Math.max(0, -left));
        int qHi = Math.max(qLo, Math.min(pitch, srcW - left));
        // the plane rows [rLo, rHi) lie in the source; the others are zeros
        int rLo = Math.min(planeRows, Math.max(0, -top));
        int rHi = qLo == qHi ? rLo : Math.max(rLo, Math.min(planeRows, srcH - top));
        Arrays.fill(data, d0, d0 + rLo * pitch, 0f);
        if (step == 1) {
            for (int r = rLo; r < rHi; r++) {
                int d = d0 + r * pitch;
                int s = from + (r + top) * rowPitch + left;
                for (int q = qLo; q < qHi; q++) {
                    data[d + q] = src[s + q];
                }
            }
        } else if (rHi > rLo) {
            Kernels.stridedCopy().copy(src, from + (rLo + top) * rowPitch + (left + qLo) * step, rowPitch, step,
                    rHi - rLo, qHi - qLo, data, d0 + rLo * pitch + qLo, pitch);
        }
        // the borders after the rows: the strided copy may have written anything between them
        for (int r = rLo; r < rHi; r++) {
            int d = d0 + r * pitch;
            for (int q = 0; q < qLo; q++) {
                data[d + q] = 0f;
            }
            for (int q = qHi; q < pitch; q++) {
                data[d + q] = 0f;
            }
        }
        Arrays.fill(data, d0 + rHi * pitch, d0 + planeRows * pitch, 0f);
    }

    /**
     * Writes rows [row, row + k) of B, all its columns, row-major into dst[at..]: the
     * reference, and what the backends that multiply only stored matrices read.
     */
    public void copyRows(int row, int k, float[] dst, int at) {
        int n = columns();
        for (int p = 0; p < k; p++) {
            int r = rowOffset(row + p);
            int d = at + p * n;
            for (int col = 0; col < n; col++) {
                dst[d + col] = data[columnOffset(col) + r];
            }
        }
    }

    /**
     * Rows [row, row + k) of B written out row-major into this thread's buffer (reused by
     * the thread's next call), for the backends that multiply only stored matrices.
     */
    float[] writtenOut(int row, int k) {
        float[][] holder = WRITTEN_OUT.get();
        long floats = (long) k * columns();
        if (holder[0].length < floats) {
            holder[0] = new float[Math.toIntExact(floats)];
        }
        copyRows(row, k, holder[0], 0);
        return holder[0];
    }

    /** The planes' array: B[r][col] is at {@code columnOffset(col) + rowOffset(r)}. */
    float[] data() {
        return data;
    }

    /** Where row r's shifted channel starts, relative to a column's offset. */
    int rowOffset(int r) {
        r = rowFirst + r / blockRows * blockStride + r % blockRows;
        int perShift = channels;
        int shift = r / perShift;
        int c = r - shift * perShift;
        return c * plane + (shift / shiftsX) * pitch + shift % shiftsX;
    }

    /** Where column col's pixel lies for row 0 (no shift, channel 0). */
    int columnOffset(int col) {
        int grid = gridH * gridW;
        int j = col / grid;
        int rem = col - j * grid;
        int a = rem / gridW;
        return j * channels * plane + a * pitch + rem - a * gridW;
    }

    /** {@code dst[i] = columnOffset(col0 + i)} for i &lt; count, walking the grid instead of dividing. */
    void columnOffsets(int col0, int count, int[] dst) {
        if (count == 0) {
            return;
        }
        int at = columnOffset(col0);
        int b = col0 % gridW;
        int a = col0 / gridW % gridH;
        for (int i = 0; i < count; i++) {
            dst[i] = at;
            if (++b < gridW) {
                at++;
            } else if (++a < gridH) {
                b = 0;
                at += pitch - gridW + 1;
            } else {
                a = 0;
                b = 0;
                at += plane * channels - (gridH - 1) * pitch - gridW + 1;
            }
        }
    }

    /**
     * Cuts columns [col0, col0 + cols) into pieces of at most {@code most} columns that are
     * consecutive in memory (one grid row at most): piece i starts at column offset
     * {@code at[i]} and holds columns from {@code col0 + first[i]}. Returns the count.
     */
    int pieces(int col0, int cols, int most, int[] at, int[] first) {
        int count = 0;
        for (int i = 0; i < cols; ) {
            int col = col0 + i;
            int b = col % gridW;
            at[count] = columnOffset(col);
            first[count] = i;
            count++;
            i += Math.min(most, Math.min(gridW - b, cols - i));
        }
        return count;
    }
}
