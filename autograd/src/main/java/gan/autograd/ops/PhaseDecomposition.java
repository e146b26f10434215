package gan.autograd.ops;

import gan.tensor.ConvGeometry;
import gan.tensor.Gemm;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.ShiftedPlanes;

/**
 * The adjoint of a strided convolution — the transposed convolution's forward pass and the
 * convolution's data gradient — computed one output phase at a time ("sub-pixel"
 * decomposition), with plain stores instead of col2im's scatter-add.
 *
 * <p>Let G be a convolution of a "big" image [Cb, inH, inW] into a "small" one
 * [S, outH, outW] with weights W [S, Cb, kh, kw], stride s and padding (padTop, padLeft).
 * Its adjoint maps small back to big:
 *
 * <pre>
 *   big[cb, iy, ix] = Σ_{c, ky, kx} W[c, cb, ky, kx] · small[c, oy, ox],
 *                     over iy = oy·s − padTop + ky and ix = ox·s − padLeft + kx.
 * </pre>
 *
 * Row iy is only reached by taps with ky ≡ iy + padTop (mod s). So the rows of big fall into
 * s classes, the phases r = (iy + padTop) mod s; row a of phase r (iy = first_r + a·s) sees
 * exactly the taps ky = r + dy·s (dy &lt; T_r = ceil((kh − r) / s)), each reading small row
 * oy = a + q_r − dy, where q_r = (first_r + padTop − r) / s. The same holds for columns. Each
 * of the s² phases (ry, rx) is therefore a stride-1 correlation of small with a sub-kernel of
 * T_ry·T_rx taps: a GEMM {@code out = W_p · cols} with W_p [Cb, S·T_ry·T_rx] gathered once
 * per call, and a strided store of out into the phase's pixels of big.
 *
 * <p>Every big pixel belongs to exactly one phase, so it is written once (stored, or added
 * once into a gradient), never scatter-added: col2im's up-to-kh·kw read-modify-writes of
 * every pixel disappear. The multiply-adds are those of col2im's GEMM, but its inner
 * dimension is S·T_rx per GEMM (256 for 4x4 stride 2) instead of S.
 *
 * <p>The column matrix is shared by the phases: a tap only shifts small by
 * (q_r − dy, q_r' − dx), and the phases together use few distinct shifts (3 per axis for
 * 4x4 or 5x5 kernels at stride 2, 2 for 3x3), so its rows are [shift y][shift x][c], one
 * block per shift and not one per (phase, tap): 9 instead of 16 (4x4), 4 instead of 9
 * (3x3), 9 instead of 25 (5x5). It is never written out: each plane of small is copied
 * once, zero-padded, and the GEMM packs its panels through the shifts ({@link ShiftedPlanes}).
 * Written out it was 9 times small, and its packing waited on memory: the cGAN's 14 -> 28
 * forward ran 6% faster without it, the 7 -> 14 one 10%. For fixed dy a phase's taps dx
 * are consecutive x shifts, hence one contiguous block of T_rx·S rows, and the blocks of
 * successive dy lie one shift row apart: one GEMM per phase reads them all as row blocks of
 * the planes ({@link ShiftedPlanes#rowBlocks}), so each phase's output is written once
 * (with one GEMM per (phase, dy), each after the first loaded its C back to add into it).
 *
 * <p>Groups of images run as parallel tasks ({@link ColumnGroups#forEachGroup}); a single
 * group splits its copies by (image, channel) and its GEMMs by blocks of C instead. Either
 * way every output is decided by the shapes alone, so results do not depend on the thread count.
 */
final class PhaseDecomposition {
    /**
     * Which way a caller computes the adjoint, and a strided convolution's column matrix;
     * tests force one of them to compare the two.
     */
    enum Use {
        /** The phases where they are faster ({@link #pays}), col2im elsewhere. */
        BY_SHAPE,
        /** Always col2im, the reference. */
        NEVER,
        /** The phases wherever the geometry allows, even stride 1: for differential tests. */
        ALWAYS;

