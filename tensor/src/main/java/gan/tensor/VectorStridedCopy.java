package gan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StridedCopy} on the JDK Vector API, for step 2 and rows of up to L floats. One
 * permutation brings the even lanes of an input vector into the lower half; a row of more
 * than L/2 floats (the cGAN's 14-pixel rows) takes a second vector's even lanes into the
 * upper half with a blend; one store writes the row. The store's lanes past n land where
 * the next row (or, with a destination pitch, the gap before it) then goes; a row whose
 * store would pass the block's end is inserted into the block's last vector instead; rows whose loads would pass the source's end, blocks shorter
 * than a vector, and every other shape take the plain loop. {@link #addBack}
 * spreads a row over the even lanes and adds it under a mask of the lanes it owns. (A
 * single two-vector rearrange is not compiled to vector code by JDK 17: it ran at a sixth of
 * the speed of the table-driven loop.)
 *
 * <p>Every shuffle and mask a loop uses is a static final constant or made inside the loop
 * from constants. A first version kept per-width shuffles and masks, read from arrays, in
 * locals across its loops: when such a method was deoptimized mid-loop, its on-stack-
 * replacement compile saw them with the inexact types of the interpreter's frame and boxed
 * every vector operation, and about one JVM in five ran the discriminator's convolution at
 * a third of its speed (bench/README.md tells the same story of the GEMM kernel).
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
    /** Lane i of a vector into lanes 2i and 2i + 1 ... */
    private static final VectorShuffle<Float> SPREAD_LOW = VectorShuffle.fromOp(S, j -> j / 2);
    /** ... and lane L/2 + i likewise. */
    private static final VectorShuffle<Float> SPREAD_HIGH = VectorShuffle.fromOp(S, j -> L / 2 + j / 2);
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(S, 0x5555_5555_5555_5555L & ((1L << L) - 1));
    /** 0, 1, ..., L − 1: compared with a width, the lanes a row owns. */
    private static final FloatVector IOTA = FloatVector.fromArray(S, iota(), 0);
    private static final StridedCopy REFERENCE = new JavaStridedCopy();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff) {
        copy(src, srcOff, rowStride, step, rows, n, dst, dstOff, n);
    }

    @Override
    public void copy(float[] src, int srcOff, int rowStride, int step, int rows, int n, float[] dst, int dstOff,
                     int dstPitch) {
        if (step != 2 || n > L || rows == 0) {
            REFERENCE.copy(src, srcOff, rowStride, step, rows, n, dst, dstOff, dstPitch);
            return;
        }
        boolean wide = n > L / 2;
        int end = dstOff + (rows - 1) * dstPitch + n;
        int r = 0;
        for (; r < rows; r++) {
            int s = srcOff + r * rowStride;
            int d = dstOff + r * dstPitch;
            if (d + L > end || !readable(src, s, wide)) {
                break;
            }
            FloatVector row = FloatVector.fromArray(S, src, s).rearrange(EVEN_LOW);
            if (wide) {
                row = row.blend(FloatVector.fromArray(S, src, s + L).rearrange(EVEN_HIGH), UPPER);
            }
            row.intoArray(dst, d);
        }
        // The last row or two, whose store would pass the block's end (another thread's
        // columns): each goes into the block's last L floats instead. Loaded from 2k floats
        // earlier, the row lands k lanes up, at its place in that vector; the k lanes below
        // keep what the earlier rows wrote there, and lanes past the row hold nonsense until
        // the next row's turn. Twice the speed of a plain loop here (a masked store is a
        // per-lane loop on JDK 17; unslice, tried first, boxed in one JVM in three). The row
        // is built here, not by a helper: a helper that returns a vector is sometimes compiled
        // on its own first, then called, not inlined, and every call boxes its result.
        int last = end - L;
        for (; r < rows && last >= dstOff; r++) {
            int k = dstOff + r * dstPitch - last;
            int s = srcOff + r * rowStride - 2 * k;
            if (!readable(src, s, true)) {
                break;
            }
            // both halves: k lanes up, even a short row may reach the upper one
            FloatVector row = FloatVector.fromArray(S, src, s).rearrange(EVEN_LOW)
                    .blend(FloatVector.fromArray(S, src, s + L).rearrange(EVEN_HIGH), UPPER);
            VectorMask<Float> own = IOTA.compare(VectorOperators.GE, k);
            FloatVector.fromArray(S, dst, last).blend(row, own).intoArray(dst, last);
        }
        // blocks of fewer than L floats, and rows at the very end of src: plain loops (the
        // table of the Java kernel would be remade for every such tail)
        for (; r < rows; r++) {
            for (int i = 0, s = srcOff + r * rowStride, d = dstOff + r * dstPitch; i < n; i++, s += 2) {
                dst[d + i] = src[s];
            }
        }
    }

    /** Whether the one or two vectors of a row starting at src[s] lie inside src. */
    private static boolean readable(float[] src, int s, boolean wide) {
        return s >= 0 && s + (wide ? 2 * L : L) <= src.length;
    }

    @Override
    public void addBack(float[] src, int srcOff, int n, int rows, float[] dst, int dstOff, int rowStride, int step) {
        if (step != 2 || n > L) {
            REFERENCE.addBack(src, srcOff, n, rows, dst, dstOff, rowStride, step);
            return;
        }
        boolean wide = n > L / 2;
        int r = 0;
        for (; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * rowStride;
            if (s + L > src.length || d + (wide ? 2 * L : L) > dst.length || s < 0 || d < 0) {
                break;
            }
            FloatVector v = FloatVector.fromArray(S, src, s);
            FloatVector out = FloatVector.fromArray(S, dst, d);
            // the even lanes 2i with i < n; blended, not added with zeros, so the floats in
            // between keep their bits (even -0)
            VectorMask<Float> low = IOTA.compare(VectorOperators.LT, 2 * n).and(EVEN);
            out.blend(out.add(v.rearrange(SPREAD_LOW)), low).intoArray(dst, d);
            if (wide) {
                FloatVector out2 = FloatVector.fromArray(S, dst, d + L);
                VectorMask<Float> high = IOTA.compare(VectorOperators.LT, 2 * n - L).and(EVEN);
                out2.blend(out2.add(v.rearrange(SPREAD_HIGH)), high).intoArray(dst, d + L);
            }
        }
        for (; r < rows; r++) {
            for (int i = 0, s = srcOff + r * n, d = dstOff + r * rowStride; i < n; i++, d += 2) {
                dst[d] += src[s + i];
            }
        }
    }

    private static float[] iota() {
        float[] lanes = new float[L];
        for (int i = 0; i < L; i++) {
            lanes[i] = i;
        }
        return lanes;
    }
}
