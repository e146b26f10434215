package gan.tensor;

/**
 * The reference {@link PlaneCorrelation}: the formulas as plain loops, one stride-1 pass
 * per tap, summed in double for the weight gradient's long dot products.
 */
public final class JavaPlaneCorrelation implements PlaneCorrelation {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public void correlate(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] w, int wOff,
                          int kh, int kw, float[] out, int outOff, int span) {
        check(x, xOff, channels, planeSize, rowStride, kh, kw, span);
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    float a = w[wOff + (c * kh + ky) * kw + kx];
                    int src = xOff + c * planeSize + ky * rowStride + kx;
                    for (int q = 0; q < span; q++) {
                        out[outOff + q] += a * x[src + q];
                    }
                }
            }
        }
    }

    @Override
    public void weightGradient(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] g, int gOff,
                               int kh, int kw, float[] dw, int dwOff, int span) {
        check(x, xOff, channels, planeSize, rowStride, kh, kw, span);
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int src = xOff + c * planeSize + ky * rowStride + kx;
                    double s = 0;
                    for (int q = 0; q < span; q++) {
                        s += (double) g[gOff + q] * x[src + q];
                    }
                    dw[dwOff + (c * kh + ky) * kw + kx] += (float) s;
                }
            }
        }
    }

    /** Fails with the offending sizes when the last tap would read past the input. */
    static void check(float[] x, int xOff, int channels, int planeSize, int rowStride, int kh, int kw, int span) {
        long last = (long) xOff + (long) (channels - 1) * planeSize + (long) (kh - 1) * rowStride + (kw - 1) + span;
        if (channels > 0 && span > 0 && last > x.length) {
            throw new IllegalArgumentException("plane correlation: " + channels + " planes of " + planeSize
                    + " floats, row stride " + rowStride + ", " + kh + "x" + kw + " taps over " + span
                    + " outputs from offset " + xOff + " need " + last + " floats, input has " + x.length);
        }
    }
}
