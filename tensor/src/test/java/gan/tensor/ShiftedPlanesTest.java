package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ShiftedPlanes} against its definition, and every GEMM backend on shifted planes
 * against the same backend on the rows written out: bit for bit, since the vector GEMM
 * packs the same values into the same panels either way.
 */
class ShiftedPlanesTest {
    /** Images, channels, source h, w, grid h, w, shifts y, x, top, left. */
    private static final int[][] GEOMETRIES = {
        {3, 5, 7, 7, 7, 7, 3, 3, -1, -1},     // the cGAN's phases at 7x7, small: strips of five or six runs
        {2, 3, 5, 5, 5, 5, 2, 2, 0, -1},      // 5-pixel grid rows: strips of seven runs
        {2, 2, 4, 4, 4, 4, 1, 2, 0, -1},      // 4-pixel grid rows: one strip of eight runs
        {2, 4, 14, 14, 14, 14, 3, 3, -1, -1},
        {1, 3, 5, 9, 6, 10, 2, 2, 0, -1},     // grid larger than the source: zero rows and columns
        {2, 2, 40, 37, 40, 37, 2, 3, -1, 0},  // grid rows longer than a vector: runs are cut
        {5, 1, 3, 1, 3, 1, 1, 2, 0, 0},       // one-pixel-wide grid: every column its own run
        {1, 7, 4, 4, 2, 2, 1, 1, 3, 3},       // a window partly outside the source
    };

    @Test
    void rowsMatchTheDefinition() {
        Rng rng = new Rng(3);
        for (int[] g : GEOMETRIES) {
            float[] src = GemmTest.random(rng, g[0] * g[1] * g[2] * g[3]);
            ShiftedPlanes sp = load(src, g, rng);
            float[] rows = new float[sp.rows() * sp.columns()];
            sp.copyRows(0, sp.rows(), rows, 0);
            assertArrayEquals(definition(src, g), rows, Arrays.toString(g));
        }
    }

    @Test
    void everyBackendGivesTheBitsOfItsStoredProduct() {
        Rng rng = new Rng(11);
        int[] ks = {1, 5, 300};
        for (Gemm gemm : GemmTest.backends()) {
            for (int[] g : GEOMETRIES) {
                Loaded loaded = randomPlanes(g, rng);
                ShiftedPlanes sp = loaded.planes();
                float[] all = loaded.rows();
                int n = sp.columns();
                for (int m : new int[] {1, 8, 37}) {
                    for (int kWanted : ks) {
                        int k = Math.min(kWanted, sp.rows());
                        int row = rng.nextInt(sp.rows() - k + 1);
                        boolean transA = rng.nextInt(2) == 0;
                        float beta = rng.nextInt(2);
                        float[] a = GemmTest.random(rng, m * k);
                        float[] c = GemmTest.random(rng, m * n + 2);
                        float[] expected = c.clone();
                        gemm.sgemm(transA, false, m, n, k, a, 0, all, row * n, beta, expected, 1);
                        gemm.sgemm(transA, m, n, k, a, 0, sp, row, beta, c, 1);
                        assertArrayEquals(expected, c, gemm.name() + " " + Arrays.toString(g) + " m=" + m + " k="
                                + k + " row=" + row);
                    }
                }
            }
        }
    }

    /**
     * Row blocks a stride apart, forwards and backwards, are the blocks copied out one after
     * another, and every backend's product on them is its product on those rows stored.
     */
    @Test
    void rowBlocksAreTheirRowsAndMultiplyAsThem() {
        Rng rng = new Rng(13);
        for (Gemm gemm : GemmTest.backends()) {
            for (int[] g : GEOMETRIES) {
                Loaded loaded = randomPlanes(g, rng);
                ShiftedPlanes sp = loaded.planes();
                float[] all = loaded.rows();
                int n = sp.columns();
                int blockRows = 1 + rng.nextInt(Math.max(1, sp.rows() / 3));
                int blocks = 1 + rng.nextInt(3);
                int span = sp.rows() - blockRows;
                int stride = blocks == 1 ? 0 : (1 + rng.nextInt(Math.max(1, span / (blocks - 1)))) * (rng.nextInt(2) == 0 ? 1 : -1);
                if (blocks > 1 && (long) Math.abs(stride) * (blocks - 1) > span) {
                    blocks = 1;
                }
                int first = stride < 0 ? span : 0;
                ShiftedPlanes view = sp.rowBlocks(first, blockRows, stride, blocks);
                int k = blocks * blockRows;
                assertEquals(k, view.rows());
                float[] stored = new float[k * n];
                for (int b = 0; b < blocks; b++) {
                    System.arraycopy(all, (first + b * stride) * n, stored, b * blockRows * n, blockRows * n);
                }
                float[] copied = new float[k * n];
                view.copyRows(0, k, copied, 0);
                String what = gemm.name() + " " + Arrays.toString(g) + " " + blocks + " blocks of " + blockRows
                        + " from " + first + " stride " + stride;
                assertArrayEquals(stored, copied, what);
                int m = 9;
                float[] a = GemmTest.random(rng, m * k);
                float[] c = GemmTest.random(rng, m * n);
                float[] expected = c.clone();
                gemm.sgemm(true, false, m, n, k, a, 0, stored, 0, 1f, expected, 0);
                gemm.sgemm(true, m, n, k, a, 0, view, 0, 1f, c, 0);
                assertArrayEquals(expected, c, what);
            }
        }
    }

