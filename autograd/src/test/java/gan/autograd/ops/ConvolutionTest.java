package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.GradCheck;
import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConvolutionTest {
    private final Rng rng = new Rng(7);

    /*
     * Gradients here are sums of dozens of O(1) products, so the float rounding of the
     * forward pass puts ~1e-5 of noise into the finite difference; an absolute floor of
     * 1e-2 keeps near-zero gradients from failing on that noise alone.
     */
    private static GradCheck check() {
        return new GradCheck().floor(1e-2);
    }

    /** n, c, h, w, out channels, kernel, stride, padding, bias. */
    static Stream<Arguments> convCases() {
        return Stream.of(
                Arguments.of(2, 3, 5, 5, 4, 3, 1, Padding.SAME, true),
                Arguments.of(2, 2, 6, 6, 3, 3, 2, Padding.SAME, false),
                Arguments.of(1, 2, 7, 7, 2, 4, 2, Padding.SAME, true),
                Arguments.of(1, 2, 8, 8, 3, 4, 2, Padding.SAME, false),
                Arguments.of(1, 1, 5, 6, 2, 5, 1, Padding.SAME, true),
                Arguments.of(2, 2, 6, 5, 3, 2, 1, Padding.VALID, true),
                Arguments.of(1, 3, 7, 6, 2, 3, 2, Padding.VALID, false),
                Arguments.of(1, 2, 8, 8, 2, 4, 2, Padding.VALID, true),
                Arguments.of(2, 5, 6, 7, 1, 5, 1, Padding.SAME, true),
                Arguments.of(1, 3, 6, 5, 1, 4, 1, Padding.SAME, false),
                Arguments.of(2, 2, 6, 6, 1, 3, 1, Padding.VALID, true),
                // 1x1 and 2x2 maps under a 4x4 kernel: taps wholly outside the image (pix2pix)
                Arguments.of(2, 2, 1, 1, 5, 4, 1, Padding.SAME, true),
                Arguments.of(2, 2, 2, 2, 5, 4, 1, Padding.SAME, false),
                // more input channels than one slice of the columns (28 for 3x3): two slices, the last narrower
                Arguments.of(1, 30, 5, 5, 3, 3, 2, Padding.SAME, true));
    }

    /** n, c (input channels), h, w, out channels, kernel, stride, padding, bias. */
    static Stream<Arguments> transposedCases() {
        return Stream.of(
                Arguments.of(2, 3, 3, 3, 2, 3, 2, Padding.SAME, true),
                Arguments.of(1, 2, 4, 3, 3, 4, 2, Padding.SAME, false),
                Arguments.of(2, 2, 3, 3, 2, 3, 1, Padding.SAME, true),
                Arguments.of(1, 2, 3, 4, 2, 4, 1, Padding.SAME, false),
                Arguments.of(1, 2, 3, 3, 2, 5, 2, Padding.SAME, true),
                Arguments.of(1, 2, 3, 4, 2, 2, 1, Padding.VALID, true),
                Arguments.of(1, 2, 3, 3, 2, 3, 2, Padding.VALID, false),
                Arguments.of(1, 2, 3, 3, 2, 1, 2, Padding.VALID, true),
                // more output channels than one slice of dY's columns (16 for 4x4): two slices
                Arguments.of(1, 2, 3, 3, 18, 4, 2, Padding.SAME, true));
    }

    @ParameterizedTest
    @MethodSource("convCases")
    void convolutionGradients(int n, int c, int h, int w, int o, int k, int s, Padding p, boolean bias) {
        Tensor[] in = inputs(new int[] {n, c, h, w}, new int[] {o, c, k, k}, bias ? o : 0);
        for (boolean direct : new boolean[] {false, true}) {
            check().check("convolution " + p + " s" + s + " k" + k + (direct ? " direct" : " gemm"),
                    v -> Convolution.apply(v.get(0), v.get(1), bias ? v.get(2) : null, s, p, ColumnGroups.COLUMN_FLOATS,
                            direct), in);
        }
    }

    @ParameterizedTest
    @MethodSource("transposedCases")
    void transposedConvolutionGradients(int n, int c, int h, int w, int o, int k, int s, Padding p, boolean bias) {
        Tensor[] in = inputs(new int[] {n, c, h, w}, new int[] {c, o, k, k}, bias ? o : 0);
        check().check("transposed convolution " + p + " s" + s + " k" + k,
                v -> TransposedConvolution.apply(v.get(0), v.get(1), bias ? v.get(2) : null, s, p), in);
    }

    @ParameterizedTest
    @MethodSource("convCases")
    void convolutionMatchesDirectLoopInDouble(int n, int c, int h, int w, int o, int k, int s, Padding p, boolean bias) {
        Tensor x = Tensor.normal(rng, 0, 1, n, c, h, w);
        Tensor wt = Tensor.normal(rng, 0, 1, o, c, k, k);
        Tensor b = bias ? Tensor.normal(rng, 0, 1, o) : null;
        double[] expected = directConvolution(x, wt, b, s, p);
        for (boolean direct : new boolean[] {false, true}) {
            Tensor y = Convolution.apply(Var.constant(x), Var.constant(wt), b == null ? null : Var.constant(b), s, p,
                    ColumnGroups.COLUMN_FLOATS, direct).value();
            assertClose(expected, y.data, 1e-4);
        }
    }

    @ParameterizedTest
    @MethodSource("transposedCases")
    void transposedConvolutionMatchesDirectScatterInDouble(int n, int c, int h, int w, int o, int k, int s, Padding p,
                                                           boolean bias) {
        Tensor x = Tensor.normal(rng, 0, 1, n, c, h, w);
        Tensor wt = Tensor.normal(rng, 0, 1, c, o, k, k);
        Tensor b = bias ? Tensor.normal(rng, 0, 1, o) : null;
        Tensor y = TransposedConvolution.apply(Var.constant(x), Var.constant(wt), b == null ? null : Var.constant(b), s, p)
                .value();
        double[] expected = directTransposed(x, wt, b, s, p, y.dim(2), y.dim(3));
        assertClose(expected, y.data, 1e-4);
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        // <conv(x), y> = <x, convT(y)> with one weight tensor: [O, C, k, k] read as convT's [in, out, k, k]
        int[][] cases = {{8, 8, 3, 2, 0}, {8, 6, 4, 2, 0}, {5, 5, 3, 1, 0}, {6, 6, 4, 1, 0}, {9, 7, 3, 2, 1}, {7, 7, 2, 1, 1}};
        for (int[] cs : cases) {
            Padding p = cs[4] == 0 ? Padding.SAME : Padding.VALID;
            Tensor x = Tensor.normal(rng, 0, 1, 2, 3, cs[0], cs[1]);
            Var w = Var.constant(Tensor.normal(rng, 0, 1, 4, 3, cs[2], cs[2]));
            Tensor cx = Convolution.apply(Var.constant(x), w, null, cs[3], p).value();
            Tensor y = Tensor.normal(rng, 0, 1, cx.shape());
            Tensor ty = TransposedConvolution.apply(Var.constant(y), w, null, cs[3], p).value();
            assertArrayEquals(x.shape(), ty.shape(), "convT must map back to the input shape");
            double lhs = dot(cx.data, y.data);
            double rhs = dot(x.data, ty.data);
            assertEquals(lhs, rhs, 1e-4 * Math.max(1, Math.abs(lhs)), "adjoint relation, case " + java.util.Arrays.toString(cs));
        }
    }

    @Test
    void kerasOutputShapes() {
        // Keras: Conv2DTranspose(s2, same) 7 -> 14 -> 28; Conv2D(s2, same) 28 -> 14 -> 7; 7 -> 4
        for (int k : new int[] {3, 4, 5}) {
            assertEquals(14, transposedSize(7, k, 2, Padding.SAME));
            assertEquals(28, transposedSize(14, k, 2, Padding.SAME));
            assertEquals(7, transposedSize(7, k, 1, Padding.SAME));
        }
        for (int k : new int[] {3, 4}) {
            assertEquals(14, convSize(28, k, 2, Padding.SAME));
            assertEquals(7, convSize(14, k, 2, Padding.SAME));
            assertEquals(4, convSize(7, k, 2, Padding.SAME));
            assertEquals(28, convSize(28, k, 1, Padding.SAME));
        }
        assertEquals(26, convSize(28, 3, 1, Padding.VALID));
        assertEquals(13, convSize(28, 4, 2, Padding.VALID));
        assertEquals(15, transposedSize(7, 3, 2, Padding.VALID));
        assertEquals(14, transposedSize(7, 1, 2, Padding.VALID));
    }

    @Test
    void frozenWeightsGetNoGradientAndInputGradientIsUnchanged() {
        Tensor x = Tensor.normal(rng, 0, 1, 2, 3, 6, 6);
        Tensor w = Tensor.normal(rng, 0, 1, 4, 3, 3, 3);
        Tensor b = Tensor.normal(rng, 0, 1, 4);
        Tensor seed = Tensor.normal(rng, 0, 1, 2, 4, 3, 3);
        Var x1 = Var.param(x.copy());
        Convolution.apply(x1, Var.param(w.copy()), Var.param(b.copy()), 2, Padding.SAME).backward(seed);
        Var x2 = Var.param(x.copy());
        Var frozenW = Var.param(w.copy());
        Var frozenB = Var.param(b.copy());
        frozenW.setRequiresGrad(false);
        frozenB.setRequiresGrad(false);
        Convolution.apply(x2, frozenW, frozenB, 2, Padding.SAME).backward(seed);
        assertNull(frozenW.grad());
        assertNull(frozenB.grad());
        assertArrayEquals(x1.grad().data, x2.grad().data, 0f);
    }

    @Test
    void frozenTransposedWeightsGetNoGradient() {
        Tensor x = Tensor.normal(rng, 0, 1, 2, 3, 3, 3);
        Tensor w = Tensor.normal(rng, 0, 1, 3, 2, 4, 4);
        Tensor seed = Tensor.normal(rng, 0, 1, 2, 2, 6, 6);
        Var x1 = Var.param(x.copy());
        TransposedConvolution.apply(x1, Var.param(w.copy()), null, 2, Padding.SAME).backward(seed);
        Var x2 = Var.param(x.copy());
        Var frozenW = Var.param(w.copy());
        frozenW.setRequiresGrad(false);
        TransposedConvolution.apply(x2, frozenW, null, 2, Padding.SAME).backward(seed);
        assertNull(frozenW.grad());
        assertArrayEquals(x1.grad().data, x2.grad().data, 0f);
    }

    @Test
    void outputUsedTwiceAccumulatesBothContributions() {
        Tensor x = Tensor.normal(rng, 0, 1, 1, 2, 5, 5);
        Tensor w = Tensor.normal(rng, 0, 1, 3, 2, 3, 3);
        Tensor seed = Tensor.normal(rng, 0, 1, 1, 3, 5, 5);
        Var w1 = Var.param(w.copy());
        Convolution.apply(Var.constant(x), w1, null, 1, Padding.SAME).backward(seed);
        Var w2 = Var.param(w.copy());
        Var y = Convolution.apply(Var.constant(x), w2, null, 1, Padding.SAME);
        Add.apply(y, y).backward(seed);
        for (int i = 0; i < w.size(); i++) {
            assertEquals(2 * w1.grad().data[i], w2.grad().data[i], 1e-5f * Math.max(1f, Math.abs(w2.grad().data[i])));
        }
    }

    /**
     * The first backward to reach an op result's gradient stores into an uncleared array
     * from the arena, the next one adds: x (73,728 floats, so arena-lent) feeds two of each
     * kind of data gradient that stores, and must get the sum of both. The second round runs
     * on arrays the poisoned arena filled with NaN, so an element the store skipped shows.
     */
    @Test
    void anIntermediateFeedingTwoConvolutionsGetsBothGradientsFromUnclearedArrays() {
        Tensor x0 = Tensor.normal(rng, 0, 1, 2, 16, 48, 48);
        Tensor tapW1 = Tensor.normal(rng, 0, 0.1f, 2, 16, 3, 3);
        Tensor tapW2 = Tensor.normal(rng, 0, 0.1f, 2, 16, 3, 3);
        Tensor tW1 = Tensor.normal(rng, 0, 0.1f, 16, 4, 4, 4);
        Tensor tW2 = Tensor.normal(rng, 0, 0.1f, 16, 4, 4, 4);
        Tensor cW1 = Tensor.normal(rng, 0, 0.1f, 8, 16, 4, 4);
        Tensor cW2 = Tensor.normal(rng, 0, 0.1f, 8, 16, 4, 4);
        BiFunction<Var, Tensor, Var> tap = (x, w) ->
                Convolution.apply(x, Var.constant(w), null, 1, Padding.SAME);
        BiFunction<Var, Tensor, Var> transposed = (x, w) ->
                TransposedConvolution.apply(x, Var.constant(w), null, 2, Padding.SAME);
        BiFunction<Var, Tensor, Var> phases = (x, w) -> Convolution.apply(x, Var.constant(w), null,
                2, Padding.SAME, ColumnGroups.COLUMN_FLOATS, false, PhaseDecomposition.Use.ALWAYS);
        Object[][] cases = {{"tap convolution", tap, tapW1, tapW2}, {"transposed convolution", transposed, tW1, tW2},
            {"convolution through the phases", phases, cW1, cW2}};
        Arena arena = new Arena(true);
        for (Object[] k : cases) {
            @SuppressWarnings("unchecked")
            BiFunction<Var, Tensor, Var> op = (BiFunction<Var, Tensor, Var>) k[1];
            Tensor w1 = (Tensor) k[2];
            Tensor w2 = (Tensor) k[3];
            Tensor seed = Tensor.normal(rng, 0, 1, op.apply(Var.constant(x0), w1).shape());
            float[] expected = new float[x0.size()];
            for (Tensor w : new Tensor[] {w1, w2}) {
                Var alone = Var.param(x0.copy());
                op.apply(alone, w).backward(seed);
                for (int i = 0; i < expected.length; i++) {
                    expected[i] += alone.grad().data[i];
                }
            }
            for (int round = 0; round < 2; round++) {
                Var p = Var.param(x0.copy());
                try (Arena.Scope scope = arena.enter()) {
                    Var x = Scale.apply(p, 1f);
                    Add.apply(op.apply(x, w1), op.apply(x, w2)).backward(seed);
                }
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], p.grad().data[i], 1e-4f * Math.max(1f, Math.abs(expected[i])),
                            k[0] + ", round " + round + ", element " + i);
                }
            }
        }
    }

    /** The bias gradient summed while the backward's im2col reads dY is the separate pass's, to the bit. */
    @Test
    void transposedBiasGradientFromTheIm2colMatchesTheSeparateSum() {
        Tensor x = Tensor.normal(rng, 0, 1, 3, 5, 7, 7);
        Tensor w = Tensor.normal(rng, 0, 1, 5, 6, 4, 4);
        Tensor b = Tensor.normal(rng, 0, 1, 6);
        for (int s = 1; s <= 2; s++) {
            Tensor seed = Tensor.normal(rng, 0, 1, 3, 6, 7 * s, 7 * s);
            Var alone = Var.param(b.copy());
            TransposedConvolution.apply(Var.constant(x), Var.constant(w), alone, s, Padding.SAME).backward(seed);
            Var fused = Var.param(b.copy());
            TransposedConvolution.apply(Var.param(x.copy()), Var.constant(w), fused, s, Padding.SAME).backward(seed);
            assertArrayEquals(alone.grad().data, fused.grad().data, 0f, "stride " + s);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = runBoth();
            Parallel.setThreads(3);
            float[][] three = runBoth();
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], three[i], 0f, "array " + i + " must be bit-identical");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /**
     * Splitting the batch into groups of images (one GEMM per group) must not change the
     * outputs or input gradients at all: each of their elements is the same sum in the same
     * order. The weight gradients sum over the groups' pixels, so only their rounding may change.
     */
    @Test
    void groupingTheBatchChangesOnlyTheRoundingOfWeightGradients() {
        float[][] whole = runBoth(Long.MAX_VALUE);
        for (long limit : new long[] {1, 3 * 27 * 16, 4 * 50 * 16}) {
            float[][] grouped = runBoth(limit);
            for (int i : new int[] {0, 1, 3, 4, 5, 7, 8, 9}) {
                assertArrayEquals(whole[i], grouped[i], 0f, "limit " + limit + ": array " + i + " must be bit-identical");
            }
            for (int i : new int[] {2, 6}) {
                for (int j = 0; j < whole[i].length; j++) {
                    assertEquals(whole[i][j], grouped[i][j], 1e-4f * Math.max(1f, Math.abs(whole[i][j])),
                            "limit " + limit + ": weight gradient " + i + " element " + j);
                }
            }
        }
    }

    /** Outputs and all gradients of two convolutions (GEMM and direct) and a transposed convolution over 10 images. */
    private static float[][] runBoth() {
        return runBoth(ColumnGroups.COLUMN_FLOATS);
    }

    /** As {@link #runBoth()}, with at most {@code columnFloats} floats of columns per group of images. */
    private static float[][] runBoth(long columnFloats) {
        Rng r = new Rng(123);
        Var x = Var.param(Tensor.normal(r, 0, 1, 10, 3, 8, 8));
        Var w = Var.param(Tensor.normal(r, 0, 1, 4, 3, 3, 3));
        Var b = Var.param(Tensor.normal(r, 0, 1, 4));
        Var y = Convolution.apply(x, w, b, 2, Padding.SAME, columnFloats, true);
        y.backward(Tensor.normal(r, 0, 1, y.shape()));
        Var tx = Var.param(Tensor.normal(r, 0, 1, 10, 3, 4, 4));
        Var tw = Var.param(Tensor.normal(r, 0, 1, 3, 2, 5, 5));
        Var ty = TransposedConvolution.apply(tx, tw, null, 2, Padding.SAME, columnFloats);
        ty.backward(Tensor.normal(r, 0, 1, ty.shape()));
        Var dx = Var.param(Tensor.normal(r, 0, 1, 10, 3, 8, 8));
        Var dw = Var.param(Tensor.normal(r, 0, 1, 1, 3, 5, 5));
        Var dy = Convolution.apply(dx, dw, null, 1, Padding.SAME, columnFloats, true);
        dy.backward(Tensor.normal(r, 0, 1, dy.shape()));
        return new float[][] {y.data(), x.grad().data, w.grad().data, b.grad().data,
            ty.data(), tx.grad().data, tw.grad().data, dy.data(), dx.grad().data, dw.grad().data};
    }

    @Test
    void channelMismatchNamesOpAndBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convolution.apply(
                Var.constant(Tensor.zeros(2, 3, 8, 8)), Var.constant(Tensor.zeros(4, 2, 3, 3)), null, 1, Padding.SAME));
        assertEquals("convolution: input [2, 3, 8, 8] has 3 channels but weight [4, 2, 3, 3] expects 2", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> TransposedConvolution.apply(
                Var.constant(Tensor.zeros(2, 3, 8, 8)), Var.constant(Tensor.zeros(4, 2, 3, 3)), null, 2, Padding.SAME));
        assertTrue(t.getMessage().contains("transposed_convolution") && t.getMessage().contains("[4, 2, 3, 3]"),
                t.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Convolution.apply(
                Var.constant(Tensor.zeros(1, 1, 2, 2)), Var.constant(Tensor.zeros(1, 1, 3, 3)), null, 1, Padding.VALID));
        assertTrue(big.getMessage().startsWith("convolution: input [1, 1, 2, 2], weight [1, 1, 3, 3]"), big.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class, () -> Convolution.apply(
                Var.constant(Tensor.zeros(1, 1, 4, 4)), Var.constant(Tensor.zeros(2, 1, 3, 3)),
                Var.constant(Tensor.zeros(3)), 1, Padding.VALID));
        assertTrue(bias.getMessage().contains("bias [3]"), bias.getMessage());
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class, () -> Convolution.apply(
                Var.constant(Tensor.zeros(1, 1, 4, 4)), Var.constant(Tensor.zeros(2, 1, 3, 3)), null, 0, Padding.SAME));
        assertEquals("convolution: stride 0 must be at least 1", stride.getMessage());
    }

    private Tensor[] inputs(int[] xShape, int[] wShape, int biasSize) {
        Tensor x = Tensor.normal(rng, 0, 1, xShape);
        Tensor w = Tensor.normal(rng, 0, 0.5f, wShape);
        return biasSize == 0 ? new Tensor[] {x, w} : new Tensor[] {x, w, Tensor.normal(rng, 0, 1, biasSize)};
    }

    private static int convSize(int in, int k, int s, Padding p) {
        Tensor y = Convolution.apply(Var.constant(Tensor.zeros(1, 1, in, in)), Var.constant(Tensor.zeros(2, 1, k, k)),
                null, s, p).value();
        assertEquals(y.dim(2), y.dim(3));
        return y.dim(2);
    }

    private static int transposedSize(int in, int k, int s, Padding p) {
        Tensor y = TransposedConvolution.apply(Var.constant(Tensor.zeros(1, 1, in, in)),
                Var.constant(Tensor.zeros(1, 2, k, k)), null, s, p).value();
        assertEquals(y.dim(2), y.dim(3));
        return y.dim(2);
    }

    /** TensorFlow's padding before, written out independently of ConvGeometry. */
    private static int padBefore(int in, int out, int k, int s, Padding p) {
        return p == Padding.VALID ? 0 : Math.max((out - 1) * s + k - in, 0) / 2;
    }

    private static double[] directConvolution(Tensor x, Tensor w, Tensor b, int s, Padding p) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int oh = p == Padding.SAME ? (h + s - 1) / s : (h - kh) / s + 1;
        int ow = p == Padding.SAME ? (wd + s - 1) / s : (wd - kw) / s + 1;
        int pt = padBefore(h, oh, kh, s, p), pl = padBefore(wd, ow, kw, s, p);
        double[] y = new double[n * o * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = b == null ? 0 : b.data[oc];
                        for (int ic = 0; ic < c; ic++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = oy * s - pt + ky, ix = ox * s - pl + kx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        acc += (double) x.data[((i * c + ic) * h + iy) * wd + ix]
                                                * w.data[((oc * c + ic) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        y[((i * o + oc) * oh + oy) * ow + ox] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** Scatters every input pixel times the kernel into the output (Keras' placement). */
    static double[] directTransposed(Tensor x, Tensor w, Tensor b, int s, Padding p, int oh, int ow) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        int pt = padBefore(oh, h, kh, s, p), pl = padBefore(ow, wd, kw, s, p);
        double[] y = new double[n * o * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int oc = 0; oc < o; oc++) {
                for (int q = 0; q < oh * ow; q++) {
                    y[(i * o + oc) * oh * ow + q] = b == null ? 0 : b.data[oc];
                }
                for (int ic = 0; ic < c; ic++) {
                    for (int iy = 0; iy < h; iy++) {
                        for (int ix = 0; ix < wd; ix++) {
                            double v = x.data[((i * c + ic) * h + iy) * wd + ix];
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int yy = iy * s - pt + ky, xx = ix * s - pl + kx;
                                    if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) {
                                        y[((i * o + oc) * oh + yy) * ow + xx] += v * w.data[((ic * o + oc) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(double[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, "element count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

}
