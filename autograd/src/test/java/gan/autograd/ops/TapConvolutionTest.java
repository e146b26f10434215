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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TapConvolution} through {@link Convolution#apply}, which sends these shapes (stride 1,
 * at most 4 output channels, at least {@link TapConvolution#MIN_CHANNELS} input channels) to it.
 */
class TapConvolutionTest {
    private final Rng rng = new Rng(11);

    /** n, c, h, w, out channels, kh, kw, padding, bias. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(3, 16, 7, 7, 1, 3, 3, Padding.SAME, true),
                // even kernels: 'same' pads one more after than before
                Arguments.of(2, 17, 5, 6, 2, 4, 4, Padding.SAME, false),
                Arguments.of(1, 16, 6, 7, 4, 2, 3, Padding.SAME, true),
                Arguments.of(2, 20, 9, 5, 3, 5, 3, Padding.VALID, true),
                Arguments.of(2, 16, 8, 8, 1, 8, 8, Padding.VALID, false),
                // more images than chunks, unevenly divided; a kernel larger than the image
                Arguments.of(11, 18, 4, 5, 1, 7, 7, Padding.SAME, false),
                // 1x1 and 2x2 maps under a 4x4 kernel: taps wholly outside the image (pix2pix's last layer)
                Arguments.of(2, 16, 1, 1, 2, 4, 4, Padding.SAME, true),
                Arguments.of(2, 16, 2, 2, 1, 4, 4, Padding.SAME, false),
                // cgan-cifar's output layer, smaller: 3 channels, 8x8 kernel
                Arguments.of(2, 32, 10, 10, 3, 8, 8, Padding.SAME, true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardAndGradientsMatchADoubleReference(int n, int c, int h, int w, int o, int kh, int kw, Padding p,
                                                  boolean bias) {
        assertTrue(TapConvolution.suits(p.geometry(c, h, w, kh, kw, 1)), "this shape must take the tap path");
        Tensor x = Tensor.normal(rng, 0, 1, n, c, h, w);
        Tensor wt = Tensor.normal(rng, 0, 1, o, c, kh, kw);
        Tensor b = bias ? Tensor.normal(rng, 0, 1, o) : null;
        Reference ref = new Reference(x, wt, b, p);
        Tensor seed = Tensor.normal(rng, 0, 1, n, o, ref.oh, ref.ow);
        float[][] got = run(x, wt, b, p, seed, true);
        ref.backward(seed);
        assertClose("output", ref.y, ref.yScale, got[0]);
        assertClose("input gradient", ref.dx, ref.dxScale, got[1]);
        assertClose("weight gradient", ref.dw, ref.dwScale, got[2]);
        if (bias) {
            assertClose("bias gradient", ref.db, ref.dbScale, got[3]);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheIm2colGemmPath(int n, int c, int h, int w, int o, int kh, int kw, Padding p, boolean bias) {
        Tensor x = Tensor.normal(rng, 0, 1, n, c, h, w);
        Tensor wt = Tensor.normal(rng, 0, 1, o, c, kh, kw);
        Tensor b = bias ? Tensor.normal(rng, 0, 1, o) : null;
        Reference ref = new Reference(x, wt, b, p);
        Tensor seed = Tensor.normal(rng, 0, 1, n, o, ref.oh, ref.ow);
        ref.backward(seed);
        float[][] taps = run(x, wt, b, p, seed, true);
        float[][] gemm = run(x, wt, b, p, seed, false);
        String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
        double[][] scales = {ref.yScale, ref.dxScale, ref.dwScale, ref.dbScale};
        for (int i = 0; i < (bias ? 4 : 3); i++) {
            double[] expected = new double[gemm[i].length];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = gemm[i][j];
            }
            assertClose(names[i] + " (tap vs im2col)", expected, scales[i], taps[i]);
        }
    }

    /*
     * Sums of 16·9 to 18·9 products of O(1) values: the forward pass's float rounding puts ~1e-5
     * of noise into the finite difference, hence the absolute floor of 1e-2 (as in ConvolutionTest).
     */
    @Test
    void finiteDifferences() {
        Object[][] shapes = {
            {2, 16, 5, 5, 1, 3, 3, Padding.SAME, true},
            {1, 17, 4, 5, 3, 4, 4, Padding.SAME, false},
            {2, 16, 6, 5, 2, 3, 2, Padding.VALID, true},
            {1, 16, 2, 2, 2, 4, 4, Padding.SAME, true},
        };
        for (Object[] s : shapes) {
            int n = (int) s[0], c = (int) s[1], h = (int) s[2], w = (int) s[3], o = (int) s[4];
            int kh = (int) s[5], kw = (int) s[6];
            Padding p = (Padding) s[7];
            boolean bias = (boolean) s[8];
            Tensor x = Tensor.normal(rng, 0, 1, n, c, h, w);
            Tensor wt = Tensor.normal(rng, 0, 0.5f, o, c, kh, kw);
            Tensor[] in = bias ? new Tensor[] {x, wt, Tensor.normal(rng, 0, 1, o)} : new Tensor[] {x, wt};
            new GradCheck().floor(1e-2).check("tap convolution " + p + " k" + kh + "x" + kw + " o" + o,
                    v -> Convolution.apply(v.get(0), v.get(1), bias ? v.get(2) : null, 1, p), in);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Rng r = new Rng(5);
        Tensor x = Tensor.normal(r, 0, 1, 19, 24, 9, 9);
        Tensor w = Tensor.normal(r, 0, 1, 2, 24, 5, 5);
        Tensor b = Tensor.normal(r, 0, 1, 2);
        Tensor seed = Tensor.normal(r, 0, 1, 19, 2, 9, 9);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = run(x, w, b, Padding.SAME, seed, true);
            Parallel.setThreads(3);
            float[][] three = run(x, w, b, Padding.SAME, seed, true);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], three[i], 0f, "array " + i + " must be bit-identical at 1 and 3 threads");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void gradientsAreAddedIntoWhatIsThere() {
        // x feeds two convolutions and w is shared by two: each gradient is the sum of both uses
        Tensor x1 = Tensor.normal(rng, 0, 1, 3, 16, 6, 6);
        Tensor x2 = Tensor.normal(rng, 0, 1, 3, 16, 6, 6);
        Tensor w1 = Tensor.normal(rng, 0, 1, 2, 16, 3, 3);
        Tensor w2 = Tensor.normal(rng, 0, 1, 2, 16, 3, 3);
        Tensor seed = Tensor.normal(rng, 0, 1, 3, 2, 6, 6);
        float[][] a = run(x1, w1, null, Padding.SAME, seed, true);
        float[][] b = run(x1, w2, null, Padding.SAME, seed, true);
        float[][] c = run(x2, w1, null, Padding.SAME, seed, true);
        Var xv = Var.param(x1.copy());
        Var wv = Var.param(w1.copy());
        Add.apply(Convolution.apply(xv, wv, null, 1, Padding.SAME),
                Add.apply(Convolution.apply(xv, Var.constant(w2), null, 1, Padding.SAME),
                        Convolution.apply(Var.constant(x2), wv, null, 1, Padding.SAME))).backward(seed);
        for (int i = 0; i < a[1].length; i++) {
            assertEquals(a[1][i] + b[1][i], xv.grad().data[i], 1e-4f * Math.max(1f, Math.abs(a[1][i] + b[1][i])),
                    "input gradient " + i);
        }
        for (int i = 0; i < a[2].length; i++) {
            assertEquals(a[2][i] + c[2][i], wv.grad().data[i], 1e-4f * Math.max(1f, Math.abs(a[2][i] + c[2][i])),
                    "weight gradient " + i);
        }
    }

    @Test
    void frozenOperandsGetNoGradientAndTheOtherIsUnchanged() {
        Tensor x = Tensor.normal(rng, 0, 1, 10, 16, 5, 5);
        Tensor w = Tensor.normal(rng, 0, 1, 1, 16, 5, 5);
        Tensor seed = Tensor.normal(rng, 0, 1, 10, 1, 5, 5);
        float[][] both = run(x, w, null, Padding.SAME, seed, true);
        Var xv = Var.param(x.copy());
        Convolution.apply(xv, Var.constant(w), null, 1, Padding.SAME).backward(seed);
        assertArrayEquals(both[1], xv.grad().data, 0f, "input gradient alone");
        Var wv = Var.param(w.copy());
        Convolution.apply(Var.constant(x), wv, null, 1, Padding.SAME).backward(seed);
        assertArrayEquals(both[2], wv.grad().data, 0f, "weight gradient alone");
    }

    @Test
    void takesTheGeneratorsOutputLayersButNotThinInputsOrStrides() {
        assertTrue(TapConvolution.suits(ConvGeometry.same(128, 28, 28, 7, 7, 1)), "cgan's 128 -> 1 7x7");
        assertTrue(TapConvolution.suits(ConvGeometry.same(32, 32, 32, 8, 8, 1)), "cgan-cifar's 32 -> 3 8x8");
        assertTrue(TapConvolution.suits(ConvGeometry.same(512, 16, 16, 4, 4, 1)), "pix2pix's last 512 -> 1 4x4");
        assertFalse(TapConvolution.suits(ConvGeometry.same(2, 28, 28, 3, 3, 1)), "2 input channels: direct loops");
        assertFalse(TapConvolution.suits(ConvGeometry.same(128, 28, 28, 3, 3, 2)), "stride 2");
    }

    /** Output, input gradient, weight gradient and bias gradient (or null) of one backward pass with seed. */
    private static float[][] run(Tensor x, Tensor w, Tensor b, Padding p, Tensor seed, boolean direct) {
        Var xv = Var.param(x.copy());
        Var wv = Var.param(w.copy());
        Var bv = b == null ? null : Var.param(b.copy());
        Var y = Convolution.apply(xv, wv, bv, 1, p, ColumnGroups.COLUMN_FLOATS, direct);
        float[] out = y.data().clone();
        y.backward(seed);
        return new float[][] {out, xv.grad().data, wv.grad().data, bv == null ? null : bv.grad().data};
    }

    /**
     * |expected - actual| <= 1e-5 · scale + 1e-6, where scale is the sum of the absolute values
     * of the terms summed into the element: float rounding stays far below it, while a term
     * missing, doubled or taken from the wrong pixel moves the sum by about scale / terms.
     */
    private static void assertClose(String what, double[] expected, double[] scale, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale[i] + 1e-6, what + ", element " + i);
        }
    }

    /**
     * Stride-1 convolution in double, written from the definition: 'same' pads (k - 1) / 2
     * before (TensorFlow's rule at stride 1), 'valid' nothing. Each result comes with the sum
     * of the absolute values of its terms, the scale of its rounding error.
     */
    private static final class Reference {
        final Tensor x;
        final Tensor w;
        final int n, c, h, wd, o, kh, kw, oh, ow, pt, pl;
        final double[] y;
        final double[] yScale;
        double[] dx;
        double[] dxScale;
        double[] dw;
        double[] dwScale;
        double[] db;
        double[] dbScale;

        Reference(Tensor x, Tensor w, Tensor b, Padding p) {
            this.x = x;
            this.w = w;
            n = x.dim(0);
            c = x.dim(1);
            h = x.dim(2);
            wd = x.dim(3);
            o = w.dim(0);
            kh = w.dim(2);
            kw = w.dim(3);
            boolean same = p == Padding.SAME;
            oh = same ? h : h - kh + 1;
            ow = same ? wd : wd - kw + 1;
            pt = same ? (kh - 1) / 2 : 0;
            pl = same ? (kw - 1) / 2 : 0;
            y = new double[n * o * oh * ow];
            yScale = new double[y.length];
            for (int i = 0; i < n; i++) {
                for (int oc = 0; oc < o; oc++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            int at = ((i * o + oc) * oh + oy) * ow + ox;
                            y[at] = b == null ? 0 : b.data[oc];
                            yScale[at] = Math.abs(y[at]);
                            for (int ic = 0; ic < c; ic++) {
                                for (int ky = 0; ky < kh; ky++) {
                                    for (int kx = 0; kx < kw; kx++) {
                                        int iy = oy + ky - pt;
                                        int ix = ox + kx - pl;
                                        if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                            double t = (double) x.data[((i * c + ic) * h + iy) * wd + ix]
                                                    * w.data[((oc * c + ic) * kh + ky) * kw + kx];
                                            y[at] += t;
                                            yScale[at] += Math.abs(t);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /** dx, dw and db for output gradient g, each term of y's sum sent back to its operands. */
        void backward(Tensor g) {
            dx = new double[x.size()];
            dxScale = new double[dx.length];
            dw = new double[w.size()];
            dwScale = new double[dw.length];
            db = new double[o];
            dbScale = new double[o];
            for (int i = 0; i < n; i++) {
                for (int oc = 0; oc < o; oc++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            double gy = g.data[((i * o + oc) * oh + oy) * ow + ox];
                            db[oc] += gy;
                            dbScale[oc] += Math.abs(gy);
                            for (int ic = 0; ic < c; ic++) {
                                for (int ky = 0; ky < kh; ky++) {
                                    for (int kx = 0; kx < kw; kx++) {
                                        int iy = oy + ky - pt;
                                        int ix = ox + kx - pl;
                                        if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                            int xi = ((i * c + ic) * h + iy) * wd + ix;
                                            int wi = ((oc * c + ic) * kh + ky) * kw + kx;
                                            dx[xi] += gy * w.data[wi];
                                            dxScale[xi] += Math.abs(gy * w.data[wi]);
                                            dw[wi] += gy * x.data[xi];
                                            dwScale[wi] += Math.abs(gy * x.data[xi]);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
