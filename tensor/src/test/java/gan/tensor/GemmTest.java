package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Differential tests of every GEMM backend against a naive triple loop in double. */
class GemmTest {
    private static final int[] SIZES = {1, 3, 17, 33, 65, 130};

    /** The backends under test, built directly so each is tested whatever Kernels picked. */
    static List<Gemm> backends() {
        List<Gemm> list = new ArrayList<>();
        list.add(new JavaGemm());
        list.add(new JblasGemm());
        list.add(new VectorGemm(6));
        list.add(new VectorGemm(8));
        return list;
    }

    @Test
    void jblasNativeLibraryLoads() {
        assertNull(JblasGemm.loadError(), "jblas needs libgfortran5 (apt-get install libgfortran5)");
    }

    @Test
    void vectorModuleIsPresentSoTheVectorPathIsTested() {
        assertTrue(Kernels.vectorModulePresent(), "surefire must run with --add-modules jdk.incubator.vector");
        assertTrue(Kernels.available().stream().anyMatch(g -> g.name().equals("vector")));
    }

    @Test
    void everyBackendMatchesNaiveOnOddShapes() {
        Rng rng = new Rng(42);
        for (Gemm g : backends()) {
            for (int trial = 0; trial < 40; trial++) {
                int m = SIZES[rng.nextInt(SIZES.length)];
                int n = SIZES[rng.nextInt(SIZES.length)];
                int k = SIZES[rng.nextInt(SIZES.length)];
                for (int tr = 0; tr < 4; tr++) {
                    float beta = trial % 3 == 0 ? 0f : trial % 3 == 1 ? 1f : 0.5f;
                    check(g, tr >= 2, tr % 2 == 1, m, n, k, beta, rng);
                }
            }
        }
    }

    @Test
    void everyBackendMatchesNaiveOnConvShapes() {
        Rng rng = new Rng(7);
        // {37, 700, 1100}: wider than one column block and deeper than one k-slice, so the
        // vector GEMM packs A once for the whole call, its last strip padded; {37, 300, 1025}
        // ends on a slice one step deep.
        int[][] shapes = {{128, 196, 1152}, {64, 49, 1152}, {2048, 49, 128}, {37, 300, 1025}, {37, 700, 1100}};
        for (Gemm g : backends()) {
            for (int[] s : shapes) {
                check(g, false, false, s[0], s[1], s[2], 0f, rng);
                check(g, true, false, s[0], s[1], s[2], 1f, rng);
                check(g, false, true, s[0], s[1], s[2], 1f, rng);
            }
        }
    }