    @Test
    void rowBlocksOutsideThePlanesAreRefused() {
        float[] data = new float[(int) ShiftedPlanes.floats(1, 4, 3, 3, 2, 2)];
        ShiftedPlanes sp = new ShiftedPlanes(data, 1, 4, 3, 3, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> sp.rowBlocks(8, 4, 8, 2), "past the last row");
        assertThrows(IllegalArgumentException.class, () -> sp.rowBlocks(4, 4, -8, 2), "before the first row");
        assertThrows(IllegalArgumentException.class, () -> sp.rowBlocks(0, 4, 0, 2), "a block repeated");
        assertThrows(IllegalStateException.class, () -> sp.rowBlocks(0, 4, 4, 2).rowBlocks(0, 2, 2, 2));
        assertEquals(8, sp.rowBlocks(12, 4, -12, 2).rows());
    }

    @Test
    void everyBackendGivesTheBitsOfItsStoredProductWithPlanesAsA() {
        Rng rng = new Rng(13);
        for (Gemm gemm : GemmTest.backends()) {
            for (int[] g : GEOMETRIES) {
                Loaded loaded = randomPlanes(g, rng);
                ShiftedPlanes sp = loaded.planes();
                float[] all = loaded.rows();
                int k = sp.columns();
                for (int mWanted : new int[] {1, 8, 21, 300}) {
                    int m = Math.min(mWanted, sp.rows());
                    for (int n : new int[] {1, 17, 64}) {
                        int row = rng.nextInt(sp.rows() - m + 1);
                        float beta = rng.nextInt(2);
                        float[] b = GemmTest.random(rng, k * n);
                        float[] c = GemmTest.random(rng, m * n + 2);
                        float[] expected = c.clone();
                        gemm.sgemm(false, false, m, n, k, all, row * k, b, 0, beta, expected, 1);
                        gemm.sgemm(sp, row, m, n, k, b, 0, beta, c, 1);
                        assertArrayEquals(expected, c, gemm.name() + " " + Arrays.toString(g) + " m=" + m + " n="
                                + n + " row=" + row);
                    }
                }
            }
        }
    }

    @Test
    void aStridedLoadIsTheLoadOfThePhaseCopiedOut() {
        Rng rng = new Rng(17);
        int h = 9;
        int w = 11;
        float[] src = GemmTest.random(rng, 2 * h * w);
        for (int step = 1; step <= 3; step++) {
            for (int ry = 0; ry < step; ry++) {
                for (int rx = 0; rx < step; rx++) {
                    int ph = (h - 1 - ry) / step + 1;
                    int pw = (w - 1 - rx) / step + 1;
                    float[] phase = new float[ph * pw];
                    for (int i = 0; i < ph; i++) {
                        for (int q = 0; q < pw; q++) {
                            phase[i * pw + q] = src[h * w + (ry + i * step) * w + rx + q * step];
                        }
                    }
                    for (int top = -2; top <= 1; top++) {
                        int left = 1 - top;
                        float[] strided = new float[(int) ShiftedPlanes.floats(1, 1, 4, 5, 2, 3)];
                        float[] copied = strided.clone();
                        new ShiftedPlanes(strided, 1, 1, 4, 5, 2, 3).loadPlane(0, 0, src, h * w + ry * w + rx,
                                step * w, step, ph, pw, top, left);
                        new ShiftedPlanes(copied, 1, 1, 4, 5, 2, 3).loadPlane(0, 0, phase, 0, ph, pw, top, left);
                        assertArrayEquals(copied, strided, "step " + step + " phase " + ry + "," + rx + " top " + top);
                    }
                }
            }
        }
    }

