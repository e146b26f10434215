package gan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the JDK Vector API (incubator module {@code jdk.incubator.vector}), in the
 * classic blocked layout: op(A) and op(B) are copied ("packed") into contiguous panels,
 * and a register-blocked micro-kernel computes an MR×{@link #NR} tile of C with
 * {@code MR · 2} vector accumulators and one fused multiply-add per accumulator per step
 * of k. Packing is where transposes are handled, so the micro-kernel only ever streams
 * memory stride-1. One exception: a row-major A that would be packed for a single pass over
 * it is read where it lies ({@link #kernel8InPlace}).
 *
 * <p>MR is 8 where vectors have 16 float lanes (AVX-512, whose 32 registers hold 16
 * accumulators, two B vectors and a broadcast) and 6 otherwise (12 accumulators fit
 * AVX2's 16 registers). Eight rows load 10 vectors per 16 FMAs instead of 8 per 12, and
 * tile the convolutions' 128-row products exactly.
 *
 * <p>Blocking: k in slices of {@link #KC}, rows of A in blocks of {@link #MC_TILES}
 * micro-tiles (in L2), columns of B in blocks of {@link #NC}.
 * The tasks that run in parallel are blocks of C chosen by {@link GemmSplit}; a call that
 * would run them all on its own thread (nested in a parallel layer, or one thread) makes C
 * one block, since every extra block only packs its operands again. Blocks are whole
 * micro-tiles and every element of C is summed over the same k-slices in the same order
 * however C is cut, so the result does not depend on the thread count. When A would still
 * be packed once per column block it is packed once for the call instead
 * ({@link #PREPACKED_FLOATS}).
 *
 * <p>Only {@link Kernels} creates this class, by reflection, and only after checking that
 * the incubator module is in the boot layer: without the module it must never be linked.
 */
public final class VectorGemm implements Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the largest micro-tile. */
    private static final int MAX_MR = 8;
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /**
     * Steps of k per slice: 1024, so that most of the step's GEMMs (k = 256 to 1152) are one
     * slice, and a tile of C is written once instead of loaded and stored again after every
     * slice (its load stalled the kernel: ~3% of a cGAN step's samples). The kernel then
     * streams its B strip (KC×NR, 128 KB) from L2 instead of L1, which costs less: AbGemm, one
     * thread, KC 256 against 1024: 2048x128x1764 138 -> 160 GFLOP/s, 1152x128x3136 159 -> 176,
     * 128x3136x1152 163 -> 169, 128x1568x256 176 -> 176.
     */
    private static final int KC = 1024;
    /**
     * Micro-tiles of rows per packed block of A (in L2): 16, so that the convolutions'
     * 128-row products are one block of 8-row tiles, each B strip read once (96 rows, as
     * 12 + 4 tiles, read every strip twice: 0–3% slower on those GEMMs).
     */
    private static final int MC_TILES = 16;
    /**
     * Columns per packed block of B: 512. Blocks of 128 (so that KC rows of one, 512 KB,
     * would fit in L2) were 1–3% faster on single GEMMs but made acgan's step 3–5% slower:
     * an A too large to be packed once for the call ({@link #PREPACKED_FLOATS}) is packed
     * again for every column block.
     */
    private static final int NC = Math.max(NR, 512 / NR * NR);

    /** The addend of a tile whose C is overwritten (beta 0): one row of zeros, read with row stride 0. */
    private static final float[] ZERO_ROW = new float[NR];

    /**
     * Largest op(A), in floats, that is packed once for a whole call when its column blocks
     * would each pack it again: the transposed convolution's phase GEMMs (128 x 256 weights
     * against a few thousand columns) spent a third of their time repacking A.
     */
    private static final int PREPACKED_FLOATS = 1 << 20;
    /** Each calling thread's whole packed A; the call's tasks only read it. */
    private static final ThreadLocal<float[][]> PREPACKED = ThreadLocal.withInitial(() -> new float[1][0]);

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() ->
            new float[][] {new float[MC_TILES * MAX_MR * KC + L], new float[KC * NC + L], new float[MAX_MR * NR]});
    /**
     * Each thread's row (or, for an A of planes, column) offsets and strip runs for packing
     * from {@link ShiftedPlanes}; a call has planes on one side only.
     */
    private static final ThreadLocal<int[][]> INDEX = ThreadLocal.withInitial(() ->
            new int[][] {new int[KC], new int[KC], new int[KC]});

    /** Rows of the micro-tile, 6 or 8. */
    private final int mr;

    /** The GEMM with the micro-tile height that suits this machine's vectors. */
    public VectorGemm() {
        this(L >= 16 ? 8 : 6);
    }

    /** The GEMM with micro-tiles of {@code rows} (6 or 8) rows: tests run both on any machine. */
    VectorGemm(int rows) {
        if (rows != 6 && rows != 8) {
            throw new IllegalArgumentException("micro-tile rows must be 6 or 8, got " + rows);
        }
        this.mr = rows;
    }

    /** The float lanes of one vector on this machine. */
    public static int lanes() {
        return L;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        GemmArgs.check("vector", transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
        run(new Problem(mr, transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff));
    }

    /** Packs B's panels straight from the padded planes: B is never written out. */
    @Override
    public void sgemm(boolean transA, int m, int n, int k, float[] a, int aOff, ShiftedPlanes b, int row,
                      float beta, float[] c, int cOff) {
        GemmArgs.check("vector", transA, m, n, k, a, aOff, b, row, c, cOff);
        Problem p = new Problem(mr, transA, false, m, n, k, a, aOff, null, 0, beta, c, cOff);
        p.planes = b;
        p.planeRow = row;
        run(p);
    }

    /** Packs A's strips straight from the padded planes: A is never written out. */
    @Override
    public void sgemm(ShiftedPlanes a, int row, int m, int n, int k, float[] b, int bOff, float beta, float[] c,
                      int cOff) {
        GemmArgs.check("vector", a, row, m, n, k, b, bOff, c, cOff);
        Problem p = new Problem(mr, false, false, m, n, k, null, 0, b, bOff, beta, c, cOff);
        p.aPlanes = a;
        p.aPlaneRow = row;
        run(p);
    }

    /** Computes a checked problem in blocks of C, in parallel unless nested. */
    private void run(Problem p) {
        int m = p.m;
        int n = p.n;
        int k = p.k;
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            JavaGemm.scale(p.c, p.cOff, m * n, p.beta);
            return;
        }
        // Serially, blocks only repack: each row block packs all of B again, each column block all of A.
        GemmSplit split = Parallel.runsInline() ? GemmSplit.whole(ceilDiv(m, mr), ceilDiv(n, NR))
                : GemmSplit.of(2L * m * n * k, ceilDiv(m, mr), ceilDiv(n, NR));
        // (an A of shifted planes is copied with vector moves, not packed: copied again per block instead)
        if ((n > NC || split.colBlocks > 1) && (long) ceilDiv(m, mr) * mr * k <= PREPACKED_FLOATS
                && p.aPlanes == null) {
            p.prepackA(PREPACKED.get());
        }
        Parallel.forTasks(split.tasks(), t -> p.block(split.rowStart(t) * mr, Math.min(m, split.rowEnd(t) * mr),
                split.colStart(t) * NR, Math.min(n, split.colEnd(t) * NR)));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** One call's operands; {@link #block} computes one block of C. */
    private static final class Problem {
        final int mr;
        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final float[] a;
        final int aOff;
        final float[] b;
        final int bOff;
        /** B as shifted planes (then b is null), its rows from planeRow; or null. Set before the call runs. */
        ShiftedPlanes planes;
        int planeRow;
        /** A as shifted planes (then a is null), its rows from aPlaneRow; or null. Set before the call runs. */
        ShiftedPlanes aPlanes;
        int aPlaneRow;
        final float beta;
        final float[] c;
        final int cOff;
        /** op(A) packed whole, k-slice after k-slice, or null: each block packs its own. */
        private float[] aPacked;

        Problem(int mr, boolean transA, boolean transB, int m, int n, int k,
                float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
            this.mr = mr;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
        }

        /**
         * Packs all of op(A) into {@code holder[0]} (grown if needed): k-slice pc, of kc
         * steps, starts at pc times the padded row count, and its strip of rows from r at
         * r·kc after that, as {@link #packA} lays out one block.
         */
        void prepackA(float[][] holder) {
            int rows = ceilDiv(m, mr) * mr;
            if (holder[0].length < rows * k) {
                holder[0] = new float[rows * k];
            }
            aPacked = holder[0];
            for (int pc = 0; pc < k; pc += KC) {
                packA(aPacked, pc * rows, 0, m, pc, Math.min(KC, k - pc));
            }
        }

        /** Computes rows [r0, r1) × columns [c0, c1) of C. */
        void block(int r0, int r1, int c0, int c1) {
            float[][] buf = BUFFERS.get();
            float[] aPack = buf[0];
            float[] bPack = buf[1];
            float[] tile = buf[2];
            // A row-major A that is not packed for the whole call is read where it lies, full
            // 8-row strips at least: packing copies every element for a single pass over it.
            boolean aInPlace = !transA && aPacked == null && mr == 8 && aPlanes == null;
            // A of shifted planes is copied row by row (vector copies of its grid rows) and then
            // read as if in place: packing it strip-major took one scalar gather per float
            boolean aRows = aPlanes != null && mr == 8;
            for (int jc = c0; jc < c1; jc += NC) {
                int nc = Math.min(NC, c1 - jc);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    // Later k slices add onto what the first one wrote.
                    float bt = pc == 0 ? beta : 1f;
                    packB(bPack, pc, kc, jc, nc);
                    for (int ic = r0; ic < r1; ic += MC_TILES * mr) {
                        int mc = Math.min(MC_TILES * mr, r1 - ic);
                        int full = mc / mr * mr; // a last strip of fewer rows is packed, padded with zeros
                        if (aInPlace) {
                            packA(aPack, full * kc, ic + full, mc - full, pc, kc);
                            tiles(aPack, 0, a, aOff + ic * k + pc, k, bPack, tile, ic, mc, jc, nc, kc, bt);
                        } else if (aRows) {
                            copyPlaneRows(aPack, ic, full, pc, kc);
                            packA(aPack, full * kc, ic + full, mc - full, pc, kc);
                            tiles(aPack, 0, aPack, 0, kc, bPack, tile, ic, mc, jc, nc, kc, bt);
                        } else if (aPacked == null) {
                            packA(aPack, 0, ic, mc, pc, kc);
                            tiles(aPack, 0, null, 0, 0, bPack, tile, ic, mc, jc, nc, kc, bt);
                        } else {
                            tiles(aPacked, pc * (ceilDiv(m, mr) * mr) + ic * kc, null, 0, 0, bPack, tile, ic, mc, jc,
                                    nc, kc, bt);
                        }
                    }
                }
            }
        }

        /**
         * The micro-tiles of rows [ic, ic + mc) and columns [jc, jc + nc) for one k-slice: A's
         * strips packed in aPack from aBase, or, if aRows is not null, full strips read
         * row-major from aRows[aRowsBase..] (row ir of the block at ir·lda), the last partial
         * strip still packed.
         */
        private void tiles(float[] aPack, int aBase, float[] aRows, int aRowsBase, int lda, float[] bPack,
                           float[] tile, int ic, int mc, int jc, int nc, int kc, float bt) {
            for (int jr = 0; jr < nc; jr += NR) {
                int cols = Math.min(NR, nc - jr);
                for (int ir = 0; ir < mc; ir += mr) {
                    int rows = Math.min(mr, mc - ir);
                    int cIdx = cOff + (ic + ir) * n + jc + jr;
                    // A full tile with beta 0 or 1 goes straight to C, adding C or a zero row;
                    // anything else goes through the tile buffer and addTile.
                    boolean direct = rows == mr && cols == NR && (bt == 0f || bt == 1f);
                    boolean addC = direct && bt == 1f;
                    float[] out = direct ? c : tile;
                    int outIdx = direct ? cIdx : 0;
                    int ld = direct ? n : NR;
                    float[] in = addC ? c : ZERO_ROW;
                    int inIdx = addC ? cIdx : 0;
                    int ldIn = addC ? n : 0;
                    if (aRows != null && rows == mr) {
                        kernel8InPlace(kc, aRows, aRowsBase + ir * lda, lda, bPack, jr * kc, in, inIdx, ldIn, out,
                                outIdx, ld);
                    } else if (mr == 8) {
                        kernel8(kc, aPack, aBase + ir * kc, bPack, jr * kc, in, inIdx, ldIn, out, outIdx, ld);
                    } else {
                        kernel6(kc, aPack, aBase + ir * kc, bPack, jr * kc, in, inIdx, ldIn, out, outIdx, ld);
                    }
                    if (!direct) {
                        addTile(tile, rows, cols, c, cIdx, n, bt);
                    }
                }
            }
        }

        /** Packs op(A)[ic..ic+mc, pc..pc+kc] at dst[at..] as mr-row strips, p-major, zero-padded rows. */
        private void packA(float[] dst, int at, int ic, int mc, int pc, int kc) {
            if (aPlanes != null) {
                packPlaneRows(dst, at, ic, mc, pc, kc);
                return;
            }
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int base = at + ir * kc;
                if (transA && rows == 8 && mr == 8) {
                    packColumns8(dst, base, aOff + pc * m + ic + ir, kc);
                } else if (transA) {
                    for (int p = 0; p < kc; p++) {
                        int src = aOff + (pc + p) * m + ic + ir;
                        int d = base + p * mr;
                        for (int r = 0; r < rows; r++) {
                            dst[d + r] = a[src + r];
                        }
                        for (int r = rows; r < mr; r++) {
                            dst[d + r] = 0f;
                        }
                    }
                } else if (rows == 6 && mr == 6) {
                    packRows(dst, base, aOff + (ic + ir) * k + pc, kc);
                } else if (rows == 8 && mr == 8) {
                    packRows8(dst, base, aOff + (ic + ir) * k + pc, kc);
                } else {
                    for (int r = 0; r < mr; r++) {
                        int src = aOff + (ic + ir + r) * k + pc;
                        for (int p = 0, d = base + r; p < kc; p++, d += mr) {
                            dst[d] = r < rows ? a[src + p] : 0f;
                        }
                    }
                }
            }
        }

        /**
         * Rows [ic, ic + rows) of A's planes, columns [pc, pc + kc), row-major at dst[0..]
         * (row stride kc): each row is the same few runs of consecutive floats (grid rows),
         * found once, copied a vector each and in order, so the lanes a vector writes past its
         * run are overwritten by the next run or row (dst has a vector of slack at its end).
         */
        private void copyPlaneRows(float[] dst, int ic, int rows, int pc, int kc) {
            int[][] index = INDEX.get();
            int[] at = index[1];
            int[] first = index[2];
            int runs = aPlanes.pieces(pc, kc, L, at, first);
            float[] src = aPlanes.data();
            for (int r = 0; r < rows; r++) {
                int off = aPlanes.rowOffset(aPlaneRow + ic + r);
                int d = r * kc;
                for (int i = 0; i < runs; i++) {
                    FloatVector.fromArray(S, src, at[i] + off).intoArray(dst, d + first[i]);
                }
            }
        }

        /**
         * {@link #packA} from shifted planes, one float at a time (each step p of k is one
         * pixel, at the same offset from every row's plane): only for a last strip of fewer
         * than mr rows and for 6-row tiles. Full 8-row strips are copied row by row instead
         * ({@link #copyPlaneRows}). Rows past m are zeros.
         */
        private void packPlaneRows(float[] dst, int at, int ic, int mc, int pc, int kc) {
            int[] colAt = INDEX.get()[0];
            aPlanes.columnOffsets(pc, kc, colAt);
            float[] src = aPlanes.data();
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int base = at + ir * kc;
                for (int r = 0; r < mr; r++) {
                    int off = r < rows ? aPlanes.rowOffset(aPlaneRow + ic + ir + r) : 0;
                    for (int p = 0, d = base + r; p < kc; p++, d += mr) {
                        dst[d] = r < rows ? src[colAt[p] + off] : 0f;
                    }
                }
            }
        }

        /**
         * Interleaves six full rows of A: one pass, six sequential reads, contiguous writes.
         * All six loads come before the stores, which cannot then be taken to alias them.
         */
        private void packRows(float[] dst, int base, int src, int kc) {
            int s1 = src + k;
            int s2 = s1 + k;
            int s3 = s2 + k;
            int s4 = s3 + k;
            int s5 = s4 + k;
            for (int p = 0, d = base; p < kc; p++, d += 6) {
                float x0 = a[src + p];
                float x1 = a[s1 + p];
                float x2 = a[s2 + p];
                float x3 = a[s3 + p];
                float x4 = a[s4 + p];
                float x5 = a[s5 + p];
                dst[d] = x0;
                dst[d + 1] = x1;
                dst[d + 2] = x2;
                dst[d + 3] = x3;
                dst[d + 4] = x4;
                dst[d + 5] = x5;
            }
        }

        /**
         * {@link #packRows} for eight rows. The row-by-row loop below it writes every eighth
         * float eight times over; on the weight gradients' tall A (2048 rows of columns) that
         * made packing a quarter of the GEMM's time. Spelled out like packRows, not as a loop
         * over mr rows: that loop ran the 2048x128x980 GEMM at 86–118 GFLOP/s against 144–155.
         */
        private void packRows8(float[] dst, int base, int src, int kc) {
            int s1 = src + k;
            int s2 = s1 + k;
            int s3 = s2 + k;
            int s4 = s3 + k;
            int s5 = s4 + k;
            int s6 = s5 + k;
            int s7 = s6 + k;
            for (int p = 0, d = base; p < kc; p++, d += 8) {
                float x0 = a[src + p];
                float x1 = a[s1 + p];
                float x2 = a[s2 + p];
                float x3 = a[s3 + p];
                float x4 = a[s4 + p];
                float x5 = a[s5 + p];
                float x6 = a[s6 + p];
                float x7 = a[s7 + p];
                dst[d] = x0;
                dst[d + 1] = x1;
                dst[d + 2] = x2;
                dst[d + 3] = x3;
                dst[d + 4] = x4;
                dst[d + 5] = x5;
                dst[d + 6] = x6;
                dst[d + 7] = x7;
            }
        }

        /**
         * Packs eight rows of op(A) stored transposed: each step of k is eight contiguous
         * floats, all loaded before any is stored (as in {@link #packRows8}). The general
         * loop took a third of the time of the transposed convolution's GEMMs. Not with the
         * Vector API: a 256-bit species beside the 512-bit one made every GEMM of the class
         * less than half as fast (GemmProbe 165 -> 68 GFLOP/s; not investigated further), and
         * a masked 512-bit move is not compiled to vector code by JDK 17 (21 GFLOP/s). One
         * method for both, taking the row and column steps as arguments, was 1–5% slower on
         * every GEMM shape measured (AbGemm, two alternations), hence the near copy.
         */
        private void packColumns8(float[] dst, int base, int src, int kc) {
            for (int p = 0, s = src, d = base; p < kc; p++, s += m, d += 8) {
                float x0 = a[s];
                float x1 = a[s + 1];
                float x2 = a[s + 2];
                float x3 = a[s + 3];
                float x4 = a[s + 4];
                float x5 = a[s + 5];
                float x6 = a[s + 6];
                float x7 = a[s + 7];
                dst[d] = x0;
                dst[d + 1] = x1;
                dst[d + 2] = x2;
                dst[d + 3] = x3;
                dst[d + 4] = x4;
                dst[d + 5] = x5;
                dst[d + 6] = x6;
                dst[d + 7] = x7;
            }
        }

        /**
         * Eight rows of the stored B, from src, into eight adjacent columns of a packed strip
         * at dst[base..] (row stride NR): all eight loads of a step of k before its eight
         * stores, as in {@link #packRows8}. Column by column, each store went to another
         * cache line. Its own copy of that loop, not packRows8 with the arrays and the store
         * step as arguments, for the reason packColumns8 gives.
         */
        private void transposeRows8(float[] dst, int base, int src, int kc) {
            int s1 = src + k;
            int s2 = s1 + k;
            int s3 = s2 + k;
            int s4 = s3 + k;
            int s5 = s4 + k;
            int s6 = s5 + k;
            int s7 = s6 + k;
            for (int p = 0, d = base; p < kc; p++, d += NR) {
                float x0 = b[src + p];
                float x1 = b[s1 + p];
                float x2 = b[s2 + p];
                float x3 = b[s3 + p];
                float x4 = b[s4 + p];
                float x5 = b[s5 + p];
                float x6 = b[s6 + p];
                float x7 = b[s7 + p];
                dst[d] = x0;
                dst[d + 1] = x1;
                dst[d + 2] = x2;
                dst[d + 3] = x3;
                dst[d + 4] = x4;
                dst[d + 5] = x5;
                dst[d + 6] = x6;
                dst[d + 7] = x7;
            }
        }

        /** Packs op(B)[pc..pc+kc, jc..jc+nc] as NR-column strips, p-major, zero-padded columns. */
        private void packB(float[] dst, int pc, int kc, int jc, int nc) {
            if (planes != null) {
                packShifted(dst, pc, kc, jc, nc);
                return;
            }
            for (int jr = 0; jr < nc; jr += NR) {
                int cols = Math.min(NR, nc - jr);
                int base = jr * kc;
                if (transB && cols == NR) {
                    for (int j = 0; j < NR; j += 8) {
                        transposeRows8(dst, base + j, bOff + (jc + jr + j) * k + pc, kc);
                    }
                } else if (transB) {
                    for (int j = 0; j < NR; j++) {
                        if (j < cols) {
                            int src = bOff + (jc + jr + j) * k + pc;
                            for (int p = 0; p < kc; p++) {
                                dst[base + p * NR + j] = b[src + p];
                            }
                        } else {
                            for (int p = 0; p < kc; p++) {
                                dst[base + p * NR + j] = 0f;
                            }
                        }
                    }
                } else if (cols == NR) {
                    // Two vector moves per row: a System.arraycopy call costs more than it moves here.
                    for (int p = 0; p < kc; p++) {
                        int src = bOff + (pc + p) * n + jc + jr;
                        int d = base + p * NR;
                        FloatVector.fromArray(S, b, src).intoArray(dst, d);
                        FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int src = bOff + (pc + p) * n + jc + jr;
                        int d = base + p * NR;
                        for (int j = 0; j < NR; j++) {
                            dst[d + j] = j < cols ? b[src + j] : 0f;
                        }
                    }
                }
            }
        }

        /**
         * A full strip of at most four runs (the cGAN's 14-pixel grid rows: three or four),
         * the runs' loop unrolled; {@code at} and {@code first} hold eight runs, the missing
         * ones repeating the last.
         */
        private static void copyFourRuns(float[] dst, int base, int kc, float[] src, int[] rowAt, int[] at,
                                         int[] first) {
            int a0 = at[0], a1 = at[1], a2 = at[2], a3 = at[3];
            int f0 = first[0], f1 = first[1], f2 = first[2], f3 = first[3];
            for (int p = 0, d = base; p < kc; p++, d += NR) {
                int r = rowAt[p];
                FloatVector.fromArray(S, src, a0 + r).intoArray(dst, d + f0);
                FloatVector.fromArray(S, src, a1 + r).intoArray(dst, d + f1);
                FloatVector.fromArray(S, src, a2 + r).intoArray(dst, d + f2);
                FloatVector.fromArray(S, src, a3 + r).intoArray(dst, d + f3);
            }
        }

        /**
         * {@link #copyFourRuns} for five to eight runs (7-pixel grid rows: five or six), which
         * the loop over runs in {@link #packShifted} copied at a third of the kernel's time:
         * cgan.G.convT1 forward 5–7% faster (LayerBench passes alternated, both orders), the
         * packing's share of its JFR samples 18% -> 12%. Not one method for both:
         * eight moves a row where four do made the 14-pixel convT2 forward 3–4% slower.
         */
        private static void copyEightRuns(float[] dst, int base, int kc, float[] src, int[] rowAt, int[] at,
                                          int[] first) {
            int a0 = at[0], a1 = at[1], a2 = at[2], a3 = at[3];
            int a4 = at[4], a5 = at[5], a6 = at[6], a7 = at[7];
            int f0 = first[0], f1 = first[1], f2 = first[2], f3 = first[3];
            int f4 = first[4], f5 = first[5], f6 = first[6], f7 = first[7];
            for (int p = 0, d = base; p < kc; p++, d += NR) {
                int r = rowAt[p];
                FloatVector.fromArray(S, src, a0 + r).intoArray(dst, d + f0);
                FloatVector.fromArray(S, src, a1 + r).intoArray(dst, d + f1);
                FloatVector.fromArray(S, src, a2 + r).intoArray(dst, d + f2);
                FloatVector.fromArray(S, src, a3 + r).intoArray(dst, d + f3);
                FloatVector.fromArray(S, src, a4 + r).intoArray(dst, d + f4);
                FloatVector.fromArray(S, src, a5 + r).intoArray(dst, d + f5);
                FloatVector.fromArray(S, src, a6 + r).intoArray(dst, d + f6);
                FloatVector.fromArray(S, src, a7 + r).intoArray(dst, d + f7);
            }
        }

        /**
         * {@link #packB} from shifted planes. A strip's columns are a few runs of consecutive
         * floats (grid rows), the same for all its rows, so they are found once per strip and
         * copied a whole vector each, in order: the lanes a vector writes past its run's end
         * are overwritten by the next run, the next row's first run, or the zeros of a short
         * strip (the buffer has a vector of slack at its end).
         */
        private void packShifted(float[] dst, int pc, int kc, int jc, int nc) {
            int[][] index = INDEX.get();
            int[] rowAt = index[0];
            int[] at = index[1];
            int[] first = index[2];
            float[] src = planes.data();
            for (int p = 0; p < kc; p++) {
                rowAt[p] = planes.rowOffset(planeRow + pc + p);
            }
            for (int jr = 0; jr < nc; jr += NR) {
                int cols = Math.min(NR, nc - jr);
                int runs = planes.pieces(jc + jr, cols, L, at, first);
                if (runs <= 8 && cols == NR) {
                    // the unrolled copies take eight runs: missing ones repeat the last,
                    // whose copy is then the same store again
                    for (int i = runs; i < 8; i++) {
                        at[i] = at[runs - 1];
                        first[i] = first[runs - 1];
                    }
                    if (runs <= 4) {
                        copyFourRuns(dst, jr * kc, kc, src, rowAt, at, first);
                    } else {
                        copyEightRuns(dst, jr * kc, kc, src, rowAt, at, first);
                    }
                    continue;
                }
                for (int p = 0, d = jr * kc; p < kc; p++, d += NR) {
                    int r = rowAt[p];
                    for (int i = 0; i < runs; i++) {
                        FloatVector.fromArray(S, src, at[i] + r).intoArray(dst, d + first[i]);
                    }
                    for (int z = cols; z < NR; z += L) {
                        FloatVector.zero(S).intoArray(dst, d + z);
                    }
                }
            }
        }
    }

    /** Writes the valid {@code rows × cols} corner of a full micro-tile into C with beta. */
    private static void addTile(float[] tile, int rows, int cols, float[] c, int cIdx, int ldc, float beta) {
        for (int r = 0; r < rows; r++) {
            int t = r * NR;
            int d = cIdx + r * ldc;
            for (int j = 0; j < cols; j++) {
                c[d + j] = beta == 0f ? tile[t + j] : beta == 1f ? c[d + j] + tile[t + j] : beta * c[d + j] + tile[t + j];
            }
        }
    }

    /**
     * The micro-kernel: C[6 × 2L] (at {@code cIdx}, row stride {@code ldc}) = IN +
     * Apanel · Bpanel over {@code kc} steps, where IN (at {@code inIdx}, row stride
     * {@code ldIn}) is C itself to accumulate or {@link #ZERO_ROW} to overwrite.
     * Accumulators are locals so they live in registers; each step broadcasts one A value
     * per row and issues two FMAs per row.
     */
    private static void kernel6(int kc, float[] ap, int aIdx, float[] bp, int bIdx,
                                float[] in, int inIdx, int ldIn, float[] c, int cIdx, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = 0; p < kc; p++) {
            // Indices linear in p let the JIT hoist the array bounds checks out of the loop.
            int bi = bIdx + p * NR;
            int ai = aIdx + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        // Stored here, not through a helper taking vectors: C2 stops inlining partway through
        // this method (NodeCountInliningCutoff), and a vector passed to a call it did not
        // inline is boxed, which made the whole GEMM run at a seventh of its speed.
        int i1 = cIdx + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        // The addend is read whatever beta is (C, or a row of zeros): a branch here was
        // pruned by C2 while only beta 0 had been seen, and the deoptimization that followed
        // the first beta 1 left a mis-compiled (boxing) copy of the kernel in use (bench/README.md).
        int j1 = inIdx + ldIn;
        int j2 = j1 + ldIn;
        int j3 = j2 + ldIn;
        int j4 = j3 + ldIn;
        int j5 = j4 + ldIn;
        c00 = FloatVector.fromArray(S, in, inIdx).add(c00);
        c01 = FloatVector.fromArray(S, in, inIdx + L).add(c01);
        c10 = FloatVector.fromArray(S, in, j1).add(c10);
        c11 = FloatVector.fromArray(S, in, j1 + L).add(c11);
        c20 = FloatVector.fromArray(S, in, j2).add(c20);
        c21 = FloatVector.fromArray(S, in, j2 + L).add(c21);
        c30 = FloatVector.fromArray(S, in, j3).add(c30);
        c31 = FloatVector.fromArray(S, in, j3 + L).add(c31);
        c40 = FloatVector.fromArray(S, in, j4).add(c40);
        c41 = FloatVector.fromArray(S, in, j4 + L).add(c41);
        c50 = FloatVector.fromArray(S, in, j5).add(c50);
        c51 = FloatVector.fromArray(S, in, j5 + L).add(c51);
        c00.intoArray(c, cIdx);
        c01.intoArray(c, cIdx + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
    }

    /** {@link #kernel6} with eight rows: 16 accumulators, for machines with 32 vector registers. */
    private static void kernel8(int kc, float[] ap, int aIdx, float[] bp, int bIdx,
                                float[] in, int inIdx, int ldIn, float[] c, int cIdx, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            int ai = aIdx + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        // stored inline, and the addend read unconditionally, for the reasons given in kernel6
        int i0 = cIdx;
        int i1 = i0 + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        int i6 = i5 + ldc;
        int i7 = i6 + ldc;
        int j1 = inIdx + ldIn;
        int j2 = j1 + ldIn;
        int j3 = j2 + ldIn;
        int j4 = j3 + ldIn;
        int j5 = j4 + ldIn;
        int j6 = j5 + ldIn;
        int j7 = j6 + ldIn;
        c00 = FloatVector.fromArray(S, in, inIdx).add(c00);
        c01 = FloatVector.fromArray(S, in, inIdx + L).add(c01);
        c10 = FloatVector.fromArray(S, in, j1).add(c10);
        c11 = FloatVector.fromArray(S, in, j1 + L).add(c11);
        c20 = FloatVector.fromArray(S, in, j2).add(c20);
        c21 = FloatVector.fromArray(S, in, j2 + L).add(c21);
        c30 = FloatVector.fromArray(S, in, j3).add(c30);
        c31 = FloatVector.fromArray(S, in, j3 + L).add(c31);
        c40 = FloatVector.fromArray(S, in, j4).add(c40);
        c41 = FloatVector.fromArray(S, in, j4 + L).add(c41);
        c50 = FloatVector.fromArray(S, in, j5).add(c50);
        c51 = FloatVector.fromArray(S, in, j5 + L).add(c51);
        c60 = FloatVector.fromArray(S, in, j6).add(c60);
        c61 = FloatVector.fromArray(S, in, j6 + L).add(c61);
        c70 = FloatVector.fromArray(S, in, j7).add(c70);
        c71 = FloatVector.fromArray(S, in, j7 + L).add(c71);
        c00.intoArray(c, i0);
        c01.intoArray(c, i0 + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
        c60.intoArray(c, i6);
        c61.intoArray(c, i6 + L);
        c70.intoArray(c, i7);
        c71.intoArray(c, i7 + L);
    }

    /**
     * {@link #kernel8} reading A where it lies, row r of the strip at {@code a[aIdx + r·lda]}
     * onwards: for a row-major A that would be packed for one pass only (the weight
     * gradients' tall A), packing cost more than eight read streams do (AbGemm, 1 thread:
     * 256x128x980 157 -> 182, 1152x128x3136 150 -> 174 GFLOP/s). Not the one kernel for
     * both layouts: reading packed strips row by row slowed the GEMMs whose A is packed once
     * and reused by 3–9% (1152x3136x128T 190 -> 172). The multiply-adds are kernel8's, in
     * the same order, so the result is the same to the bit.
     */
    private static void kernel8InPlace(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx,
                                       float[] in, int inIdx, int ldIn, float[] c, int cIdx, int ldc) {
        int a1 = aIdx + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[aIdx + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        // stored inline, and the addend read unconditionally, for the reasons given in kernel6
        int i0 = cIdx;
        int i1 = i0 + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        int i6 = i5 + ldc;
        int i7 = i6 + ldc;
        int j1 = inIdx + ldIn;
        int j2 = j1 + ldIn;
        int j3 = j2 + ldIn;
        int j4 = j3 + ldIn;
        int j5 = j4 + ldIn;
        int j6 = j5 + ldIn;
        int j7 = j6 + ldIn;
        c00 = FloatVector.fromArray(S, in, inIdx).add(c00);
        c01 = FloatVector.fromArray(S, in, inIdx + L).add(c01);
        c10 = FloatVector.fromArray(S, in, j1).add(c10);
        c11 = FloatVector.fromArray(S, in, j1 + L).add(c11);
        c20 = FloatVector.fromArray(S, in, j2).add(c20);
        c21 = FloatVector.fromArray(S, in, j2 + L).add(c21);
        c30 = FloatVector.fromArray(S, in, j3).add(c30);
        c31 = FloatVector.fromArray(S, in, j3 + L).add(c31);
        c40 = FloatVector.fromArray(S, in, j4).add(c40);
        c41 = FloatVector.fromArray(S, in, j4 + L).add(c41);
        c50 = FloatVector.fromArray(S, in, j5).add(c50);
        c51 = FloatVector.fromArray(S, in, j5 + L).add(c51);
        c60 = FloatVector.fromArray(S, in, j6).add(c60);
        c61 = FloatVector.fromArray(S, in, j6 + L).add(c61);
        c70 = FloatVector.fromArray(S, in, j7).add(c70);
        c71 = FloatVector.fromArray(S, in, j7 + L).add(c71);
        c00.intoArray(c, i0);
        c01.intoArray(c, i0 + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
        c60.intoArray(c, i6);
        c61.intoArray(c, i6 + L);
        c70.intoArray(c, i7);
        c71.intoArray(c, i7 + L);
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String description() {
        return "vector (jdk.incubator.vector, " + L + " float lanes, " + mr + "x" + NR + " micro-kernel)";
    }
}
