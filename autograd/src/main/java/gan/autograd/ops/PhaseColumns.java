package gan.autograd.ops;

import gan.tensor.ConvGeometry;
import gan.tensor.Parallel;
import gan.tensor.ShiftedPlanes;

/**
 * The column matrix of a strided convolution whose stride divides its kernel, never written
 * out: the input's phases, each read through a few shifts ({@link ShiftedPlanes}).
 *
 * <p>A convolution with stride s and padding (padTop, padLeft) reads, for output row a and
 * tap ky, input row iy = a·s − padTop + ky. Write iy = s·t + r: row t of phase r. The taps
 * that reach phase r are ky = k_r + s·d with k_r = (r + padTop) mod s and d &lt; kh / s, and
 * tap d reads t = a + d + off_r, off_r = (k_r − padTop − r) / s (exact). So each phase is a
 * stride-1 correlation with kh / s taps per axis: loaded with its own offsets (top off_ry,
 * left off_rx), phase (ry, rx) of an input plane read through shift (dy, dx) is exactly the
 * im2col row of tap (k_ry + s·dy, k_rx + s·dx). The rows of a slice of channels [c0, c1)
 * are ordered [dy][dx][phase][channel]; {@link #order} says which kernel column each is.
 *
 * <p>im2col writes kh·kw / s² floats per input float (4 for the cGAN's 4x4 stride-2 layers);
 * these planes hold about one, and the GEMMs pack their panels from them (the weight
 * gradient's A row by row, {@link gan.tensor.Gemm#sgemm(ShiftedPlanes, int, int, int, int,
 * float[], int, float, float[], int)}). The transposed convolution's gradients spent 3.8% of
 * a cGAN step writing that im2col (the strided copy, JFR); loading the phases and copying
 * the planes' rows cost nearly as much, and the gain is in what smaller slices' data allow:
 * {@link #SLICE_ROWS}.
 */
final class PhaseColumns {
    /**
     * Rows of the column matrix per slice: 1024, four times im2col's
     * ({@link ColumnGroups#SLICE_ROWS}), since the planes that stand for them are a quarter
     * of their size at stride 2. Fewer passes over the data gradient's group and fewer
     * packings of the weight gradient's right operand: a cGAN step 3% faster than at 256
     * rows (AbStep, 0.308 against 0.317 s); 512 rows 0.310, 2048 0.314. Groups larger than
     * im2col's (8, 11, 16 images against 5) were no faster or slower.
     */
    static final int SLICE_ROWS = 1024;

    private final ConvGeometry g;
    private final int stride;
    private final int tapsY;
    private final int tapsX;
    /** Channels per slice: {@link #SLICE_ROWS} rows' worth. */
    private final int step;
    private final Axis rows;
    private final Axis columns;

    /** The phases of {@code g}'s input; g must {@link #fits}. */
    PhaseColumns(ConvGeometry g) {
        if (!fits(g)) {
            throw new IllegalArgumentException("phase columns need equal strides that divide the kernel: " + g);
        }
        this.g = g;
        this.stride = g.strideH;
        this.tapsY = g.kH / stride;
        this.tapsX = g.kW / stride;
        this.step = Math.max(1, SLICE_ROWS / (g.kH * g.kW));
        this.rows = new Axis(g.inH, g.padTop, stride);
        this.columns = new Axis(g.inW, g.padLeft, stride);
    }

    /** Channels per slice: whole channels of kh·kw rows, about {@link #SLICE_ROWS} rows. */
    int sliceChannels() {
        return step;
    }

    /** Whether g's input can be cut into phases: equal strides that divide the kernel's sides. */
    static boolean fits(ConvGeometry g) {
        return g.strideH == g.strideW && g.kH % g.strideH == 0 && g.kW % g.strideW == 0;
    }

    /**
     * Whether the phases beat im2col for g, whose output has {@code outChannels} channels,
     * over n images: strided (at stride 1 they are an im2col that is not written out, not
     * measured), and at least as many output pixels n·outH·outW as output channels. Below
     * that the column matrix is smaller than the weights, which the phases copy permuted:
     * pix2pix's 1 -> 2 .. 16 -> 32 layers (512 or 1024 input channels, batch 1) took
     * 1.04–1.10 times im2col's time, its 32 -> 64 .. 128 -> 256 layers 0.77–0.94, the cGAN's
     * 14 -> 28 0.97 (forward and both gradients, alternated in one JVM).
     */
    static boolean pays(ConvGeometry g, int outChannels, int n) {
        return fits(g) && g.strideH > 1 && (long) n * g.outPixels() >= outChannels;
    }

