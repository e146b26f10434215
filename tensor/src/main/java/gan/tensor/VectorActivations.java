package gan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Activations} on the JDK Vector API: the scaled ELU with eˣ written out from
 * additions, products and fused multiply-adds, 0.2 ns an element on one core against 20 ns
 * for {@code Math.expm1} on JDK 17, within 0.9 ulp of the double-precision expm1 over every
 * float in [-100, 0]. tanh stays on {@code Math.tanh}: a vector tanh written the same way ran 90
 * times as fast, but in about one JVM in two C2 compiled some of its operations as calls that
 * box every vector (3 to 30 MB per training step, bench/README.md), and tanh is 1 to 2% of a
 * step.
 *
 * <p>Why not the API's own lanewise EXPM1: compiled, it calls a native math library, but the
 * interpreter and the first compiler tier compute it lane by lane with {@code Math}, which
 * rounds about 2 results in 1000 differently. Which elements went through which tier then
 * depends on the JIT's timing, and two identical runs of a training step could differ in
 * the last bit. The operations used here are exactly rounded in every tier.
 *
 * <p>eˣ for x &le; 0: x = n·ln 2 + r with n an integer (rounded by adding and subtracting
 * 1.5·2²³) and |r| &le; ln 2 / 2 (ln 2 split in two so n·ln2hi is exact), then
 * eʳ − 1 = r + r²·(1/2 + r/6 + … + r⁶/8!) and eˣ − 1 = 2ⁿ·(eʳ − 1) + (2ⁿ − 1), with 2ⁿ built
 * from its exponent bits. Below −87, where 2ⁿ would leave the normal floats, eˣ − 1 is −1 in
 * float anyway.
 *
 * <p>Every element goes through the same vector code wherever a range starts or ends, so its
 * bits never depend on how the work was split. Only {@link Kernels} creates this class, by
 * reflection, once it has checked that the incubator module is present.
 */
public final class VectorActivations implements Activations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final Activations REFERENCE = new JavaActivations();
    private static final float INV_LN2 = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO, with LN2_HI short enough that n · LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to an integer, which its low mantissa bits then hold. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Below this, eˣ − 1 rounds to −1 and 2ⁿ would be subnormal. */
    private static final float EXP_FLOOR = -87f;

    @Override
    public String name() {
        return "vector";
    }

    /** The reference's Math.tanh: why not a vector tanh, the class comment says. */
    @Override
    public void tanh(float[] x, float[] y, int lo, int hi) {
        REFERENCE.tanh(x, y, lo, hi);
    }

    @Override
    public void scaledElu(float[] x, float[] y, int lo, int hi, double scale, double scaleAlpha) {
        Activations.requireDistinct(x, y);
        float s = (float) scale;
        float sa = (float) scaleAlpha;
        if (hi - lo < L) {
            float[] in = padded(x, lo, hi);
            float[] out = new float[L];
            eluAt(in, out, 0, s, sa);
            System.arraycopy(out, 0, y, lo, hi - lo);
            return;
        }
        for (int i = lo; i < hi; i += L) {
            eluAt(x, y, Math.min(i, hi - L), s, sa);
        }
    }

    /*
     * The loops above end with a vector that overlaps the one before (the elements in both get
     * the same bits twice), not with a masked one: a masked load or store is a per-lane loop on
     * JDK 17. And no method here takes or returns a vector, only arrays and offsets: C2
     * sometimes compiles such a helper on its own before its caller, then calls it instead of
     * inlining it, and every vector that crosses the call is boxed (tanh and the strided copy
     * allocated 4 to 30 MB per training step in one JVM in two that way). A value passed
     * between the steps here goes through y, in L1.
     */

    /**
     * y[i, i + L) = x > 0 ? s·x : sa·(eˣ − 1). The positive lanes' exponential is nonsense and
     * discarded; a NaN fails the test and stays NaN through the exponential.
     */
    private static void eluAt(float[] x, float[] y, int i, float s, float sa) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        v.intoArray(y, i);
        expm1At(y, i);
        FloatVector negative = FloatVector.fromArray(S, y, i).mul(sa);
        negative.blend(v.mul(s), v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
    }

    /** v[i, i + L) = e^v − 1, in place, for v &le; 0 (and NaN, which it keeps). */
    private static void expm1At(float[] v, int i) {
        FloatVector x = FloatVector.fromArray(S, v, i);
        x = x.blend(EXP_FLOOR, x.compare(VectorOperators.LT, EXP_FLOOR));
        FloatVector rounded = x.mul(INV_LN2).add(ROUNDER);
        IntVector n = rounded.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector nf = rounded.sub(ROUNDER);
        FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_LO), nf.fma(FloatVector.broadcast(S, -LN2_HI), x));
        // eʳ − 1 = r + r²·q(r), q the Taylor series from 1/2! to 1/8!
        FloatVector q = FloatVector.broadcast(S, 1f / 40320)
                .fma(r, FloatVector.broadcast(S, 1f / 5040))
                .fma(r, FloatVector.broadcast(S, 1f / 720))
                .fma(r, FloatVector.broadcast(S, 1f / 120))
                .fma(r, FloatVector.broadcast(S, 1f / 24))
                .fma(r, FloatVector.broadcast(S, 1f / 6))
                .fma(r, FloatVector.broadcast(S, 0.5f));
        FloatVector expm1R = r.mul(r).fma(q, r);
        FloatVector twoN = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        twoN.fma(expm1R, twoN.sub(1f)).intoArray(v, i);
    }

    /** x[lo, hi) in a fresh array of L floats, zeros after: a range shorter than a vector. */
    private static float[] padded(float[] x, int lo, int hi) {
        float[] in = new float[L];
        System.arraycopy(x, lo, in, 0, hi - lo);
        return in;
    }
}