        /** Whether to take the phase path for {@code g}, {@code smallChannels} on the small side, n images. */
        boolean phases(ConvGeometry g, int smallChannels, int n) {
            return this == ALWAYS || (this == BY_SHAPE && pays(g, smallChannels, n));
        }

        /**
         * Whether g's own column matrix (its im2col) is read from its input's phases
         * ({@link PhaseColumns}), for {@code outChannels} output channels and n images.
         */
        boolean columnPhases(ConvGeometry g, int outChannels, int n) {
            return this == ALWAYS ? PhaseColumns.fits(g) : this == BY_SHAPE && PhaseColumns.pays(g, outChannels, n);
        }
    }

    /**
     * Big-side channels (the GEMM's rows here) below which col2im stays: the phase GEMMs pack
     * their column matrix once per Cb rows of weights, col2im's GEMM once per Cb·kh·kw rows,
     * so with fewer rows the extra packing outweighs the scatter saved. Measured (thread CPU
     * time, phases / col2im): 1.0–1.4 at Cb = 64, 1.7 at Cb = 16, 3–9 at Cb = 1 or 2.
     */
    static final int MIN_BIG_CHANNELS = 128;
    /**
     * Big-side channels from which the phases pay for kernels of {@link #LARGE_KERNEL_TAPS}
     * taps or more: col2im adds every pixel of big once per tap, 25 read-modify-writes for
     * 5x5, which the phases never do. Measured in session 13 (AbLayer, both orders, phases /
     * col2im): dcgan.G.convT1 forward (5x5, Cb = 64) 0.935 and 0.940, dcgan.D.conv2's data
     * gradient 0.942 and 0.965, against 1.12–1.22 for a 3x3 layer at Cb = 64 (acgan.D.conv3's
     * data gradient); the dcgan step faster in 4 of 4 alternated JVMs (4–14%).
     */
    static final int MIN_BIG_CHANNELS_LARGE_KERNEL = 64;
    /** Taps (kh·kw) from which {@link #MIN_BIG_CHANNELS_LARGE_KERNEL} applies: 5x5. */
    static final int LARGE_KERNEL_TAPS = 25;
    /**
     * Small-side channels from which col2im stays: col2im's GEMM has an inner dimension of S,
     * and from 256 on (one k-slice of the vector GEMM) it is already an efficient shape, so
     * the phases' larger inner dimension gains nothing (pix2pix's 256 -> 128 4x4 layer: 1.25).
     */
    static final int MAX_SMALL_CHANNELS = 256;
    /** Copy elements per thread below which forking costs more than it saves. */
    private static final long PARALLEL_ELEMENTS = 1L << 16;

    private final ConvGeometry g;
    private final int small;
    private final int stride;
    private final Axis rows;
    private final Axis columns;

    /** The phases of the adjoint of {@code g}, whose small side has {@code smallChannels} channels. */
    PhaseDecomposition(ConvGeometry g, int smallChannels) {
        if (g.strideH != g.strideW) {
            throw new IllegalArgumentException("phase decomposition needs equal strides: " + g);
        }
        this.g = g;
        this.small = smallChannels;
        this.stride = g.strideH;
        this.rows = new Axis(g.inH, g.padTop, g.kH, stride);
        this.columns = new Axis(g.inW, g.padLeft, g.kW, stride);
    }

