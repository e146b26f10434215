package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link PlaneCorrelation} kernel against the formulas evaluated naively in double,
 * on random geometries whose spans are and are not multiples of the vector length (so the
 * vector kernel's register blocks, masked tails and column groups all run), with input and
 * output offsets, and accumulating into non-zero outputs.
 */
class PlaneCorrelationTest {
    private static final List<PlaneCorrelation> KERNELS = Kernels.availablePlaneCorrelations();

    @Test
    void vectorKernelIsAvailableWhenTheModuleIs() {
        assertEquals(Kernels.vectorModulePresent(), KERNELS.get(0).name().equals("vector"), KERNELS.toString());
        assertEquals("java", KERNELS.get(KERNELS.size() - 1).name());
    }

    @Test
    void correlateMatchesTheFormula() {
        Rng rng = new Rng(41);
        for (int trial = 0; trial < 40; trial++) {
            Case c = Case.random(rng);
            float[] w = GemmTest.random(rng, 3 + c.channels * c.kh * c.kw);
            float[] start = GemmTest.random(rng, 2 + c.span);
            double[] want = new double[c.span];
            for (int q = 0; q < c.span; q++) {
                want[q] = start[2 + q];
                for (int ch = 0; ch < c.channels; ch++) {
                    for (int ky = 0; ky < c.kh; ky++) {
                        for (int kx = 0; kx < c.kw; kx++) {
                            want[q] += (double) w[3 + (ch * c.kh + ky) * c.kw + kx]
                                    * c.x[c.xOff + ch * c.planeSize + ky * c.rowStride + kx + q];
                        }
                    }
                }
            }
            for (PlaneCorrelation k : KERNELS) {
                float[] out = start.clone();
                k.correlate(c.x, c.xOff, c.channels, c.planeSize, c.rowStride, w, 3, c.kh, c.kw, out, 2, c.span);
                assertEquals(start[0], out[0], "wrote before its offset");
                for (int q = 0; q < c.span; q++) {
                    assertEquals(want[q], out[2 + q], 1e-4 * (1 + Math.abs(want[q])) * c.channels, k.name() + " " + c + " q=" + q);
                }
            }
        }
    }

    @Test
    void weightGradientMatchesTheFormula() {
        Rng rng = new Rng(43);
        for (int trial = 0; trial < 40; trial++) {
            Case c = Case.random(rng);
            float[] g = GemmTest.random(rng, 5 + c.span);
            int taps = c.channels * c.kh * c.kw;
            float[] start = GemmTest.random(rng, 1 + taps);
            for (PlaneCorrelation k : KERNELS) {
                float[] dw = start.clone();
                k.weightGradient(c.x, c.xOff, c.channels, c.planeSize, c.rowStride, g, 5, c.kh, c.kw, dw, 1, c.span);
                for (int ch = 0; ch < c.channels; ch++) {
                    for (int ky = 0; ky < c.kh; ky++) {
                        for (int kx = 0; kx < c.kw; kx++) {
                            int j = (ch * c.kh + ky) * c.kw + kx;
                            double want = start[1 + j];
                            for (int q = 0; q < c.span; q++) {
                                want += (double) g[5 + q] * c.x[c.xOff + ch * c.planeSize + ky * c.rowStride + kx + q];
                            }
                            assertEquals(want, dw[1 + j], 1e-4 * (1 + Math.sqrt(c.span)), k.name() + " " + c + " tap " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSpanPastTheInputIsRejectedWithItsSizes() {
        for (PlaneCorrelation k : KERNELS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> k.correlate(new float[100], 0, 2, 50, 10, new float[18], 0, 3, 3, new float[50], 0, 40));
            assertTrue(e.getMessage().contains("input has 100"), e.getMessage());
        }
    }

    /** A random padded input: planes of hp·wp floats, outputs on the padded-width grid. */
    private static final class Case {
        int channels;
        int kh;
        int kw;
        int rowStride;
        int planeSize;
        int span;
        int xOff;
        float[] x;

        static Case random(Rng rng) {
            Case c = new Case();
            c.channels = 1 + rng.nextInt(5);
            c.kh = 1 + rng.nextInt(7);
            c.kw = 1 + rng.nextInt(9);
            int outH = 1 + rng.nextInt(9);
            int outW = 1 + rng.nextInt(40);
            c.rowStride = outW + c.kw - 1;
            c.planeSize = (outH + c.kh - 1) * c.rowStride;
            c.span = (outH - 1) * c.rowStride + outW;
            c.xOff = rng.nextInt(4);
            c.x = GemmTest.random(rng, c.xOff + c.channels * c.planeSize);
            return c;
        }

        @Override
        public String toString() {
            return channels + " planes, " + kh + "x" + kw + ", stride " + rowStride + ", span " + span;
        }
    }
}
