package gan.autograd.ops;

import gan.tensor.ConvGeometry;
import gan.tensor.Gemm;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import java.util.Arrays;

/**
 * Stride-1 convolution with few output channels (a generator's last Conv2D, 128 channels
 * to 1 through a 7x7 kernel) as GEMMs over the kernel's taps. Through im2col such a layer
 * is a GEMM with only O rows (O = 1 to 4): most of the GEMM kernel's register tile (6 or 8
 * rows) multiplies zeros, and the column matrix, 49 times the image, is written and packed
 * for a few multiply-adds per float. {@link DirectConvolution} avoids the columns but its
 * loops run at a fraction of the GEMM kernel's speed (40-70 GFLOP/s on two cores, against
 * about 140 on each).
 *
 * <p>The trick is to multiply first and shift afterwards. Write T = kh·kw for the taps and
 * t = (ky, kx) for one of them. With stride 1, tap t of output pixel (oy, ox) reads input
 * pixel (oy + ky - padTop, ox + kx - padLeft): the same input pixel for every tap, only
 * shifted. So for one image x, viewed as the matrix X [C, H·W] it already is,
 * <pre>
 *   Z = Wt · X        Wt [O·T, C], Wt[o·T + t, c] = w[o, c, t]    (one GEMM, M = O·T, K = C)
 *   y[o, oy, ox] = b[o] + Σ_t Z[o·T + t, (oy + ky - padTop, ox + kx - padLeft)]
 * </pre>
 * where the sum runs over the taps whose source pixel is inside the image (outside it the
 * input is zero padding). The GEMM does all C·T multiply-adds per pixel with M = 49 rows,
 * enough for the GEMM kernel's register tile; the shifted sum adds only T numbers per
 * output pixel.
 *
 * <p>The gradients reuse the same shift, run backwards. Let S [O·T, H·W] hold, in row
 * o·T + t, the output gradient dY[o] shifted back by tap t:
 * {@code S[o·T + t, (iy, ix)] = dY[o, iy - ky + padTop, ix - kx + padLeft]} (0 outside dY).
 * Then {@code dX = Wtᵀ · S} (M = C, K = O·T) and {@code dW'ᵀ = Σ_n X_n · S_nᵀ}
 * (M = C, K = H·W, dW' [O·T, C] being dW with its axes swapped). Building S is a copy of
 * dY T times; the GEMMs again do all the multiply-adds. The weight gradient is computed
 * transposed so that the GEMM reads X in place and transposes only S while packing (O·T
 * rows, 49 for the cGAN, against C = 128 for S · Xᵀ, whose transposing pack of X was 1.2%
 * of a step).
 *
 * <p>Z and S take O·T·H·W floats (150 KB for the cGAN layer), one image at a time per
 * thread, from {@link Scratch}. Chunks of consecutive images run as parallel tasks, each
 * image's GEMMs whole on the task's thread. The weight gradient sums each chunk into its
 * own partial sum, and the chunks (a fixed number) are added in order, so results do not
 * depend on the thread count.
 */
final class TapConvolution {
    /** Image chunks: parallel tasks, and the weight gradient's partial sums (fixed, so is the summation order). */
    private static final int CHUNKS = 8;
    /**
     * Input channels from which the taps beat {@link DirectConvolution}. Measured on 28x28
     * images, forward and both gradients together, 2 threads: 0.6x as fast at 8 channels,
     * about even at 16, 1.4x at 24, 1.6-2.6x at 32 and 64 (7x7 and 3x3 kernels).
     */
    static final int MIN_CHANNELS = 16;

    private final ConvGeometry g;
    private final int outChannels;
    /** Kernel taps kh·kw. */
    private final int taps;
    /** Rows of Z and S: outChannels · taps. */
    private final int rows;
    /** Input pixels inH·inW: the columns of X, Z and S. */
    private final int inPixels;

    TapConvolution(ConvGeometry g, int outChannels) {
        this.g = g;
        this.outChannels = outChannels;
        this.taps = g.kH * g.kW;
        this.rows = outChannels * taps;
        this.inPixels = g.inH * g.inW;
    }