    /**
     * Whether the phases beat col2im for {@code g} with {@code smallChannels} small-side
     * channels and n images, as measured on the cGAN's and pix2pix's layers: strided (3x3 at
     * stride 2 too, whose phases have one- or two-tap rows: 1.05–1.4 times col2im's time while
     * the column matrix was written out, 0.85 since it is not, cgan.D.conv2's data gradient);
     * Cb and S as {@link #MIN_BIG_CHANNELS} (or {@link #MIN_BIG_CHANNELS_LARGE_KERNEL}) and
     * {@link #MAX_SMALL_CHANNELS} say; and at least as many small-side pixels as kernel rows
     * (n·outH·outW ≥ Cb·kh·kw), since the sub-kernels are copied on every call (pix2pix's
     * batch of one at 8x8 with 512 channels: twice col2im's time).
     */
    static boolean pays(ConvGeometry g, int smallChannels, int n) {
        int minBig = g.kH * g.kW >= LARGE_KERNEL_TAPS ? MIN_BIG_CHANNELS_LARGE_KERNEL : MIN_BIG_CHANNELS;
        return g.strideH > 1 && g.strideH == g.strideW
                && g.channels >= minBig && smallChannels < MAX_SMALL_CHANNELS
                && (long) n * g.outH * g.outW >= (long) g.channels * g.kH * g.kW;
    }

    /**
     * Images per group: as many as a written-out column matrix of {@code columnFloats} would
     * hold, the GEMM widths that were measured best. Twice as wide (groups of 16 of the
     * cGAN's 128 images, as the padded planes alone would allow) was 9% slower.
     */
    int groupSize(int n, long columnFloats) {
        return ColumnGroups.groupSize(n, columnsPerImage(), rows.most * columns.most, columnFloats);
    }

    /**
     * big (+)= adjoint of G applied to n images of small, through the phases: big[i] is
     * overwritten with the result plus bias[cb] (bias may be null) unless {@code add}, in
     * which case the result is added to it (a gradient; bias must then be null). Groups of
     * {@code group} images share each GEMM, as in {@link ColumnGroups}.
     */
    void apply(float[] weight, float[] smallData, int n, float[] bias, float[] big, boolean add, int group) {
        if (add && bias != null) {
            throw new IllegalArgumentException("phase decomposition: a bias is only added when overwriting");
        }
        if (n == 0) {
            return;
        }
        float[] sub = Scratch.get(Scratch.Slot.SUB_KERNELS, (long) g.channels * small * g.kH * g.kW);
        int[] subOffset = gatherSubKernels(weight, sub);
        ColumnGroups.forEachGroup(n, group, (first, count) ->
                applyToGroup(sub, subOffset, smallData, first, count, bias, big, add));
    }

    /** {@link #apply} for images [first, first + count), one group, with the sub-kernels already gathered. */
    private void applyToGroup(float[] sub, int[] subOffset, float[] smallData, int first, int count, float[] bias,
            float[] big, boolean add) {
        int grid = rows.most * columns.most;
        int ld = count * grid;
        int phaseFloats = g.channels * ld;
        boolean paired = pairsColumns();
        // all four phases kept for one pass over big, where both row phases pair up too
        boolean quad = paired && pairsRows();
        float[] out = Scratch.get(Scratch.Slot.GROUP, Math.max(1, (long) phaseFloats * (quad ? 4 : paired ? 2 : 1)));
        Gemm gemm = Kernels.gemm();
        ShiftedPlanes shifted = rows.shifts > 0 && columns.shifts > 0 ? loadPlanes(smallData, first, count) : null;
        for (int ry = 0; ry < stride; ry++) {
            for (int rx = 0; rx < stride; rx++) {
                if (rows.count[ry] == 0 || columns.count[rx] == 0) {
                    continue; // no pixel of big in this phase (an image smaller than the stride)
                }
                int ty = rows.taps[ry];
                int tx = columns.taps[rx];
                if (ty == 0 || tx == 0) {
                    // no tap reaches this phase (kernel smaller than the stride): only the bias
                    if (!add) {
                        write(null, ry, rx, first, count, bias, big, false);
                    }
                    continue;
                }
                int firstShiftX = columns.q0[rx] - (tx - 1) - columns.lowest;
                int at = quad ? (ry * stride + rx) * phaseFloats : paired ? rx * phaseFloats : 0;
                // tap row dy reads tx·S rows from shift y q0 - dy: one block per dy, a shift row apart
                int row = ((rows.q0[ry] - rows.lowest) * columns.shifts + firstShiftX) * small;
                ShiftedPlanes taps = shifted.rowBlocks(row, tx * small, -columns.shifts * small, ty);
                gemm.sgemm(true, g.channels, ld, ty * tx * small, sub, subOffset[ry * stride + rx], taps, 0, 0f, out,
                        at);
                if (!paired) {
                    write(out, ry, rx, first, count, bias, big, add);
                }
            }
            if (paired && !quad && rows.count[ry] > 0 && rows.taps[ry] > 0) {
                writePair(out, phaseFloats, ry, first, count, bias, big, add);
            }
        }
        if (quad) {
            writeQuad(out, phaseFloats, first, count, bias, big, add);
        }
    }

