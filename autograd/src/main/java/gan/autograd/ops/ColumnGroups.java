package gan.autograd.ops;

import gan.tensor.ConvGeometry;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.StridedCopy;
import java.util.Arrays;

/**
 * The column layout that lets a convolution run a few large GEMMs instead of one small
 * GEMM per image: the im2col matrices of a group of images side by side, shape
 * [patchSize, count·outPixels], image j of the group in columns [j·outPixels, (j+1)·outPixels).
 * A per-image GEMM of n = 49 or 196 columns spends most of its time packing operands and
 * starting tasks; over a group n is a few thousand and the FMA kernel dominates.
 *
 * <p>Also the gathers and scatters between the batch layout [N, channels, pixels] and the
 * group layouts [channels, count·pixels] (for the left operand or result of a GEMM) and
 * [count·pixels, channels] (its transpose, for a right operand whose long side must be
 * stride-1 so that no transposed packing is needed).
 *
 * <p>The groups are also the unit of parallel work: a convolution runs its groups as
 * tasks ({@link #forEachGroup}), each group's im2col, GEMM and scatter whole on one thread,
 * instead of splitting every GEMM and every copy over the threads and waiting for all of
 * them after each one. The cores then stay busy through the copies, and each GEMM packs its
 * operands once instead of once per block of C. A batch that makes a single group still
 * splits inside its GEMM and copies (by (image, channel), whose outputs are disjoint).
 * Group sizes and the weight gradient's partial sums ({@link #forEachChunk}) depend only on
 * the shapes, so results do not depend on the thread count.
 */
final class ColumnGroups {
    /** Column-matrix floats per group: bounded memory, yet n in the thousands for the cGAN layers. */
    static final long COLUMN_FLOATS = 1L << 21;
    /** Column-matrix elements per thread below which forking costs more than it saves. */
    private static final long PARALLEL_ELEMENTS = 1L << 16;
    /** Groups a batch is cut into when the GEMMs stay large enough: tasks for up to 8 cores. */
    static final int TASKS = 8;
    /** GEMM columns (count · pixels) a group keeps when the batch allows: fewer, and packing the weights shows. */
    static final int MIN_COLUMNS = 768;

    private ColumnGroups() {}

    /**
     * Images per group for a column matrix of {@code perImage} floats and {@code pixels}
     * GEMM columns per image, in a batch of n: at most {@code limit} floats per group (at
     * least one image); within that, {@link #TASKS} groups if each still has
     * {@link #MIN_COLUMNS} columns, else as few as keep that many. Groups are made as even
     * as possible, and an odd count of several is made even: the cGAN's 14 -> 28 forward cut
     * its 128 images into 14 groups of 9 and one of 2, and one core waited through the last
     * group of every call. Depends only on the shapes, never on the thread count.
     */
    static int groupSize(int n, long perImage, int pixels, long limit) {
        int most = (int) Math.max(1, Math.min(n, limit / Math.max(1, perImage)));
        int least = (MIN_COLUMNS + Math.max(1, pixels) - 1) / Math.max(1, pixels);
        int size = Math.min(most, Math.max(least, (n + TASKS - 1) / TASKS));
        int groups = (n + size - 1) / size;
        if (groups > 1 && groups % 2 == 1 && groups < n) {
            groups++;
        }
        return Math.max(1, (n + groups - 1) / Math.max(1, groups));
    }

    /** The work of one group: images [first, first + count) of the batch. */
    @FunctionalInterface
    interface GroupBody {
        /** Processes the group that starts at image {@code first}. */
        void run(int first, int count);
    }

    /** The work of one group inside a chunk of consecutive groups that share a partial sum. */
    @FunctionalInterface
    interface ChunkBody {
        /** Processes the group at {@code first}; {@code start} is true for the chunk's first group. */
        void run(int chunk, int first, int count, boolean start);
    }

    /**
     * Runs body for each group of {@code group} images of a batch of n, the groups as
     * parallel tasks. Inside a task the copies and the GEMM run on the task's thread (the
     * pool runs nested work in place), so each uses that thread's {@link Scratch} arrays;
     * anything shared (a gradient array) must be allocated before, and groups must write
     * disjoint images.
     */
    static void forEachGroup(int n, int group, GroupBody body) {
        int groups = (n + group - 1) / group;
        Parallel.forTasks(groups, t -> body.run(t * group, Math.min(group, n - t * group)));
    }