    /**
     * Whether the tap GEMMs suit this geometry: stride 1 (any padding), and enough input
     * channels, the GEMMs' K in the forward pass and M in the data gradient. Below
     * {@link #MIN_CHANNELS} the shifts, which cost the same at any channel count, outweigh
     * what the GEMM saves, and {@link DirectConvolution} is faster.
     */
    static boolean suits(ConvGeometry g) {
        return g.strideH == 1 && g.strideW == 1 && g.channels >= MIN_CHANNELS;
    }

    /**
     * y[i, o] = bias[o] + Σ_c,ky,kx w[o, c, ky, kx] · x[i, c, oy + ky - padTop, ox + kx - padLeft],
     * one GEMM and one shifted sum per image; bias may be null.
     */
    void forward(float[] x, float[] w, float[] bias, int n, float[] y) {
        float[] wt = Scratch.get(Scratch.Slot.TAP_WEIGHTS, (long) rows * g.channels);
        gatherWeights(w, wt);
        Gemm gemm = Kernels.gemm();
        int outPixels = g.outPixels();
        forEachChunk(n, (chunk, first, end) -> {
            float[] z = Scratch.get(Scratch.Slot.COLUMNS, (long) rows * inPixels);
            for (int i = first; i < end; i++) {
                gemm.sgemm(false, false, rows, inPixels, g.channels, wt, 0, x, i * g.inSize(), 0f, z, 0);
                for (int o = 0; o < outChannels; o++) {
                    float b = bias == null ? 0f : bias[o];
                    shiftedSum(z, o * taps * inPixels, b, y, (i * outChannels + o) * outPixels);
                }
            }
        });
    }

    /**
     * dx[i] += Wtᵀ · S_i (or = it, if {@code storeDx}) and dw += (Σ_i X_i · S_iᵀ) with axes
     * swapped back, where S_i holds dY_i shifted back by each tap; dx or dw may be null when
     * not wanted.
     */
    void backward(float[] x, float[] w, float[] dy, int n, float[] dx, boolean storeDx, float[] dw) {
        if (n == 0 || (dx == null && dw == null)) {
            return;
        }
        float[] wt = null;
        if (dx != null) {
            wt = Scratch.get(Scratch.Slot.TAP_WEIGHTS, (long) rows * g.channels);
            gatherWeights(w, wt);
        }
        int chunks = chunks(n);
        int size = rows * g.channels;
        float[] partial = dw == null ? null : Scratch.get(Scratch.Slot.WEIGHT_GRAD, (long) chunks * size);
        float[] weights = wt;
        Gemm gemm = Kernels.gemm();
        forEachChunk(n, (chunk, first, end) -> {
            float[] s = Scratch.get(Scratch.Slot.COLUMNS, (long) rows * inPixels);
            for (int i = first; i < end; i++) {
                shiftBack(dy, i * outChannels * g.outPixels(), s);
                if (partial != null) {
                    // dW'ᵀ = X_i · S_iᵀ: X_i read where it lies, only S (O·T rows, not C) transposed in packing
                    gemm.sgemm(false, true, g.channels, rows, inPixels, x, i * g.inSize(), s, 0, i == first ? 0f : 1f,
                            partial, chunk * size);
                }
                if (dx != null) {
                    gemm.sgemm(true, false, g.channels, inPixels, rows, weights, 0, s, 0, storeDx ? 0f : 1f, dx,
                            i * g.inSize());
                }
            }
        });
        if (dw != null) {
            addPartials(partial, chunks, dw);
        }
    }

