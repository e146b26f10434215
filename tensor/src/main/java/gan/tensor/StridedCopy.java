package gan.tensor;

/**
 * The inner loop of a strided convolution's im2col: one tap's inputs for a block of output
 * rows, every {@code step}-th float of each input row, written out contiguously.
 *
 * <p>{@link JavaStridedCopy} is the reference; {@code VectorStridedCopy} moves a whole
 * output row of a stride-2 tap with two vector loads and two lane permutations.
 * {@link Kernels#stridedCopy()} picks one.
 */
public interface StridedCopy {
    /** Short name for logs: "vector" or "java". */
    String name();

    /**
     * {@code dst[dstOff + r·n + i] = src[srcOff + r·rowStride + i·step]} for r &lt; rows and
     * i &lt; n. Only dst[dstOff, dstOff + rows·n) is written (a kernel may write a row's
     * lanes past n there before the next row overwrites them).
     */
    void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff);
}