    /**
     * Floats all chunks' partial weight gradients may take together. acgan's 385 -> 192 5x5
     * layer has 1.85 M weights: eight partials (59 MB) streamed through memory cost more than
     * the parallel chunks gained, and made its step slower than one shared sum.
     */
    static final long PARTIAL_FLOATS = 1L << 22;

    /**
     * Most chunks of a weight gradient: twice {@link #TASKS}. Each chunk is a task whose groups
     * run in order; with at most eight, the cGAN's 14 -> 28 backward (26 groups) left one core
     * idle for 14 ms of core time a step at the end of its two calls, waiting on the other's
     * last chunk (13 chunks of two groups gained nothing; 16 did).
     */
    static final int CHUNKS = 2 * TASKS;

    /**
     * Chunks {@link #forEachChunk} cuts the groups of a batch of n into, for a weight gradient
     * of {@code weights} floats: up to {@link #CHUNKS}, as many as fit in {@link #PARTIAL_FLOATS}.
     */
    static int chunks(int n, int group, long weights) {
        long fit = Math.max(1, PARTIAL_FLOATS / Math.max(1, weights));
        return (int) Math.min(Math.min(CHUNKS, fit), (n + group - 1) / group);
    }

    /**
     * Runs body for each group, the groups cut into {@code chunks} ({@link #chunks}) runs of
     * consecutive groups: a chunk's groups in order on one thread (so they can add into the
     * chunk's own partial sum), the chunks as parallel tasks. The cut depends only on the
     * shapes, so summing the partials in chunk order gives the same bits on any thread count.
     */
    static void forEachChunk(int n, int group, int chunks, ChunkBody body) {
        int groups = (n + group - 1) / group;
        Parallel.forTasks(chunks, k -> {
            int from = (int) ((long) groups * k / chunks);
            int to = (int) ((long) groups * (k + 1) / chunks);
            for (int t = from; t < to; t++) {
                body.run(k, t * group, Math.min(group, n - t * group), t == from);
            }
        });
    }

    /** Side of the square tiles {@link #addTransposedChunks} transposes in. */
    private static final int TILE = 16;

    /**
     * dst[r, c] += Σ_k partials[k·size + c·rows + r] over the chunks k in order: the chunks'
     * weight gradients, each computed transposed ([cols, rows]), summed and added back.
     * Tile by tile: the chunks are summed into a 16x16 tile along their stride-1 rows, then
     * the tile is added to dst transposed. Element by element (the chunks read down a column,
     * stride rows), it took 2.5 ms for the cGAN's 128 x 2048 weights in 8 chunks.
     */
    static void addTransposedChunks(float[] partials, int chunks, int rows, int cols, float[] dst) {
        addTransposedChunks(partials, chunks, rows, cols, null, dst);
    }

    /**
     * {@link #addTransposedChunks(float[], int, int, int, float[])} with the partials' rows
     * in another order: partial row c goes to column {@code order[c]} of dst (the
     * {@link PhaseColumns} order); a null order is the identity.
     */
    static void addTransposedChunks(float[] partials, int chunks, int rows, int cols, int[] order, float[] dst) {
        int size = rows * cols;
        int bands = (rows + TILE - 1) / TILE;
        Parallel.forRange(bands, grain((long) TILE * cols * chunks), (lo, hi) -> {
            float[] tile = new float[TILE * TILE];
            for (int r0 = lo * TILE; r0 < Math.min(rows, hi * TILE); r0 += TILE) {
                int h = Math.min(rows, r0 + TILE) - r0;
                for (int c0 = 0; c0 < cols; c0 += TILE) {
                    int w = Math.min(cols, c0 + TILE) - c0;
                    for (int c = 0; c < w; c++) {
                        System.arraycopy(partials, (c0 + c) * rows + r0, tile, c * TILE, h);
                    }
                    for (int k = 1; k < chunks; k++) {
                        for (int c = 0; c < w; c++) {
                            int src = k * size + (c0 + c) * rows + r0;
                            int t = c * TILE;
                            for (int r = 0; r < h; r++) {
                                tile[t + r] += partials[src + r];
                            }
                        }
                    }
                    for (int r = 0; r < h; r++) {
                        int d = (r0 + r) * cols;
                        for (int c = 0; c < w; c++) {
                            dst[d + (order == null ? c0 + c : order[c0 + c])] += tile[c * TILE + r];
                        }
                    }
                }
            }
        });
    }