    /**
     * Whether both row phases of stride 2 have taps and the same number of rows (an even
     * height): with {@link #pairsColumns}, the four phases are written in one pass ({@link #writeQuad}).
     */
    private boolean pairsRows() {
        return stride == 2 && rows.count[0] == rows.count[1] && rows.count[0] > 0 && rows.taps[0] > 0
                && rows.taps[1] > 0;
    }

    /**
     * Whether a row's two column phases are written together ({@link #writePair}): stride
     * 2, both column phases with taps and the same number of pixels (an even width).
     */
    private boolean pairsColumns() {
        return stride == 2 && columns.count[0] == columns.count[1] && columns.count[0] > 0 && columns.taps[0] > 0
                && columns.taps[1] > 0;
    }

    /**
     * For every phase p = ry·s + rx (one after another) and tap row dy, the [T_rx·S, Cb]
     * block sub[p, dy][(T_rx − 1 − dx)·S + c, cb] = W[c, cb, ry + dy·s, rx + dx·s], the rows
     * in the order of the column matrix's x shifts (q − dx grows as dx falls); returns where
     * each phase starts. Stored transposed (the GEMM reads it as A with transA) so that this
     * copy walks W in its own order instead of striding across it by Cb·kh·kw.
     */
    private int[] gatherSubKernels(float[] w, float[] sub) {
        int[] offset = new int[stride * stride];
        int at = 0;
        for (int p = 0; p < stride * stride; p++) {
            offset[p] = at;
            at += g.channels * small * rows.taps[p / stride] * columns.taps[p % stride];
        }
        // by small-side channel on both cores: each read strides across W by kh·kw floats, and
        // the cGAN's two 4x4 layers spent ~1 ms of every step here on one core (JFR, main thread)
        Parallel.forRange(small, grain((long) g.channels * g.kH * g.kW), (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                gatherSubKernels(w, sub, offset, c);
            }
        });
        return offset;
    }

    /** {@link #gatherSubKernels(float[], float[])} for the rows of small-side channel c. */
    private void gatherSubKernels(float[] w, float[] sub, int[] offset, int c) {
        int cb = g.channels;
        int kk = g.kH * g.kW;
        for (int ry = 0; ry < stride; ry++) {
            for (int rx = 0; rx < stride; rx++) {
                int ty = rows.taps[ry];
                int tx = columns.taps[rx];
                for (int dy = 0; dy < ty; dy++) {
                    int block = offset[ry * stride + rx] + dy * tx * small * cb;
                    for (int dx = 0; dx < tx; dx++) {
                        int src = c * cb * kk + (ry + dy * stride) * g.kW + rx + dx * stride;
                        int dst = block + ((tx - 1 - dx) * small + c) * cb;
                        for (int o = 0; o < cb; o++) {
                            sub[dst + o] = w[src + o * kk];
                        }
                    }
                }
            }
        }
    }

    /**
     * The column matrix of images [first, first + count), never written out:
     * cols[(y·X + x)·S + c, j·Q + a·Q_x + b] = small[first + j, c, a + lowest_y + y, b + lowest_x + x],
     * 0 outside the image, for every shift (y, x) of the Y·X the phases use and every grid
     * pixel (a, b) of the largest phase (Q = Q_y·Q_x), as {@link ShiftedPlanes}: one
     * zero-padded copy of each plane, which the GEMMs read through each shift.
     */
    private ShiftedPlanes loadPlanes(float[] src, int first, int count) {
        int qy = rows.most;
        int qx = columns.most;
        float[] padded = Scratch.get(Scratch.Slot.COLUMNS,
                ShiftedPlanes.floats(count, small, qy, qx, rows.shifts, columns.shifts));
        ShiftedPlanes shifted = new ShiftedPlanes(padded, count, small, qy, qx, rows.shifts, columns.shifts);
        int outH = g.outH;
        int outW = g.outW;
        int grain = grain((long) (qy + rows.shifts) * (qx + columns.shifts));
        Parallel.forRange(count * small, grain, (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int j = u / small;
                int c = u % small;
                shifted.loadPlane(j, c, src, ((first + j) * small + c) * outH * outW, outH, outW, rows.lowest,
                        columns.lowest);
            }
        });
        return shifted;
    }

    /**
     * The phase's GEMM result into its interleaved pixels of big:
     * big[first + j, cb, phase pixel (a, b)] = out[cb, j·Q + a·Q_x + b] + bias[cb], or += out
     * when {@code add} (a gradient, added once per pixel). A null out stores the bias (or 0)
     * alone.
     */
    private void write(float[] out, int ry, int rx, int first, int count, float[] bias, float[] big, boolean add) {
        int py = rows.count[ry];
        int px = columns.count[rx];
        int qx = columns.most;
        int grid = rows.most * qx;
        int ld = count * grid;
        int cb = g.channels;
        int bigPlane = g.inH * g.inW;
        int origin = rows.first[ry] * g.inW + columns.first[rx];
        int rowStep = stride * g.inW;
        int step = stride;
        Parallel.forRange(count * cb, grain((long) py * px), (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int j = u / cb;
                int o = u % cb;
                float v = bias == null ? 0f : bias[o];
                int d = ((first + j) * cb + o) * bigPlane + origin;
                int s = o * ld + j * grid;
                for (int a = 0; a < py; a++, d += rowStep, s += qx) {
                    if (out == null) {
                        for (int b = 0; b < px; b++) {
                            big[d + b * step] = v;
                        }
                    } else if (add) {
                        for (int b = 0; b < px; b++) {
                            big[d + b * step] += out[s + b];
                        }
                    } else {
                        for (int b = 0; b < px; b++) {
                            big[d + b * step] = out[s + b] + v;
                        }
                    }
                }
            }
        });
    }

    /**
     * {@link #write} for both column phases of row phase ry at once, phase rx's result at
     * out[rx·phaseFloats..]: each row of big is then written in one pass from left to
     * right. Phase by phase, every cache line of big was written twice, a phase's GEMMs
     * apart (and so read from memory twice), with stores two floats apart.
     */
    private void writePair(float[] out, int phaseFloats, int ry, int first, int count, float[] bias, float[] big,
            boolean add) {
        writeRowPhases(out, phaseFloats, ry, 1, first, count, bias, big, add);
    }

    /**
     * {@link #writePair} for both row phases at once, phase (ry, rx)'s result at
     * out[(2·ry + rx)·phaseFloats..]: each plane of big is written in one pass, row after
     * row. Row phase by row phase, a cache line that holds the end of one row and the start
     * of the next (a 28-float row is 1.75 lines) was written twice, a row phase's GEMMs apart.
     */
    private void writeQuad(float[] out, int phaseFloats, int first, int count, float[] bias, float[] big,
            boolean add) {
        writeRowPhases(out, phaseFloats, 0, 2, first, count, bias, big, add);
    }

    /**
     * Row phases [ry0, ry0 + n), n = 1 or 2, with both their column phases, (ry0 + r, rx)'s
     * result at out[(2·r + rx)·phaseFloats..], plane by plane and, in each, row after row;
     * the row phases must hold the same number of rows.
     */
    private void writeRowPhases(float[] out, int phaseFloats, int ry0, int n, int first, int count, float[] bias,
            float[] big, boolean add) {
        int py = rows.count[ry0];
        int px = columns.count[0];
        int qx = columns.most;
        int grid = rows.most * qx;
        int ld = count * grid;
        int cb = g.channels;
        int bigPlane = g.inH * g.inW;
        int rowStep = stride * g.inW;
        int f0 = columns.first[0];
        int f1 = columns.first[1];
        int origin0 = rows.first[ry0] * g.inW;
        // the second row phase, if any: its results two phases further on in out
        int origin1 = n > 1 ? rows.first[ry0 + 1] * g.inW : 0;
        Parallel.forRange(count * cb, grain(2L * n * py * px), (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int j = u / cb;
                int o = u % cb;
                float v = bias == null ? 0f : bias[o];
                int plane = ((first + j) * cb + o) * bigPlane;
                int s = o * ld + j * grid;
                for (int a = 0; a < py; a++, s += qx) {
                    writeRow(out, s, s + phaseFloats, big, plane + origin0 + a * rowStep, f0, f1, px, v, add);
                    if (n > 1) {
                        writeRow(out, s + 2 * phaseFloats, s + 3 * phaseFloats, big, plane + origin1 + a * rowStep, f0,
                                f1, px, v, add);
                    }
                }
            }
        });
    }

    /** big[d + 2b + f0] = out[s0 + b] + v and big[d + 2b + f1] = out[s1 + b] + v for b < px, or += out if add. */
    private static void writeRow(float[] out, int s0, int s1, float[] big, int d, int f0, int f1, int px, float v,
            boolean add) {
        if (add) {
            for (int b = 0; b < px; b++) {
                big[d + 2 * b + f0] += out[s0 + b];
                big[d + 2 * b + f1] += out[s1 + b];
            }
        } else {
            for (int b = 0; b < px; b++) {
                big[d + 2 * b + f0] = out[s0 + b] + v;
                big[d + 2 * b + f1] = out[s1 + b] + v;
            }
        }
    }

    /** Floats of the shared column matrix for one image: shifts · S · the largest phase's pixels. */
    private long columnsPerImage() {
        return (long) rows.shifts * columns.shifts * small * rows.most * columns.most;
    }

    /** (Image, channel) units per thread at least, for units of {@code perUnit} elements. */
    private static int grain(long perUnit) {
        return (int) Math.max(1, PARALLEL_ELEMENTS / Math.max(1, perUnit));
    }

    /**
     * The phases along one axis of big (rows or columns): for phase r, the first big
     * coordinate in it, how many it holds, q_r (the small coordinate its first one's tap
     * dy = 0 reads) and its number of taps T_r; and, over the phases that have pixels and
     * taps, the largest count and the range of shifts q_r − d their taps read.
     */
    private static final class Axis {
        final int[] first;
        final int[] count;
        final int[] q0;
        final int[] taps;
        /** Pixels of the largest phase. */
        final int most;
        /** The smallest shift q_r − d of any tap, and how many consecutive shifts from there are used. */
        final int lowest;
        final int shifts;

        Axis(int in, int pad, int k, int s) {
            first = new int[s];
            count = new int[s];
            q0 = new int[s];
            taps = new int[s];
            int most = 0;
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int r = 0; r < s; r++) {
                int f = Math.floorMod(r - pad, s);
                first[r] = f;
                count[r] = f < in ? (in - 1 - f) / s + 1 : 0;
                q0[r] = (f + pad) / s; // f + pad ≡ r (mod s), so this is (f + pad − r) / s exactly
                taps[r] = r < k ? (k - 1 - r) / s + 1 : 0;
                most = Math.max(most, count[r]);
                if (count[r] > 0 && taps[r] > 0) {
                    lo = Math.min(lo, q0[r] - taps[r] + 1);
                    hi = Math.max(hi, q0[r]);
                }
            }
            this.most = most;
            this.lowest = lo == Integer.MAX_VALUE ? 0 : lo;
            this.shifts = lo == Integer.MAX_VALUE ? 0 : hi - lo + 1;
        }
    }
}