    /** wt[o·T + t, c] = w[o, c, t]: the kernel as the left operand of the tap GEMM. */
    private void gatherWeights(float[] w, float[] wt) {
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < g.channels; c++) {
                int src = (o * g.channels + c) * taps;
                for (int t = 0; t < taps; t++) {
                    wt[(o * taps + t) * g.channels + c] = w[src + t];
                }
            }
        }
    }

    /**
     * y[dst + (oy, ox)] = b + Σ_t z[zOff + t·inPixels + (oy + ky - padTop, ox + kx - padLeft)] over
     * the taps whose source pixel is inside the image: per tap and output row, one stride-1
     * run over the columns where the tap is inside.
     */
    private void shiftedSum(float[] z, int zOff, float b, float[] y, int dst) {
        Arrays.fill(y, dst, dst + g.outPixels(), b);
        for (int ky = 0; ky < g.kH; ky++) {
            int oyLo = Math.max(0, g.padTop - ky);
            int oyHi = Math.min(g.outH, g.inH + g.padTop - ky);
            for (int kx = 0; kx < g.kW; kx++) {
                int oxLo = Math.max(0, g.padLeft - kx);
                int oxHi = Math.min(g.outW, g.inW + g.padLeft - kx);
                int plane = zOff + (ky * g.kW + kx) * inPixels;
                for (int oy = oyLo; oy < oyHi; oy++) {
                    int d = dst + oy * g.outW;
                    int src = plane + (oy + ky - g.padTop) * g.inW + kx - g.padLeft;
                    for (int ox = oxLo; ox < oxHi; ox++) {
                        y[d + ox] += z[src + ox];
                    }
                }
            }
        }
    }

    /**
     * s[o·T + t, (iy, ix)] = dy[dyOff + o, iy - ky + padTop, ix - kx + padLeft], zero where
     * that is outside dY: the output gradient shifted back by every tap. Per tap, the plane
     * is zeroed, then each output row's run of columns where the tap is inside is copied.
     */
    private void shiftBack(float[] dy, int dyOff, float[] s) {
        for (int o = 0; o < outChannels; o++) {
            int src = dyOff + o * g.outPixels();
            for (int ky = 0; ky < g.kH; ky++) {
                int oyLo = Math.max(0, g.padTop - ky);
                int oyHi = Math.min(g.outH, g.inH + g.padTop - ky);
                for (int kx = 0; kx < g.kW; kx++) {
                    int oxLo = Math.max(0, g.padLeft - kx);
                    int oxHi = Math.min(g.outW, g.inW + g.padLeft - kx);
                    int plane = ((o * g.kH + ky) * g.kW + kx) * inPixels;
                    Arrays.fill(s, plane, plane + inPixels, 0f);
                    for (int oy = oyLo; oy < oyHi && oxLo < oxHi; oy++) {
                        System.arraycopy(dy, src + oy * g.outW + oxLo, s,
                                plane + (oy + ky - g.padTop) * g.inW + oxLo + kx - g.padLeft, oxHi - oxLo);
                    }
                }
            }
        }
    }

    /** dw[o, c, t] += Σ_k partial[k·size + c·O·T + o·T + t], the chunks summed in order. */
    private void addPartials(float[] partial, int chunks, float[] dw) {
        int size = rows * g.channels;
        for (int c = 0; c < g.channels; c++) {
            for (int o = 0; o < outChannels; o++) {
                int src = c * rows + o * taps;
                int dst = (o * g.channels + c) * taps;
                for (int t = 0; t < taps; t++) {
                    float sum = partial[src + t];
                    for (int k = 1; k < chunks; k++) {
                        sum += partial[k * size + src + t];
                    }
                    dw[dst + t] += sum;
                }
            }
        }
    }


    /** Chunks a batch of n is cut into: depends on n only. */
    private static int chunks(int n) {
        return Math.min(n, CHUNKS);
    }

    /** The images [first, end) of one chunk. */
    @FunctionalInterface
    private interface ChunkBody {
        void run(int chunk, int first, int end);
    }

    /** Runs body for each chunk of consecutive images, the chunks as parallel tasks. */
    private static void forEachChunk(int n, ChunkBody body) {
        int chunks = chunks(n);
        Parallel.forTasks(chunks, k -> body.run(k, (int) ((long) n * k / chunks), (int) ((long) n * (k + 1) / chunks)));
    }
}