    /**
     * Rows of the column matrix made and used at a time ({@link #forEachSlice}): one k-slice
     * of the vector GEMM. A group's whole column matrix is several MB (8 MB for the cGAN's
     * 128 -> 128 4x4 layer), more than the L2 cache, so between the im2col that wrote it and
     * the GEMM packing that read it back it went out to memory; a slice stays in cache.
     */
    static final int SLICE_ROWS = 256;
    /** Floats of one slice of a group's columns (1 MB), for sizing groups that work slice by slice. */
    static final long SLICE_FLOATS = 1L << 18;

    /** Channels of one slice for {@code g}: whole channels of kh·kw rows, about {@link #SLICE_ROWS} rows. */
    static int sliceChannels(ConvGeometry g) {
        return Math.max(1, SLICE_ROWS / (g.kH * g.kW));
    }

    /** {@link #groupSize} for work that holds one slice of the columns at a time. */
    static int sliceGroupSize(int n, ConvGeometry g, long columnFloats) {
        long rows = (long) Math.min(g.channels, sliceChannels(g)) * g.kH * g.kW;
        return groupSize(n, rows * g.outPixels(), g.outPixels(), Math.min(columnFloats, SLICE_FLOATS));
    }

    /** The work on one slice of a group's column matrix: the rows of channels [c0, c1), at the top of cols. */
    @FunctionalInterface
    interface SliceBody {
        /** Uses the slice's {@code (c1 - c0) · kh · kw} rows of {@code cols}. */
        void run(int c0, int c1, float[] cols);
    }

    /**
     * The im2col of images [first, first + count) of img, {@link #sliceChannels} channels at a
     * time, each slice handed to body while it is in cache. A product with the whole column
     * matrix as its inner dimension adds the slices' parts (W · cols = Σ W[:, slice] · cols_slice,
     * with W cut by {@link #columnBlocks}); one with it as rows gets each slice's rows.
     */
    static void forEachSlice(ConvGeometry g, float[] img, int first, int count, SliceBody body) {
        forEachSlice(g, img, first, count, null, body);
    }

    /**
     * {@link #forEachSlice(ConvGeometry, float[], int, int, SliceBody)}, also setting
     * {@code planeSums[i·C + c]} to the sum of plane (i, c) of img for the group's images
     * (unless planeSums is null): the im2col reads every plane anyway, and a bias gradient
     * summed from these is one pass over img fewer ({@link #sumPlanes}).
     */
    static void forEachSlice(ConvGeometry g, float[] img, int first, int count, float[] planeSums, SliceBody body) {
        int step = sliceChannels(g);
        int pixels = g.outPixels();
        float[] cols = Scratch.get(Scratch.Slot.COLUMNS,
                Math.max(1, (long) Math.min(g.channels, step) * g.kH * g.kW * count * pixels));
        for (int c0 = 0; c0 < g.channels; c0 += step) {
            int c1 = Math.min(g.channels, c0 + step);
            im2col(g, img, first, count, c0, c1, cols, planeSums);
            body.run(c0, c1, cols);
        }
    }

    /**
     * {@code acc[c] += Σ_i planeSums[i·C + c]} over the n images in order: for planes of 8
     * pixels or more, the very sums {@link Broadcast#sumPerChannel} makes.
     */
    static void sumPlanes(float[] planeSums, int n, int channels, float[] acc) {
        for (int c = 0; c < channels; c++) {
            float s = 0f;
            for (int i = 0; i < n; i++) {
                s += planeSums[i * channels + c];
            }
            acc[c] += s;
        }
    }

    /**
     * w [rows, channels·taps] cut into the column blocks of {@link #forEachSlice}'s slices
     * ({@code step} channels, the last maybe fewer), each stored as its own row-major [rows,
     * width] matrix, one after another: block [c0, c1) starts at rows·c0·taps. The array is
     * the calling thread's scratch, read (not written) by the tasks the call then starts.
     */
    static float[] columnBlocks(float[] w, int rows, int channels, int taps, int step) {
        return columnBlocks(w, rows, channels, taps, step, null);
    }

    /**
     * {@link #columnBlocks(float[], int, int, int, int)} with the columns taken in another
     * order: column i of the blocks (counted across them) is column {@code order[i]} of w
     * (the {@link PhaseColumns} order); a null order is the identity.
     */
    static float[] columnBlocks(float[] w, int rows, int channels, int taps, int step, int[] order) {
        float[] out = Scratch.get(Scratch.Slot.COLUMN_BLOCKS, (long) rows * channels * taps);
        int width = channels * taps;
        for (int c0 = 0; c0 < channels; c0 += step) {
            int block = (Math.min(channels, c0 + step) - c0) * taps;
            int base = rows * c0 * taps;
            for (int r = 0; r < rows; r++) {
                if (order == null) {
                    System.arraycopy(w, r * width + c0 * taps, out, base + r * block, block);
                    continue;
                }
                for (int i = 0; i < block; i++) {
                    out[base + r * block + i] = w[r * width + order[c0 * taps + i]];
                }
            }
        }
        return out;
    }