    /**
     * For each row of the slices' planes, in slice order (slice [c0, c1) from row c0·kh·kw),
     * the kernel column [channel][ky][kx] it multiplies.
     */
    int[] order() {
        int taps = g.kH * g.kW;
        int[] order = new int[g.channels * taps];
        for (int c0 = 0; c0 < g.channels; c0 += step) {
            int count = Math.min(g.channels, c0 + step) - c0;
            int at = c0 * taps;
            for (int dy = 0; dy < tapsY; dy++) {
                for (int dx = 0; dx < tapsX; dx++) {
                    for (int ry = 0; ry < stride; ry++) {
                        for (int rx = 0; rx < stride; rx++) {
                            int tap = (rows.k[ry] + stride * dy) * g.kW + columns.k[rx] + stride * dx;
                            for (int c = c0; c < c0 + count; c++) {
                                order[at++] = c * taps + tap;
                            }
                        }
                    }
                }
            }
        }
        return order;
    }

    /**
     * The phases of images [first, first + count) of img, {@link #sliceChannels} channels at
     * a time, each slice handed to body while it is in cache, as
     * {@link ColumnGroups#forEachSlice} hands the im2col's slices; also sets
     * {@code planeSums[i·C + c]} to the sum of plane (i, c) unless planeSums is null.
     */
    void forEachSlice(float[] img, int first, int count, float[] planeSums, Body body) {
        int phases = stride * stride;
        float[] data = Scratch.get(Scratch.Slot.COLUMNS, ShiftedPlanes.floats(count,
                phases * Math.min(step, g.channels), g.outH, g.outW, tapsY, tapsX));
        for (int c0 = 0; c0 < g.channels; c0 += step) {
            int c1 = Math.min(g.channels, c0 + step);
            ShiftedPlanes planes = new ShiftedPlanes(data, count, phases * (c1 - c0), g.outH, g.outW, tapsY, tapsX);
            load(planes, img, first, count, c0, c1, planeSums);
            body.run(c0, c1, planes);
        }
    }

    /** The work on one slice: the planes of channels [c0, c1), rows ordered as {@link #order} says. */
    @FunctionalInterface
    interface Body {
        /** Uses the slice's {@code (c1 - c0) · kh · kw} rows. */
        void run(int c0, int c1, ShiftedPlanes planes);
    }

    /** Loads every phase of channels [c0, c1) of the group's images into planes, by (image, channel). */
    private void load(ShiftedPlanes planes, float[] img, int first, int count, int c0, int c1, float[] planeSums) {
        int channels = c1 - c0;
        int planeSize = g.inH * g.inW;
        Parallel.forRange(count * channels, ColumnGroups.grain(planeSize), (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int j = u / channels;
                int c = u % channels;
                int planeAt = ((first + j) * g.channels + c0 + c) * planeSize;
                for (int ry = 0; ry < stride; ry++) {
                    for (int rx = 0; rx < stride; rx++) {
                        planes.loadPlane(j, (ry * stride + rx) * channels + c, img,
                                planeAt + ry * g.inW + rx, stride * g.inW, stride, rows.count[ry],
                                columns.count[rx], rows.offset[ry], columns.offset[rx]);
                    }
                }
                if (planeSums != null) {
                    // just read, so summed from cache
                    planeSums[planeAt / planeSize] = Broadcast.sum(img, planeAt, planeSize);
                }
            }
        });
    }

    /** The phases along one axis: for phase r, its length, its first tap k_r and the offset off_r its taps read from. */
    private static final class Axis {
        final int[] count;
        final int[] k;
        final int[] offset;

        Axis(int in, int pad, int s) {
            count = new int[s];
            k = new int[s];
            offset = new int[s];
            for (int r = 0; r < s; r++) {
                count[r] = r < in ? (in - 1 - r) / s + 1 : 0;
                k[r] = Math.floorMod(r + pad, s);
                offset[r] = Math.floorDiv(k[r] - pad - r, s);
            }
        }
    }
}
