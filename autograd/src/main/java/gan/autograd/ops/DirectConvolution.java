package gan.autograd.ops;

import gan.tensor.ConvGeometry;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.PlaneCorrelation;
import java.util.Arrays;

/**
 * Stride-1 convolution computed without im2col, for layers with very few output channels
 * (a generator's last Conv2D to 1 or 3 channels). Through GEMM such a layer is a
 * matrix-vector product: its im2col matrix, C·kh·kw·outH·outW floats per image (4.9 M for
 * the cGAN's 7x7 over 128 channels at 28x28), is written, packed and read once for a
 * handful of multiply-adds per element. Here there is no column matrix at all.
 *
 * <p>Each image's planes are copied once into zero-padded planes of width
 * {@code Wp = inW + padLeft + padRight}; output pixel (oy, ox) is then computed at index
 * {@code oy·Wp + ox} of a plane of the same width, so every tap is one stride-1 stream,
 * which {@link PlaneCorrelation} (Vector API or plain Java, chosen by {@link Kernels})
 * runs. The kw - 1 columns past outW of each row are scratch and are discarded. The input
 * gradient is the same correlation run on dY with the kernel flipped; the weight gradient
 * is the correlation's other product, dot products of dY (zero in the scratch columns) with
 * shifted input planes.
 *
 * <p>Work is split over images (forward, input gradient) or over a fixed number of image
 * chunks whose partial weight gradients are summed in order, so results do not depend on
 * the thread count.
 */
final class DirectConvolution {
    /** Up to this many output channels the direct loops beat a GEMM with as few rows. */
    static final int MAX_OUT_CHANNELS = 4;
    /** Image chunks of the weight gradient: fixed, so its summation order is too. */
    private static final int WEIGHT_CHUNKS = 8;

    private final ConvGeometry g;
    private final int outChannels;
    /** Padded plane width and height. */
    private final int wp;
    private final int hp;
    /** Index after the last output pixel on the padded-width grid. */
    private final int span;

    DirectConvolution(ConvGeometry g, int outChannels) {
        this.g = g;
        this.outChannels = outChannels;
        this.wp = g.inW + g.padLeft + g.padRight;
        this.hp = g.inH + g.padTop + g.padBottom;
        this.span = (g.outH - 1) * wp + g.outW;
    }

    /** Whether the direct loops suit this geometry and output channel count. */
    static boolean suits(ConvGeometry g, int outChannels) {
        return g.strideH == 1 && g.strideW == 1 && outChannels <= MAX_OUT_CHANNELS
                && g.padTop < g.kH && g.padBottom < g.kH && g.padLeft < g.kW && g.padRight < g.kW
                && g.inW + g.padLeft + g.padRight == g.outW + g.kW - 1
                && g.inH + g.padTop + g.padBottom == g.outH + g.kH - 1;
    }

    /**
     * y[i, oc] (+)= bias[oc] + Σ_c,ky,kx w[oc, c, ky, kx] · x[i, c, oy + ky - padTop, ox + kx - padLeft],
     * overwriting y, or adding into it if {@code add}; bias may be null.
     */
    void forward(float[] x, float[] w, float[] bias, int n, float[] y, boolean add) {
        int planes = g.channels * hp * wp;
        int taps = g.channels * g.kH * g.kW;
        int outPixels = g.outPixels();
        PlaneCorrelation kernel = Kernels.planeCorrelation();
        Parallel.forRange(n, 1, (lo, hi) -> {
            float[] xp = Scratch.get(Scratch.Slot.PADDED, planes);
            float[] acc = Scratch.get(Scratch.Slot.PLANE, span);
            for (int i = lo; i < hi; i++) {
                pad(x, i * g.inSize(), xp);
                for (int oc = 0; oc < outChannels; oc++) {
                    Arrays.fill(acc, 0, span, 0f);
                    kernel.correlate(xp, 0, g.channels, hp * wp, wp, w, oc * taps, g.kH, g.kW, acc, 0, span);
                    store(acc, bias == null ? 0f : bias[oc], y, (i * outChannels + oc) * outPixels, add);
                }
            }
        });
    }