    /** im2col of images [first, first + count) of {@code img} (each g.inSize() floats) into cols. */
    static void im2col(ConvGeometry g, float[] img, int first, int count, float[] cols) {
        im2col(g, img, first, count, 0, g.channels, cols);
    }

    /**
     * The rows of channels [c0, c1) only of that im2col, written from the top of cols: a
     * slice of the column matrix, for products that consume it slice by slice while it is
     * still in cache.
     */
    static void im2col(ConvGeometry g, float[] img, int first, int count, int c0, int c1, float[] cols) {
        im2col(g, img, first, count, c0, c1, cols, null);
    }

    /** That im2col, also summing each plane it reads into {@code planeSums[plane index]} unless null. */
    private static void im2col(ConvGeometry g, float[] img, int first, int count, int c0, int c1, float[] cols,
            float[] planeSums) {
        int pixels = g.outPixels();
        int ld = count * pixels;
        int planes = c1 - c0;
        int planeSize = g.inH * g.inW;
        if (g.strideW > 1) {
            PaddedPlane plane = new PaddedPlane(g);
            plane.forEachPlane(first, count, c0, c1, (padded, planeAt, rowsAt) -> {
                plane.load(img, planeAt, padded);
                plane.gather(padded, cols, rowsAt, ld);
                if (planeSums != null) {
                    // just copied, so read from cache
                    planeSums[planeAt / planeSize] = Broadcast.sum(img, planeAt, planeSize);
                }
            });
            return;
        }
        int skip = c0 * planeSize;
        Parallel.forRange(count * planes, grain(g), (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int j = u / planes;
                int imgOff = (first + j) * g.inSize() + skip;
                im2colChannel(g, img, imgOff, cols, j * pixels, ld, u % planes);
                if (planeSums != null) {
                    int planeAt = imgOff + u % planes * planeSize;
                    planeSums[planeAt / planeSize] = Broadcast.sum(img, planeAt, planeSize);
                }
            }
        });
    }

    /** Adds the columns of cols back into images [first, first + count) of {@code img} (adjoint of im2col). */
    static void col2im(ConvGeometry g, float[] cols, int first, int count, float[] img) {
        int pixels = g.outPixels();
        int ld = count * pixels;
        if (g.strideW > 1) {
            PaddedPlane plane = new PaddedPlane(g);
            plane.forEachPlane(first, count, 0, g.channels, (padded, planeAt, rowsAt) -> {
                plane.scatter(cols, rowsAt, ld, padded);
                plane.addInto(padded, img, planeAt);
            });
            return;
        }
        Parallel.forRange(count * g.channels, grain(g), (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int j = u / g.channels;
                col2imChannel(g, cols, j * pixels, ld, img, (first + j) * g.inSize(), u % g.channels);
            }
        });
    }

    /**
     * One input plane inside its zero border, for the strided im2col and col2im: with the
     * padding stored, every tap (ky, kx) reads output pixel (oy, ox) at
     * {@code (oy·sh + ky)·Wp + ox·sw + kx}, with no bounds tests. Each tap's block of rows goes
     * to the {@link StridedCopy} kernel: vector moves for stride 2, a flat loop over a table
     * of offsets in plain Java (a loop per 7- or 14-pixel row spends more on its bounds and
     * exits than on copying it).
     */
    private static final class PaddedPlane {
        private final ConvGeometry g;
        private final int wp;
        private final int hp;

        PaddedPlane(ConvGeometry g) {
            this.g = g;
            this.wp = Math.max(g.padLeft + g.inW + Math.max(g.padRight, 0), (g.outW - 1) * g.strideW + g.kW);
            this.hp = Math.max(g.padTop + g.inH + Math.max(g.padBottom, 0), (g.outH - 1) * g.strideH + g.kH);
        }

        /** The work on one (image, channel) plane of a group. */
        @FunctionalInterface
        interface PlaneWork {
            /**
             * Handles the plane at {@code planeAt} in the batch, whose kh·kw rows of the
             * group's column matrix start at {@code rowsAt}, with this thread's padded buffer.
             */
            void run(float[] padded, int planeAt, int rowsAt);
        }

        /**
         * Runs work on the planes of channels [c0, c1) of images [first, first + count), split
         * over threads by (image, channel); channel c0's rows are the first of the column matrix.
         */
        void forEachPlane(int first, int count, int c0, int c1, PlaneWork work) {
            int pixels = g.outPixels();
            int ld = count * pixels;
            int planes = c1 - c0;
            Parallel.forRange(count * planes, grain(g), (lo, hi) -> {
                float[] padded = scratch();
                for (int u = lo; u < hi; u++) {
                    int j = u / planes;
                    int c = u % planes;
                    int planeAt = (first + j) * g.inSize() + (c0 + c) * g.inH * g.inW;
                    work.run(padded, planeAt, c * g.kH * g.kW * ld + j * pixels);
                }
            });
        }

        /** This thread's padded plane, all zeros. */
        float[] scratch() {
            float[] padded = Scratch.get(Scratch.Slot.PADDED, (long) hp * wp);
            Arrays.fill(padded, 0, hp * wp, 0f);
            return padded;
        }

        /** Copies the plane at img[from..] inside the border; the border is never written, so it stays zero. */
        void load(float[] img, int from, float[] padded) {
            for (int y = 0; y < g.inH; y++) {
                System.arraycopy(img, from + y * g.inW, padded, (g.padTop + y) * wp + g.padLeft, g.inW);
            }
        }

        /**
         * cols[row(ky, kx) + oy·outW + ox] = padded[(oy·sh + ky)·Wp + ox·sw + kx] for every
         * tap, rows {@code ld} apart: each tap's block by the strided copy kernel.
         */
        void gather(float[] padded, float[] cols, int first, int ld) {
            StridedCopy copy = Kernels.stridedCopy();
            for (int ky = 0, row = first; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++, row += ld) {
                    copy.copy(padded, ky * wp + kx, g.strideH * wp, g.strideW, g.outH, g.outW, cols, row);
                }
            }
        }

        /**
         * padded[(oy·sh + ky)·Wp + ox·sw + kx] += cols[row(ky, kx) + oy·outW + ox], into a
         * zeroed plane (the adjoint of gather), each tap by the strided copy kernel.
         */
        void scatter(float[] cols, int first, int ld, float[] padded) {
            Arrays.fill(padded, 0, hp * wp, 0f);
            StridedCopy copy = Kernels.stridedCopy();
            for (int ky = 0, row = first; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++, row += ld) {
                    copy.addBack(cols, row, g.outW, g.outH, padded, ky * wp + kx, g.strideH * wp, g.strideW);
                }
            }
        }

        /** img[from + y·W + x] += the plane's inside; the border (taps outside the image) is dropped. */
        void addInto(float[] padded, float[] img, int from) {
            for (int y = 0; y < g.inH; y++) {
                int src = (g.padTop + y) * wp + g.padLeft;
                int dst = from + y * g.inW;
                for (int x = 0; x < g.inW; x++) {
                    img[dst + x] += padded[src + x];
                }
            }
        }
    }

    private static void im2colChannel(ConvGeometry g, float[] img, int imgOff, float[] cols, int colOff, int ld,
            int c) {
        int s = g.strideW;
        for (int ky = 0; ky < g.kH; ky++) {
            for (int kx = 0; kx < g.kW; kx++) {
                int row = ((c * g.kH + ky) * g.kW + kx) * ld + colOff;
                int lo = g.firstColumnInside(kx);
                int hi = Math.max(lo, g.endColumnInside(kx));
                for (int oy = 0; oy < g.outH; oy++) {
                    int iy = oy * g.strideH - g.padTop + ky;
                    int dst = row + oy * g.outW;
                    if (iy < 0 || iy >= g.inH) {
                        zero(cols, dst, g.outW);
                        continue;
                    }
                    zero(cols, dst, lo);
                    zero(cols, dst + hi, g.outW - hi);
                    if (hi == lo) {
                        continue; // no tap inside: src may point past the image, so touch nothing
                    }
                    int src = imgOff + (c * g.inH + iy) * g.inW + lo * s - g.padLeft + kx;
                    if (s == 1) {
                        System.arraycopy(img, src, cols, dst + lo, hi - lo);
                    } else {
                        for (int ox = lo; ox < hi; ox++, src += s) {
                            cols[dst + ox] = img[src];
                        }
                    }
                }
            }
        }
    }

    private static void col2imChannel(ConvGeometry g, float[] cols, int colOff, int ld, float[] img, int imgOff,
            int c) {
        int s = g.strideW;
        for (int ky = 0; ky < g.kH; ky++) {
            for (int kx = 0; kx < g.kW; kx++) {
                int row = ((c * g.kH + ky) * g.kW + kx) * ld + colOff;
                int lo = g.firstColumnInside(kx);
                int hi = g.endColumnInside(kx);
                for (int oy = 0; oy < g.outH; oy++) {
                    int iy = oy * g.strideH - g.padTop + ky;
                    if (iy < 0 || iy >= g.inH) {
                        continue;
                    }
                    int src = row + oy * g.outW;
                    int dst = imgOff + (c * g.inH + iy) * g.inW + lo * s - g.padLeft + kx;
                    if (s == 1) {
                        for (int ox = lo; ox < hi; ox++) {
                            img[dst + ox - lo] += cols[src + ox];
                        }
                    } else {
                        for (int ox = lo; ox < hi; ox++, dst += s) {
                            img[dst] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** Rows of a few floats are zeroed inline: an Arrays.fill call costs more than it clears. */
    private static void zero(float[] a, int from, int len) {
        for (int i = from; i < from + len; i++) {
            a[i] = 0f;
        }
    }

    /** dst[ch, j·pixels + p] = src[first + j, ch, p]: a group as the [channels, count·pixels] matrix. */
    static void gather(float[] src, int first, int count, int channels, int pixels, float[] dst) {
        int ld = count * pixels;
        for (int j = 0; j < count; j++) {
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(src, ((first + j) * channels + ch) * pixels, dst, ch * ld + j * pixels, pixels);
            }
        }
    }

    /** dst[j·pixels + p, ch] = src[first + j, ch, p]: a group as the [count·pixels, channels] matrix. */
    static void gatherTransposed(float[] src, int first, int count, int channels, int pixels, float[] dst) {
        for (int j = 0; j < count; j++) {
            int s0 = (first + j) * channels * pixels;
            int d0 = j * pixels * channels;
            // 16x16 tiles: the tile's 16 destination lines stay in L1 while its channels fill them
            for (int c0 = 0; c0 < channels; c0 += TILE) {
                int c1 = Math.min(channels, c0 + TILE);
                for (int p0 = 0; p0 < pixels; p0 += TILE) {
                    int p1 = Math.min(pixels, p0 + TILE);
                    for (int ch = c0; ch < c1; ch++) {
                        int s = s0 + ch * pixels;
                        for (int p = p0, d = d0 + p0 * channels + ch; p < p1; p++, d += channels) {
                            dst[d] = src[s + p];
                        }
                    }
                }
            }
        }
    }

    /**
     * dst[first + j, ch, p] = src[ch, j·pixels + p] + bias[ch] (bias may be null): a GEMM
     * result of the group back into the batch layout, with the bias added on the way.
     */
    static void scatter(float[] src, int first, int count, int channels, int pixels, float[] bias, float[] dst) {
        int ld = count * pixels;
        for (int j = 0; j < count; j++) {
            for (int ch = 0; ch < channels; ch++) {
                int s = ch * ld + j * pixels;
                int d = ((first + j) * channels + ch) * pixels;
                if (bias == null) {
                    System.arraycopy(src, s, dst, d, pixels);
                } else {
                    float v = bias[ch];
                    for (int p = 0; p < pixels; p++) {
                        dst[d + p] = src[s + p] + v;
                    }
                }
            }
        }
    }

    /** dst[first + j, ch, p] += src[ch, j·pixels + p]. */
    static void scatterAdd(float[] src, int first, int count, int channels, int pixels, float[] dst) {
        int ld = count * pixels;
        for (int j = 0; j < count; j++) {
            for (int ch = 0; ch < channels; ch++) {
                int s = ch * ld + j * pixels;
                int d = ((first + j) * channels + ch) * pixels;
                for (int p = 0; p < pixels; p++) {
                    dst[d + p] += src[s + p];
                }
            }
        }
    }

    /** (Image, channel) units per thread at least, so small groups stay on one thread. */
    private static int grain(ConvGeometry g) {
        return grain((long) g.kH * g.kW * g.outPixels());
    }

    /** Units per thread at least, for units of {@code perUnit} elements. */
    static int grain(long perUnit) {
        return (int) Math.max(1, PARALLEL_ELEMENTS / Math.max(1, perUnit));
    }


}
