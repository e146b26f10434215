package gan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PlaneCorrelation} on the JDK Vector API. The forward pass keeps {@link #BLOCK}
 * vectors of outputs in registers while it walks every tap (c, ky, kx): each step is one
 * broadcast weight, BLOCK unaligned loads and BLOCK fused multiply-adds, and the outputs
 * are stored once, where the plain loop loads and stores them once per tap. The weight
 * gradient sums four kernel columns per pass and reads each gradient vector once for
 * all four. No masked loads (some JDKs run them as scalar code): the forward pass ends
 * with one full vector that overlaps the one before it, the weight gradient with a scalar
 * tail.
 *
 * <p>Only {@link Kernels} creates this class, by reflection, once it has checked that the
 * incubator module is present.
 */
public final class VectorPlaneCorrelation implements PlaneCorrelation {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output vectors kept in registers per pass over the taps. */
    private static final int BLOCK = 4;
    /** Kernel columns the weight gradient sums per pass over the gradient. */
    private static final int GROUP = 4;
    /** Planes narrower than one vector are left to the plain loops. */
    private static final PlaneCorrelation REFERENCE = new JavaPlaneCorrelation();
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[0]);

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void correlate(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] w, int wOff,
                          int kh, int kw, float[] out, int outOff, int span) {
        JavaPlaneCorrelation.check(x, xOff, channels, planeSize, rowStride, kh, kw, span);
        if (span < L) {
            REFERENCE.correlate(x, xOff, channels, planeSize, rowStride, w, wOff, kh, kw, out, outOff, span);
            return;
        }
        int taps = channels * kh * kw;
        int[] off = tapOffsets(channels, planeSize, rowStride, kh, kw);
        // The last L outputs, from the outputs' starting values, stored after everything else:
        // lanes it shares with the vector before it get the same sum in the same order. Masked
        // loads would do the tail too, but fall back to scalar code on some JDKs.
        int last = span - L;
        float[] tail = new float[L];
        single(x, xOff + last, off, w, wOff, taps, out, outOff + last, tail, 0);
        int q = 0;
        for (; q + BLOCK * L <= span; q += BLOCK * L) {
            block(x, xOff + q, off, w, wOff, taps, out, outOff + q);
        }
        for (; q + L <= span; q += L) {
            single(x, xOff + q, off, w, wOff, taps, out, outOff + q, out, outOff + q);
        }
        System.arraycopy(tail, 0, out, outOff + last, L);
    }

    /**
     * Offset of tap t = (c·kh + ky)·kw + kx from the first input, {@code c·planeSize + ky·rowStride + kx},
     * in a per-thread array. One flat loop over taps is what lets C2 keep the accumulators in
     * registers: with the c, ky, kx loops nested the same kernel ran 16 times slower.
     */
    private static int[] tapOffsets(int channels, int planeSize, int rowStride, int kh, int kw) {
        int taps = channels * kh * kw;
        int[] off = OFFSETS.get();
        if (off.length < taps) {
            off = new int[taps];
            OFFSETS.set(off);
        }
        int t = 0;
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    off[t++] = c * planeSize + ky * rowStride + kx;
                }
            }
        }
        return off;
    }

    /**
     * One vector of outputs starting from out[o], inputs at x[src], stored at dst[d]. It
     * neither takes nor returns a vector: C2 boxes vectors that cross a call it did not inline.
     */
    private static void single(float[] x, int src, int[] off, float[] w, int wOff, int taps, float[] out, int o,
                               float[] dst, int d) {
        FloatVector acc = FloatVector.fromArray(S, out, o);
        for (int t = 0; t < taps; t++) {
            acc = FloatVector.broadcast(S, w[wOff + t]).fma(FloatVector.fromArray(S, x, src + off[t]), acc);
        }
        acc.intoArray(dst, d);
    }

    /** BLOCK full vectors of outputs starting at out[o], inputs at x[src]. */
    private static void block(float[] x, int src, int[] off, float[] w, int wOff, int taps, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + L);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * L);
        for (int t = 0; t < taps; t++) {
            int s = src + off[t];
            FloatVector a = FloatVector.broadcast(S, w[wOff + t]);
            a0 = a.fma(FloatVector.fromArray(S, x, s), a0);
            a1 = a.fma(FloatVector.fromArray(S, x, s + L), a1);
            a2 = a.fma(FloatVector.fromArray(S, x, s + 2 * L), a2);
            a3 = a.fma(FloatVector.fromArray(S, x, s + 3 * L), a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
        a2.intoArray(out, o + 2 * L);
        a3.intoArray(out, o + 3 * L);
    }

    @Override
    public void weightGradient(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] g, int gOff,
                               int kh, int kw, float[] dw, int dwOff, int span) {
        JavaPlaneCorrelation.check(x, xOff, channels, planeSize, rowStride, kh, kw, span);
        float[] sums = new float[GROUP];
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                int src = xOff + c * planeSize + ky * rowStride;
                int di = dwOff + (c * kh + ky) * kw;
                for (int kx = 0; kx < kw; kx += GROUP) {
                    int n = Math.min(GROUP, kw - kx);
                    dots(x, src + kx, g, gOff, span, n, sums);
                    for (int j = 0; j < n; j++) {
                        dw[di + kx + j] += sums[j];
                    }
                }
            }
        }
    }

    /**
     * sums[j] = Σ_q g[gOff + q] · x[src + j + q] over the span, for the n ≤ GROUP shifts j:
     * each gradient vector is loaded once for all of them. Reading x up to src + GROUP - 1 + span
     * would run past the last plane, so shifts j ≥ n use shift 0 and are not stored.
     */
    private static void dots(float[] x, int src, float[] g, int gOff, int span, int n, float[] sums) {
        int s1 = n > 1 ? 1 : 0;
        int s2 = n > 2 ? 2 : 0;
        int s3 = n > 3 ? 3 : 0;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        int q = 0;
        for (; q + L <= span; q += L) {
            FloatVector gv = FloatVector.fromArray(S, g, gOff + q);
            a0 = gv.fma(FloatVector.fromArray(S, x, src + q), a0);
            a1 = gv.fma(FloatVector.fromArray(S, x, src + s1 + q), a1);
            a2 = gv.fma(FloatVector.fromArray(S, x, src + s2 + q), a2);
            a3 = gv.fma(FloatVector.fromArray(S, x, src + s3 + q), a3);
        }
        float t0 = 0f;
        float t1 = 0f;
        float t2 = 0f;
        float t3 = 0f;
        for (; q < span; q++) {
            float gq = g[gOff + q];
            t0 += gq * x[src + q];
            t1 += gq * x[src + s1 + q];
            t2 += gq * x[src + s2 + q];
            t3 += gq * x[src + s3 + q];
        }
        sums[0] = a0.reduceLanes(VectorOperators.ADD) + t0;
        sums[1] = a1.reduceLanes(VectorOperators.ADD) + t1;
        sums[2] = a2.reduceLanes(VectorOperators.ADD) + t2;
        sums[3] = a3.reduceLanes(VectorOperators.ADD) + t3;
    }
}
