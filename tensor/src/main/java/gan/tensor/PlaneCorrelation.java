package gan.tensor;

/**
 * Stride-1 2-D correlation of zero-padded image planes, the kernel of a convolution with
 * very few output channels (a generator's last Conv2D to 1 or 3 channels), where a GEMM
 * would be a matrix-vector product over a huge im2col matrix.
 *
 * <p>The input is {@code channels} planes, each {@code planeSize} floats apart, rows
 * {@code rowStride} apart, already padded so that every tap of every output position is
 * inside. Outputs live on the same row stride: output q = oy·rowStride + ox, and
 * {@code span} = (outH - 1)·rowStride + outW covers them all (the kw - 1 positions past
 * outW in each row are scratch the caller discards). Tap (c, ky, kx) of output q then
 * reads input {@code c·planeSize + ky·rowStride + kx + q}: one stride-1 stream per tap.
 *
 * <p>{@link JavaPlaneCorrelation} is the reference; {@code VectorPlaneCorrelation} keeps a
 * block of outputs in vector registers across all taps. {@link Kernels#planeCorrelation()}
 * picks one.
 */
public interface PlaneCorrelation {
    /** Short name for logs and benchmarks: "vector" or "java". */
    String name();

    /**
     * {@code out[outOff + q] += Σ_c,ky,kx w[wOff + (c·kh + ky)·kw + kx] · x[xOff + c·planeSize +
     * ky·rowStride + kx + q]} for q in [0, span): the forward pass (and, with the kernel
     * flipped, the input gradient) of one output channel.
     */
    void correlate(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] w, int wOff, int kh, int kw,
                   float[] out, int outOff, int span);

    /**
     * {@code dw[dwOff + (c·kh + ky)·kw + kx] += Σ_q g[gOff + q] · x[xOff + c·planeSize + ky·rowStride + kx + q]}
     * for q in [0, span): the weight gradient of one output channel, given its output gradient
     * g laid out on the same row stride (zero at the scratch positions).
     */
    void weightGradient(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] g, int gOff,
                        int kh, int kw, float[] dw, int dwOff, int span);
}