    @Test
    void columnOffsetsWalkTheGridAsColumnOffsetComputesIt() {
        ShiftedPlanes sp = new ShiftedPlanes(new float[(int) ShiftedPlanes.floats(3, 2, 4, 5, 2, 3)], 3, 2, 4, 5, 2,
                3);
        for (int col0 : new int[] {0, 4, 19, 23}) {
            int count = sp.columns() - col0;
            int[] offsets = new int[count];
            sp.columnOffsets(col0, count, offsets);
            for (int i = 0; i < count; i++) {
                assertEquals(sp.columnOffset(col0 + i), offsets[i], "column " + (col0 + i));
            }
        }
    }

    @Test
    void vectorGemmOnPlanesDoesNotDependOnTheThreadCount() {
        Rng rng = new Rng(5);
        int[] g = {9, 128, 7, 7, 7, 7, 3, 3, -1, -1}; // the cGAN's first transposed convolution, 9 images
        ShiftedPlanes sp = load(GemmTest.random(rng, g[0] * g[1] * g[2] * g[3]), g, rng);
        int m = 128;
        int k = 256;
        float[] a = GemmTest.random(rng, m * k);
        int saved = Parallel.threads();
        try {
            float[][] c = new float[2][m * sp.columns()];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                new VectorGemm().sgemm(true, m, sp.columns(), k, a, 0, sp, 128, 0f, c[t - 1], 0);
            }
            assertArrayEquals(c[0], c[1]);
            double norm = 0;
            for (float x : c[0]) {
                norm += x * x;
            }
            assertTrue(norm > 0, "the product is not all zeros");
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void badRequestsNameTheSizes() {
        float[] data = new float[(int) ShiftedPlanes.floats(1, 2, 3, 3, 2, 2)];
        ShiftedPlanes sp = new ShiftedPlanes(data, 1, 2, 3, 3, 2, 2);
        assertEquals(8, sp.rows());
        assertEquals(9, sp.columns());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new JavaGemm().sgemm(false, 2, 9, 4, new float[8], 0, sp, 5, 0f, new float[18], 0));
        assertTrue(e.getMessage().contains("rows [5, 9)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new VectorGemm().sgemm(false, 2, 10, 4, new float[8], 0, sp, 0, 0f, new float[20], 0));
        e = assertThrows(IllegalArgumentException.class, () -> new ShiftedPlanes(new float[10], 1, 2, 3, 3, 2, 2));
        assertTrue(e.getMessage().contains("need"), e.getMessage());
    }

    /** Random planes of geometry g and their rows written out by the definition. */
    private record Loaded(ShiftedPlanes planes, float[] rows) {}

    private static Loaded randomPlanes(int[] g, Rng rng) {
        float[] src = GemmTest.random(rng, g[0] * g[1] * g[2] * g[3]);
        ShiftedPlanes sp = load(src, g, rng);
        return new Loaded(sp, definition(src, g));
    }

    /** Planes loaded from src in a fresh array whose every other float is NaN, so nothing unwritten is read. */
    private static ShiftedPlanes load(float[] src, int[] g, Rng rng) {
        float[] data = new float[(int) ShiftedPlanes.floats(g[0], g[1], g[4], g[5], g[6], g[7]) + rng.nextInt(3)];
        Arrays.fill(data, Float.NaN);
        ShiftedPlanes sp = new ShiftedPlanes(data, g[0], g[1], g[4], g[5], g[6], g[7]);
        for (int j = 0; j < g[0]; j++) {
            for (int c = 0; c < g[1]; c++) {
                sp.loadPlane(j, c, src, (j * g[1] + c) * g[2] * g[3], g[2], g[3], g[8], g[9]);
            }
        }
        return sp;
    }

    /** B[(y·X + x)·S + c][j·H·W + a·W + b] = source[j][c][a + top + y][b + left + x], or 0 outside. */
    private static float[] definition(float[] src, int[] g) {
        int images = g[0], s = g[1], h = g[2], w = g[3], gh = g[4], gw = g[5], ys = g[6], xs = g[7];
        int n = images * gh * gw;
        float[] b = new float[ys * xs * s * n];
        for (int y = 0; y < ys; y++) {
            for (int x = 0; x < xs; x++) {
                for (int c = 0; c < s; c++) {
                    int row = (y * xs + x) * s + c;
                    for (int j = 0; j < images; j++) {
                        for (int a = 0; a < gh; a++) {
                            for (int q = 0; q < gw; q++) {
                                int sy = a + g[8] + y;
                                int sx = q + g[9] + x;
                                boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                                b[row * n + j * gh * gw + a * gw + q] =
                                        inside ? src[((j * s + c) * h + sy) * w + sx] : 0f;
                            }
                        }
                    }
                }
            }
        }
        return b;
    }
}
