package gan.tensor;

/**
 * The inner loops of a strided convolution's im2col and col2im: one tap's inputs for a
 * block of output rows, every {@code step}-th float of each input row, written out
 * contiguously or rows a pitch apart ({@link #copy}); and the adjoint, adding such a block back ({@link #addBack}).
 *
 * <p>{@link JavaStridedCopy} is the reference; {@code VectorStridedCopy} moves a whole
 * output row of a stride-2 tap with vector loads and lane permutations.
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
    default void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff) {
        copy(src, srcOff, rowStride, step, rows, n, dst, dstOff, n);
    }

    /**
     * {@link #copy(float[], int, int, int, int, int, float[], int)} into rows {@code dstPitch}
     * (≥ n) apart: {@code dst[dstOff + r·dstPitch + i] = src[srcOff + r·rowStride + i·step]}.
     * The floats between one row's n and the next row may be overwritten with anything;
     * nothing before dstOff or past the last row's n floats is written.
     */
    void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff,
              int dstPitch);

    /**
     * {@code dst[dstOff + r·rowStride + i·step] += src[srcOff + r·n + i]} for r &lt; rows and
     * i &lt; n: the adjoint of {@link #copy}. dst must not be written by another thread
     * meanwhile: a kernel may read and store back unchanged the floats between the ones it
     * adds to and up to a vector past each row.
     */
    void addBack(float[] src, int srcOff, int n, int rows, float[] dst, int dstOff, int rowStride, int step);
}