    /**
     * The micro-tile height only changes which rows share a kernel call, never the order of
     * any element's multiply-adds, so 6- and 8-row tiles must agree to the bit, on edge tiles too.
     */
    @Test
    void vectorTileHeightsGiveBitIdenticalResults() {
        Gemm six = new VectorGemm(6);
        Gemm eight = new VectorGemm(8);
        for (int[] s : new int[][] {{128, 196, 1152}, {2048, 49, 128}, {37, 300, 513}, {13, 45, 7}}) {
            for (int tr = 0; tr < 4; tr++) {
                Rng rng = new Rng(s[0] * 31 + tr);
                float[] a = random(rng, s[0] * s[2]);
                float[] b = random(rng, s[2] * s[1]);
                float[] c6 = random(rng, s[0] * s[1]);
                float[] c8 = c6.clone();
                six.sgemm(tr >= 2, tr % 2 == 1, s[0], s[1], s[2], a, 0, b, 0, 1f, c6, 0);
                eight.sgemm(tr >= 2, tr % 2 == 1, s[0], s[1], s[2], a, 0, b, 0, 1f, c8, 0);
                assertArrayEquals(c6, c8, "6- and 8-row tiles differ at " + s[0] + "x" + s[1] + "x" + s[2]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new VectorGemm(7));
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        int saved = Parallel.threads();
        try {
            for (Gemm g : backends()) {
                for (int[] s : new int[][] {{130, 190, 1030}, {300, 200, 300}, {7, 1000, 700}}) {
                    for (int tr = 0; tr < 4; tr++) {
                        Rng rng = new Rng(s[0] + tr);
                        float[] a = random(rng, s[0] * s[2]);
                        float[] b = random(rng, s[2] * s[1]);
                        float[] c0 = random(rng, s[0] * s[1]);
                        float[] c1 = c0.clone();
                        Parallel.setThreads(1);
                        g.sgemm(tr >= 2, tr % 2 == 1, s[0], s[1], s[2], a, 0, b, 0, 1f, c0, 0);
                        Parallel.setThreads(2);
                        g.sgemm(tr >= 2, tr % 2 == 1, s[0], s[1], s[2], a, 0, b, 0, 1f, c1, 0);
                        assertArrayEquals(c0, c1, g.description() + " differs between 1 and 2 threads");
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void concurrentCallsIntoOneArrayDoNotInterfere() throws InterruptedException {
        // Layers run one GEMM per image on several threads, each writing its own slice of one array.
        for (Gemm g : backends()) {
            Rng rng = new Rng(11);
            int m = 40;
            int n = 50;
            int k = 60;
            float[] a = random(rng, 2 * m * k);
            float[] b = random(rng, k * n);
            float[] c = new float[2 * m * n];
            float[] expected = new float[2 * m * n];
            for (int img = 0; img < 2; img++) {
                new JavaGemm().sgemm(false, false, m, n, k, a, img * m * k, b, 0, 0f, expected, img * m * n);
            }
            Thread[] threads = new Thread[2];
            for (int img = 0; img < 2; img++) {
                int i = img;
                threads[img] = new Thread(() -> {
                    for (int rep = 0; rep < 50; rep++) {
                        g.sgemm(false, false, m, n, k, a, i * m * k, b, 0, 0f, c, i * m * n);
                    }
                });
                threads[img].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (int i = 0; i < c.length; i++) {
                assertEquals(expected[i], c[i], 1e-4f, g.name() + " at " + i);
            }
        }
    }

    @Test
    void emptyKScalesC() {
        for (Gemm g : backends()) {
            float[] c = {1f, 2f, 3f, 4f};
            g.sgemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, 0.5f, c, 0);
            assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c, g.name());
            g.sgemm(true, true, 2, 2, 0, new float[0], 0, new float[0], 0, 0f, c, 0);
            assertArrayEquals(new float[4], c, g.name());
        }
    }

    @Test
    void tooSmallArrayIsRejectedWithShapes() {
        for (Gemm g : backends()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> g.sgemm(false, false, 3, 4, 5, new float[14], 0, new float[20], 0, 0f, new float[12], 0));
            assertTrue(e.getMessage().contains("3x5"), e.getMessage());
        }
    }

    /** Runs one product with random offsets and checks it, and that C's surroundings are untouched. */
    private static void check(Gemm g, boolean ta, boolean tb, int m, int n, int k, float beta, Rng rng) {
        // Some calls with arrays that hold exactly the operands: jblas passes those through directly.
        int slack = rng.nextInt(3) == 0 ? 0 : 3;
        int aOff = slack == 0 ? 0 : rng.nextInt(5);
        int bOff = slack == 0 ? 0 : rng.nextInt(5);
        int cOff = slack == 0 ? 0 : rng.nextInt(5);
        float[] a = random(rng, aOff + m * k + slack);
        float[] b = random(rng, bOff + k * n + slack);
        float[] c = random(rng, cOff + m * n + slack);
        if (beta == 0f) {
            // beta 0 must not read C: NaN there would poison the result.
            java.util.Arrays.fill(c, cOff, cOff + m * n, Float.NaN);
        }
        float[] before = c.clone();
        g.sgemm(ta, tb, m, n, k, a, aOff, b, bOff, beta, c, cOff);
        String what = g.name() + " " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                + " beta=" + beta;
        for (int i = 0; i < c.length; i++) {
            if (i < cOff || i >= cOff + m * n) {
                assertEquals(before[i], c[i], what + ": wrote outside C at " + i);
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    double y = tb ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    sum += x * y;
                    abs += Math.abs(x * y);
                }
                double old = beta == 0f ? 0 : before[cOff + i * n + j];
                sum += beta * old;
                abs += Math.abs(beta * old);
                double tol = (k + 2) * 1.2e-7 * abs + 1e-30;
                float got = c[cOff + i * n + j];
                if (!(Math.abs(got - sum) <= tol)) {
                    fail(what + ": C[" + i + "][" + j + "] = " + got + ", expected " + sum + " ± " + tol);
                }
            }
        }
    }

    static float[] random(Rng rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = 2 * rng.nextFloat() - 1;
        }
        return x;
    }
}