    /** y[dst + oy·outW + ox] (+)= acc[oy·wp + ox] + b: the output pixels of the padded-width grid. */
    private void store(float[] acc, float b, float[] y, int dst, boolean add) {
        for (int oy = 0; oy < g.outH; oy++) {
            int d = dst + oy * g.outW;
            int s = oy * wp;
            for (int ox = 0; ox < g.outW; ox++) {
                y[d + ox] = (add ? y[d + ox] : 0f) + acc[s + ox] + b;
            }
        }
    }

    /**
     * dx[i, c] += Σ_oc,ky,kx w[oc, c, ky, kx] · dy[i, oc, iy - ky + padTop, ix - kx + padLeft]: the
     * forward pass of the convolution of dY with the kernel flipped and its channels swapped,
     * padded by k - 1 - pad, whose output is exactly the input's size.
     */
    void inputGradient(float[] dy, float[] w, int n, float[] dx) {
        ConvGeometry back = new ConvGeometry(outChannels, g.outH, g.outW, g.kH, g.kW, 1, 1, g.kH - 1 - g.padTop,
                g.kW - 1 - g.padLeft, g.kH - 1 - g.padBottom, g.kW - 1 - g.padRight);
        int taps = g.kH * g.kW;
        float[] flipped = new float[w.length];
        for (int oc = 0; oc < outChannels; oc++) {
            for (int c = 0; c < g.channels; c++) {
                for (int t = 0; t < taps; t++) {
                    flipped[(c * outChannels + oc) * taps + taps - 1 - t] = w[(oc * g.channels + c) * taps + t];
                }
            }
        }
        new DirectConvolution(back, g.channels).forward(dy, flipped, null, n, dx, true);
    }

    /** dw[oc, c, ky, kx] += Σ_i,oy,ox dy[i, oc, oy, ox] · x[i, c, oy + ky - padTop, ox + kx - padLeft]. */
    void weightGradient(float[] x, float[] dy, int n, float[] dw) {
        int taps = g.channels * g.kH * g.kW;
        int weights = outChannels * taps;
        int chunks = Math.max(1, Math.min(n, WEIGHT_CHUNKS));
        float[][] partial = new float[chunks][weights];
        PlaneCorrelation kernel = Kernels.planeCorrelation();
        Parallel.forRange(chunks, 1, (lo, hi) -> {
            float[] xp = Scratch.get(Scratch.Slot.PADDED, (long) g.channels * hp * wp);
            float[] gp = Scratch.get(Scratch.Slot.PLANE, span);
            for (int k = lo; k < hi; k++) {
                int first = (int) ((long) n * k / chunks);
                int end = (int) ((long) n * (k + 1) / chunks);
                for (int i = first; i < end; i++) {
                    pad(x, i * g.inSize(), xp);
                    for (int oc = 0; oc < outChannels; oc++) {
                        spread(dy, (i * outChannels + oc) * g.outPixels(), gp);
                        kernel.weightGradient(xp, 0, g.channels, hp * wp, wp, gp, 0, g.kH, g.kW, partial[k],
                                oc * taps, span);
                    }
                }
            }
        });
        for (int j = 0; j < weights; j++) {
            float s = 0f;
            for (int k = 0; k < chunks; k++) {
                s += partial[k][j];
            }
            dw[j] += s;
        }
    }

    /** Lays one output gradient plane [outH, outW] on the padded-width grid, zero in the scratch columns. */
    private void spread(float[] dy, int off, float[] gp) {
        Arrays.fill(gp, 0, span, 0f);
        for (int oy = 0; oy < g.outH; oy++) {
            System.arraycopy(dy, off + oy * g.outW, gp, oy * wp, g.outW);
        }
    }

    /** Copies image planes [C, inH, inW] into zero-padded planes [C, hp, wp]. */
    private void pad(float[] x, int xOff, float[] xp) {
        Arrays.fill(xp, 0, g.channels * hp * wp, 0f);
        for (int c = 0; c < g.channels; c++) {
            for (int iy = 0; iy < g.inH; iy++) {
                System.arraycopy(x, xOff + (c * g.inH + iy) * g.inW, xp, (c * hp + iy + g.padTop) * wp + g.padLeft,
                        g.inW);
            }
        }
    }
}
