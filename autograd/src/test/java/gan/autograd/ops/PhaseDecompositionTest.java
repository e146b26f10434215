package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.GradCheck;
import gan.autograd.Var;
import gan.tensor.ConvGeometry;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The phase (sub-pixel) form of the strided convolution's adjoint against the col2im form
 * it replaces and against a naive scatter loop in double, on random shapes, at 1 and 2 threads.
 */
class PhaseDecompositionTest {
    /** Relative tolerance between two float orders of the same sums (a few hundred products of O(1) values). */
    private static final double TOLERANCE = 1e-5;

    /** One random geometry: n, c (the op's input channels), h, w, o (its output channels), k, s, padding, bias. */
    private record Case(int n, int c, int h, int w, int o, int k, int s, Padding p, boolean bias) {
        @Override
        public String toString() {
            return "n" + n + " c" + c + " " + h + "x" + w + " o" + o + " k" + k + " s" + s + " " + p
                    + (bias ? " bias" : "");
        }
    }

    /** Strides 1–3, kernels 1–5, SAME and VALID, sizes 1–9 (odd and even), batch 1–3, channels 1–9. */
    private static List<Case> randomCases(long seed, int count, boolean convolution) {
        Random r = new Random(seed);
        List<Case> cases = new ArrayList<>();
        while (cases.size() < count) {
            int k = 1 + r.nextInt(5);
            int s = 1 + r.nextInt(3);
            Padding p = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            int h = 1 + r.nextInt(9);
            int w = 1 + r.nextInt(9);
            if (convolution && p == Padding.VALID && (h < k || w < k)) {
                continue; // a VALID convolution needs the kernel to fit
            }
            cases.add(new Case(1 + r.nextInt(3), 1 + r.nextInt(9), h, w, 1 + r.nextInt(9), k, s, p, r.nextBoolean()));
        }
        return cases;
    }

    @Test
    void transposedForwardMatchesCol2imAndANaiveLoop() {
        Rng rng = new Rng(11);
        forThreads(threads -> {
            for (Case cs : randomCases(1, 300, false)) {
                Tensor x = Tensor.normal(rng, 0, 1, cs.n, cs.c, cs.h, cs.w);
                Tensor w = Tensor.normal(rng, 0, 1, cs.c, cs.o, cs.k, cs.k);
                Var b = cs.bias ? Var.constant(Tensor.normal(rng, 0, 1, cs.o)) : null;
                float[] phases = transposed(x, w, b, cs, PhaseDecomposition.Use.ALWAYS).data;
                Tensor reference = transposed(x, w, b, cs, PhaseDecomposition.Use.NEVER);
                String what = cs + ", " + threads + " threads";
                assertClose(reference.data, phases, what + " vs col2im");
                double[] naive = ConvolutionTest.directTransposed(x, w, b == null ? null : b.value(), cs.s, cs.p,
                        reference.dim(2), reference.dim(3));
                assertClose(naive, phases, what + " vs naive loop");
            }
        });
    }

    @Test
    void convolutionInputGradientMatchesCol2im() {
        Rng rng = new Rng(12);
        forThreads(threads -> {
            for (Case cs : randomCases(2, 300, true)) {
                // c and o swap roles here: x [n, c, h, w] is the big side, w [o, c, k, k]
                Tensor x = Tensor.normal(rng, 0, 1, cs.n, cs.c, cs.h, cs.w);
                Tensor w = Tensor.normal(rng, 0, 1, cs.o, cs.c, cs.k, cs.k);
                Tensor seed = null;
                float[][] grads = new float[2][];
                int i = 0;
                for (PhaseDecomposition.Use use : new PhaseDecomposition.Use[] {PhaseDecomposition.Use.ALWAYS,
                    PhaseDecomposition.Use.NEVER}) {
                    Var xv = Var.param(x.copy());
                    Var y = Convolution.apply(xv, Var.constant(w), null, cs.s, cs.p, ColumnGroups.COLUMN_FLOATS,
                            false, use);
                    if (seed == null) {
                        seed = Tensor.normal(rng, 0, 1, y.shape());
                    }
                    y.backward(seed);
                    grads[i++] = xv.grad().data;
                }
                assertClose(grads[1], grads[0], cs + ", " + threads + " threads");
            }
        });
    }

