package gan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StridedCopy} on the JDK Vector API, for step 2 and rows of up to L floats. A row
 * of L/2 to L floats (the cGAN's 14-pixel rows) is two vectors of input; one permutation
 * brings the even lanes of each into one half, a blend joins the halves, and one store
 * writes the row. Shorter rows (7 pixels) go two to a store the same way, one input vector
 * from each row. The store's lanes past n land where the next row then goes; the rows
 * whose store would pass the block's end, or whose loads would pass the source's, and
 * every other shape, take the plain loop. (A single two-vector rearrange is not compiled
 * to vector code by JDK 17: it ran at a sixth of the speed of the table-driven loop.)
 *
 * <p>Only {@link Kernels} creates this class, by reflection, once it has checked that the
 * incubator module is present.
 */
public final class VectorStridedCopy implements StridedCopy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lanes 2i of a vector into lanes i of the lower half. */
    private static final VectorShuffle<Float> EVEN_LOW = VectorShuffle.fromOp(S, i -> i < L / 2 ? 2 * i : 0);
    /** Lanes 2i of a vector into lanes L/2 + i of the upper half. */
    private static final VectorShuffle<Float> EVEN_HIGH = VectorShuffle.fromOp(S, i -> i < L / 2 ? 0 : 2 * i - L);
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(S, ((1L << L) - 1) & -(1L << (L / 2)));
    private static final StridedCopy REFERENCE = new JavaStridedCopy();
    /** For rows of n &lt; L/2 floats, two rows per store: row r's even lanes into lanes [0, n) ... */
    private static final VectorShuffle<Float>[] PAIR_FIRST = pairShuffles(0);
    /** ... the next row's into lanes [n, 2n) ... */
    private static final VectorShuffle<Float>[] PAIR_SECOND = pairShuffles(1);
    /** ... and the lanes from n on taken from the second. */
    private static final VectorMask<Float>[] PAIR_UPPER = pairMasks();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff) {
        if (step != 2 || n > L) {
            REFERENCE.copy(src, srcOff, rowStride, step, rows, n, dst, dstOff);
            return;
        }
        if (n < L / 2) {
            copyPairs(src, srcOff, rowStride, rows, n, dst, dstOff);
            return;
        }
        int end = dstOff + rows * n;
        int r = 0;
        for (; r < rows; r++) {
            int s = srcOff + r * rowStride;
            int d = dstOff + r * n;
            if (d + L > end || s + 2 * L > src.length || s < 0) {
                break;
            }
            FloatVector low = FloatVector.fromArray(S, src, s).rearrange(EVEN_LOW);
            FloatVector high = FloatVector.fromArray(S, src, s + L).rearrange(EVEN_HIGH);
            low.blend(high, UPPER).intoArray(dst, d);
        }
        REFERENCE.copy(src, srcOff + r * rowStride, rowStride, step, rows - r, n, dst, dstOff + r * n);
    }

    /** Step 2, rows of n &lt; L/2 (the 7-pixel rows of a 7x7 output): two rows per store. */
    private static void copyPairs(float[] src, int srcOff, int rowStride, int rows, int n, float[] dst, int dstOff) {
        VectorShuffle<Float> first = PAIR_FIRST[n];
        VectorShuffle<Float> second = PAIR_SECOND[n];
        VectorMask<Float> upper = PAIR_UPPER[n];
        int end = dstOff + rows * n;
        int r = 0;
        for (; r + 1 < rows; r += 2) {
            int s = srcOff + r * rowStride;
            int d = dstOff + r * n;
            if (d + L > end || s + rowStride + L > src.length || s < 0) {
                break;
            }
            FloatVector a = FloatVector.fromArray(S, src, s).rearrange(first);
            FloatVector b = FloatVector.fromArray(S, src, s + rowStride).rearrange(second);
            a.blend(b, upper).intoArray(dst, d);
        }
        REFERENCE.copy(src, srcOff + r * rowStride, rowStride, 2, rows - r, n, dst, dstOff + r * n);
    }

    @Override
    public void addBack(float[] src, int srcOff, int n, int rows, float[] dst, int dstOff, int rowStride, int step) {
        if (step != 2 || n > L) {
            REFERENCE.addBack(src, srcOff, n, rows, dst, dstOff, rowStride, step);
            return;
        }
        VectorMask<Float> low = SPREAD_LOW_LANES[n];
        VectorMask<Float> high = SPREAD_HIGH_LANES[n];
        boolean twoVectors = n > L / 2;
        int r = 0;
        for (; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * rowStride;
            if (s + L > src.length || d + (twoVectors ? 2 * L : L) > dst.length || s < 0 || d < 0) {
                break;
            }
            FloatVector v = FloatVector.fromArray(S, src, s);
            FloatVector out = FloatVector.fromArray(S, dst, d);
            // blended, not added with zeros: the floats in between keep their bits (even -0)
            out.blend(out.add(v.rearrange(SPREAD_LOW)), low).intoArray(dst, d);
            if (twoVectors) {
                FloatVector out2 = FloatVector.fromArray(S, dst, d + L);
                out2.blend(out2.add(v.rearrange(SPREAD_HIGH)), high).intoArray(dst, d + L);
            }
        }
        REFERENCE.addBack(src, srcOff + r * n, n, rows - r, dst, dstOff + r * rowStride, rowStride, 2);
    }

    /** Lanes L/2·h + i of a vector into lanes 2i (the odd lanes are masked off): h = 0 ... */
    private static final VectorShuffle<Float> SPREAD_LOW = VectorShuffle.fromOp(S, j -> j / 2);
    /** ... and h = 1. */
    private static final VectorShuffle<Float> SPREAD_HIGH = VectorShuffle.fromOp(S, j -> L / 2 + j / 2);
    /** For each n &lt;= L, the even lanes 2i with i &lt; n ... */
    private static final VectorMask<Float>[] SPREAD_LOW_LANES = spreadMasks(0);
    /** ... and with L/2 + i &lt; n. */
    private static final VectorMask<Float>[] SPREAD_HIGH_LANES = spreadMasks(L / 2);

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] spreadMasks(int first) {
        VectorMask<Float>[] out = new VectorMask[L + 1];
        for (int n = 0; n <= L; n++) {
            long bits = 0;
            for (int j = 0; j < L; j += 2) {
                if (first + j / 2 < n) {
                    bits |= 1L << j;
                }
            }
            out[n] = VectorMask.fromLong(S, bits);
        }
        return out;
    }

    /** For each n &lt; L/2, lanes 2i of row {@code which} (0 or 1) of a pair into lanes which·n + i. */
    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] pairShuffles(int which) {
        VectorShuffle<Float>[] out = new VectorShuffle[L / 2];
        for (int n = 1; n < L / 2; n++) {
            int width = n;
            out[n] = VectorShuffle.fromOp(S, i -> i >= which * width && i < (which + 1) * width ? 2 * (i - which * width) : 0);
        }
        return out;
    }

    /** For each n &lt; L/2, the lanes from n on. */
    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] pairMasks() {
        VectorMask<Float>[] out = new VectorMask[L / 2];
        for (int n = 1; n < L / 2; n++) {
            out[n] = VectorMask.fromLong(S, ((1L << L) - 1) & -(1L << n));
        }
        return out;
    }
}
