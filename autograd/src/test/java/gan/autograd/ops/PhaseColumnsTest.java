package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.Var;
import gan.tensor.ConvGeometry;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transposed convolution's gradients read from dY's phases ({@link PhaseColumns})
 * against the same gradients from the written-out im2col, on random shapes whose stride
 * divides the kernel, at 1 and 2 threads, in one group and in many.
 */
class PhaseColumnsTest {
    /**
     * Tolerance between two float orders of the same sums, relative to the largest element:
     * a gradient element sums hundreds of products, and where they cancel its own size says
     * little about the rounding (a wrong row order is off by the elements' own size).
     */
    private static final double TOLERANCE = 1e-5;

    @Test
    void transposedGradientsMatchTheIm2colOnes() {
        Random r = new Random(5);
        Rng rng = new Rng(6);
        int saved = Parallel.threads();
        try {
            for (int i = 0; i < 200; i++) {
                int s = 1 + r.nextInt(3);
                // every tenth case a 6x6 kernel: 28 channels a slice, so o up to 40 makes two
                int k = i % 10 == 0 && s > 1 ? 6 : s * (1 + r.nextInt(3));
                Padding p = r.nextBoolean() ? Padding.SAME : Padding.VALID;
                int[] x = {1 + r.nextInt(4), 1 + r.nextInt(9), 1 + r.nextInt(8), 1 + r.nextInt(8)};
                int o = 1 + r.nextInt(i % 2 == 0 ? 40 : 9);
                boolean bias = r.nextBoolean();
                // a small column budget cuts the batch into groups of one image and several chunks
                long columnFloats = r.nextBoolean() ? ColumnGroups.COLUMN_FLOATS : 1;
                Parallel.setThreads(1 + r.nextInt(2));
                String what = Arrays.toString(x) + " o" + o + " k" + k + " s" + s + " " + p + (bias ? " bias" : "")
                        + (columnFloats == 1 ? " one image a group" : "") + ", " + Parallel.threads() + " threads";
                Tensor[] in = {Tensor.normal(rng, 0, 1, x), Tensor.normal(rng, 0, 1, x[1], o, k, k),
                    Tensor.normal(rng, 0, 1, o)};
                float[][] phases = gradients(in, s, p, bias, columnFloats, PhaseDecomposition.Use.ALWAYS, 7);
                float[][] im2col = gradients(in, s, p, bias, columnFloats, PhaseDecomposition.Use.NEVER, 7);
                for (int g = 0; g < phases.length; g++) {
                    assertClose(im2col[g], phases[g], what + ", gradient " + g);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void theCganLayersGradientsDoNotDependOnTheThreadCount() {
        Rng rng = new Rng(8);
        Tensor[] in = {Tensor.normal(rng, 0, 1, 12, 32, 7, 7), Tensor.normal(rng, 0, 1, 32, 40, 4, 4),
            Tensor.normal(rng, 0, 1, 40)};
        int saved = Parallel.threads();
        try {
            float[][][] grads = new float[2][][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                grads[t - 1] = gradients(in, 2, Padding.SAME, true, ColumnGroups.COLUMN_FLOATS,
                        PhaseDecomposition.Use.BY_SHAPE, 9);
            }
            for (int g = 0; g < 3; g++) {
                assertArrayEquals(grads[0][g], grads[1][g], "gradient " + g);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void theOrderIsAPermutationOfTheKernelColumns() {
        assertTrue(new PhaseColumns(ConvGeometry.same(40, 14, 14, 6, 6, 2)).sliceChannels() < 40, "two slices");
        for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.same(40, 14, 14, 6, 6, 2),
            ConvGeometry.valid(5, 9, 8, 6, 6, 3), ConvGeometry.same(3, 5, 5, 2, 2, 1)}) {
            int[] order = new PhaseColumns(g).order();
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i], g.toString());
            }
        }
    }

    @Test
    void onlyStridesThatDivideTheKernelFit() {
        assertTrue(PhaseColumns.fits(ConvGeometry.same(8, 28, 28, 4, 4, 2)));
        assertTrue(PhaseColumns.pays(ConvGeometry.same(8, 28, 28, 4, 4, 2), 128, 1));
        assertFalse(PhaseColumns.pays(ConvGeometry.same(8, 28, 28, 4, 4, 2), 1024, 5), "fewer pixels than channels");
        assertFalse(PhaseColumns.fits(ConvGeometry.same(8, 28, 28, 3, 3, 2)));
        assertFalse(PhaseColumns.fits(ConvGeometry.same(8, 28, 28, 5, 5, 2)));
        assertTrue(PhaseColumns.fits(ConvGeometry.same(8, 28, 28, 3, 3, 1)));
        assertFalse(PhaseColumns.pays(ConvGeometry.same(8, 28, 28, 3, 3, 1), 8, 1));
    }

    /** dX, dW and (if bias) db of one transposed convolution under {@code use}, seeded with normal(seed). */
    private static float[][] gradients(Tensor[] in, int s, Padding p, boolean bias, long columnFloats,
            PhaseDecomposition.Use use, long seed) {
        Var x = Var.param(in[0].copy());
        Var w = Var.param(in[1].copy());
        Var b = bias ? Var.param(in[2].copy()) : null;
        Var y = TransposedConvolution.apply(x, w, b, s, p, columnFloats, use);
        y.backward(Tensor.normal(new Rng(seed), 0, 1, y.shape()));
        return bias ? new float[][] {x.grad().data, w.grad().data, b.grad().data}
                : new float[][] {x.grad().data, w.grad().data};
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        double largest = 1;
        for (float e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * largest, what + ": element " + i);
        }
    }
}