    /** The phase path adds into a gradient that already holds another op's contribution. */
    @Test
    void convolutionInputGradientAddsToWhatIsThere() {
        Rng rng = new Rng(13);
        Tensor x = Tensor.normal(rng, 0, 1, 2, 5, 9, 8);
        Tensor w1 = Tensor.normal(rng, 0, 1, 6, 5, 3, 3);
        Tensor w2 = Tensor.normal(rng, 0, 1, 6, 5, 3, 3);
        Tensor seed = Tensor.normal(rng, 0, 1, 2, 6, 5, 4);
        float[][] grads = new float[2][];
        for (int i = 0; i < 2; i++) {
            PhaseDecomposition.Use use = i == 0 ? PhaseDecomposition.Use.ALWAYS : PhaseDecomposition.Use.NEVER;
            Var xv = Var.param(x.copy());
            Var y1 = Convolution.apply(xv, Var.constant(w1), null, 2, Padding.SAME, ColumnGroups.COLUMN_FLOATS, false, use);
            Var y2 = Convolution.apply(xv, Var.constant(w2), null, 2, Padding.SAME, ColumnGroups.COLUMN_FLOATS, false,
                    PhaseDecomposition.Use.NEVER);
            Add.apply(y1, y2).backward(seed);
            grads[i] = xv.grad().data;
        }
        assertClose(grads[1], grads[0], "x used by two convolutions");
    }

    @Test
    void phasesAreBitIdenticalAtOneAndTwoThreadsAndInAnyGrouping() {
        int saved = Parallel.threads();
        try {
            float[][] reference = null;
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                for (long limit : new long[] {Long.MAX_VALUE, 1, 40_000}) {
                    float[][] got = phaseResults(limit);
                    if (reference == null) {
                        reference = got;
                    }
                    for (int i = 0; i < got.length; i++) {
                        assertArrayEquals(reference[i], got[i], 0f,
                                threads + " threads, limit " + limit + ": array " + i + " must be bit-identical");
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** The cGAN's shapes, at a batch of 10: convT 4x4 s2 7 -> 14, and the data gradient of D's conv 3x3 s2 14 -> 7. */
    private static float[][] phaseResults(long columnFloats) {
        Rng r = new Rng(5);
        Var tx = Var.constant(Tensor.normal(r, 0, 1, 10, 16, 7, 7));
        Var tw = Var.constant(Tensor.normal(r, 0, 1, 16, 20, 4, 4));
        Var tb = Var.constant(Tensor.normal(r, 0, 1, 20));
        float[] ty = TransposedConvolution.apply(tx, tw, tb, 2, Padding.SAME, columnFloats,
                PhaseDecomposition.Use.ALWAYS).data();
        Var x = Var.param(Tensor.normal(r, 0, 1, 10, 20, 14, 14));
        Var y = Convolution.apply(x, Var.constant(Tensor.normal(r, 0, 1, 16, 20, 3, 3)), null, 2, Padding.SAME,
                columnFloats, false, PhaseDecomposition.Use.ALWAYS);
        y.backward(Tensor.normal(r, 0, 1, y.shape()));
        return new float[][] {ty, x.grad().data};
    }

    /** n, c, h, w, o, k, s, padding, bias: strided shapes, odd and even, with kernels smaller than the stride. */
    static Stream<Arguments> gradCases() {
        return Stream.of(
                Arguments.of(2, 3, 3, 3, 2, 3, 2, Padding.SAME, true),
                Arguments.of(1, 2, 4, 3, 3, 4, 2, Padding.SAME, false),
                Arguments.of(1, 2, 3, 2, 2, 5, 3, Padding.SAME, true),
                Arguments.of(1, 2, 3, 3, 2, 3, 2, Padding.VALID, false),
                Arguments.of(2, 2, 2, 3, 2, 1, 2, Padding.VALID, true),
                Arguments.of(1, 3, 3, 2, 2, 2, 3, Padding.VALID, true),
                Arguments.of(1, 2, 3, 3, 3, 4, 1, Padding.SAME, false));
    }

    @ParameterizedTest
    @MethodSource("gradCases")
    void transposedGradientsThroughThePhaseForward(int n, int c, int h, int w, int o, int k, int s, Padding p,
                                                   boolean bias) {
        Rng rng = new Rng(14);
        Tensor[] in = inputs(rng, new int[] {n, c, h, w}, new int[] {c, o, k, k}, bias ? o : 0);
        new GradCheck().floor(1e-2).check("phase transposed convolution " + p + " s" + s + " k" + k,
                v -> TransposedConvolution.apply(v.get(0), v.get(1), bias ? v.get(2) : null, s, p,
                        ColumnGroups.COLUMN_FLOATS, PhaseDecomposition.Use.ALWAYS), in);
    }

    @ParameterizedTest
    @MethodSource("gradCases")
    void convolutionGradientsThroughThePhaseDataGradient(int n, int c, int h, int w, int o, int k, int s, Padding p,
                                                         boolean bias) {
        Rng rng = new Rng(15);
        // a VALID convolution needs the kernel to fit: grow the image to at least k
        int hh = Math.max(h, k) + s;
        int ww = Math.max(w, k) + 1;
        Tensor[] in = inputs(rng, new int[] {n, c, hh, ww}, new int[] {o, c, k, k}, bias ? o : 0);
        new GradCheck().floor(1e-2).check("phase convolution data gradient " + p + " s" + s + " k" + k,
                v -> Convolution.apply(v.get(0), v.get(1), bias ? v.get(2) : null, s, p, ColumnGroups.COLUMN_FLOATS,
                        false, PhaseDecomposition.Use.ALWAYS), in);
    }

    @Test
    void byShapeTakesThePhasesOnlyWhereTheyPay() {
        // cgan.G.convT1 / convT2: 4x4 stride 2, 128 output channels, batch 128
        assertTrue(PhaseDecomposition.pays(Padding.SAME.geometry(128, 14, 14, 4, 4, 2), 129, 128));
        assertTrue(PhaseDecomposition.pays(Padding.SAME.geometry(128, 28, 28, 4, 4, 2), 128, 128));
        // 3x3 at stride 2, phases of unequal taps (cgan.D.conv2's data gradient); acgan's 5x5 G
        // layer has too many small-side channels
        assertTrue(PhaseDecomposition.pays(Padding.SAME.geometry(128, 14, 14, 3, 3, 2), 128, 64));
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(192, 14, 14, 5, 5, 2), 385, 64));
        // few big-side channels (cgan.D.conv1's data gradient), many small-side ones (pix2pix)
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(2, 28, 28, 4, 4, 2), 128, 64));
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(64, 28, 28, 4, 4, 2), 128, 64));
        // 64 big-side channels are enough from 5x5 on (dcgan.G.convT1, dcgan.D.conv2's data
        // gradient), not at 3x3 (acgan.D.conv3's data gradient)
        assertTrue(PhaseDecomposition.pays(Padding.SAME.geometry(64, 14, 14, 5, 5, 2), 128, 64));
        assertTrue(PhaseDecomposition.pays(Padding.SAME.geometry(64, 14, 14, 5, 5, 2), 128, 128));
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(64, 14, 14, 3, 3, 2), 128, 32));
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(32, 14, 14, 5, 5, 2), 64, 64));
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(128, 64, 64, 4, 4, 2), 256, 1));
        // one image of 7x7: fewer pixels than kernel rows; stride 1 keeps col2im
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(128, 14, 14, 4, 4, 2), 128, 1));
        assertFalse(PhaseDecomposition.pays(Padding.SAME.geometry(128, 14, 14, 4, 4, 1), 128, 128));
    }

    /**
     * With an input and a kernel of ones each output pixel holds the number of taps that reach
     * it, so a pixel that no phase writes, or that two phases write, shows up as a wrong count.
     */
    @Test
    void everyOutputPixelBelongsToExactlyOnePhase() {
        ConvGeometry g = Padding.SAME.geometry(1, 7, 9, 3, 3, 2);
        Tensor x = Tensor.zeros(1, 1, g.outH, g.outW);
        java.util.Arrays.fill(x.data, 1f);
        Tensor w = Tensor.zeros(1, 1, 3, 3);
        java.util.Arrays.fill(w.data, 1f);
        Tensor y = TransposedConvolution.apply(Var.constant(x), Var.constant(w), null, 2, Padding.SAME,
                ColumnGroups.COLUMN_FLOATS, PhaseDecomposition.Use.ALWAYS).value();
        double[] naive = ConvolutionTest.directTransposed(x, w, null, 2, Padding.SAME, y.dim(2), y.dim(3));
        assertClose(naive, y.data, "count of taps per pixel");
        assertEquals(1.0, naive[0], 0, "the top-left pixel is reached by one tap under TensorFlow's 'same'");
    }

    private static Tensor transposed(Tensor x, Tensor w, Var b, Case cs, PhaseDecomposition.Use use) {
        return TransposedConvolution.apply(Var.constant(x), Var.constant(w), b, cs.s, cs.p, ColumnGroups.COLUMN_FLOATS,
                use).value();
    }

    /** Runs {@code body} at 1 and then 2 threads, restoring the thread count. */
    private static void forThreads(java.util.function.IntConsumer body) {
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                body.accept(threads);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private static Tensor[] inputs(Rng rng, int[] xShape, int[] wShape, int biasSize) {
        Tensor x = Tensor.normal(rng, 0, 1, xShape);
        Tensor w = Tensor.normal(rng, 0, 0.5f, wShape);
        return biasSize == 0 ? new Tensor[] {x, w} : new Tensor[] {x, w, Tensor.normal(rng, 0, 1, biasSize)};
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertClose(e, actual, what);
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what + ": element " + i);
        }
    }
}
