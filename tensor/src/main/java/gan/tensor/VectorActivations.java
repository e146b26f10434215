package gan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Activations} on the JDK Vector API: the scaled ELU with eˣ written out from
 * additions, products and fused multiply-adds, 0.2 ns an element on one core against 20 ns
 * for {@code Math.expm1} on JDK 17, within 0.9 ulp of the double-precision expm1 over every
 * float in [-100, 0]. tanh is a rational function in a plain loop, not on the Vector API: a
 * vector tanh written like the exponential ran 90 times as fast as {@code Math.tanh}, but in
 * about one JVM in two C2 compiled some of its operations as calls that box every vector (3 to
 * 30 MB per training step, bench/README.md). C2 vectorizes the plain loop by itself, and a
 * loop it fails to vectorize is still 8 times as fast as {@code Math.tanh} (36 ns an element
 * on JDK 17, 3.3 ms of each cgan step).
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
    private static final float INV_LN2 = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO, with LN2_HI short enough that n · LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to an integer, which its low mantissa bits then hold. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Below this, eˣ − 1 rounds to −1 and 2ⁿ would be subnormal. */
    private static final float EXP_FLOOR = -87f;
    /** Where the tanh fit reaches 1: larger inputs are clamped to it. */
    private static final float TANH_CLAMP = 7.90531110763549805f;
    /** The tanh fit's denominator at 0, by which all its coefficients are divided. */
    private static final double TANH_Q0 = 4.89352518554385e-03;
    private static final float TANH_P1 = (float) (4.89352455891786e-03 / TANH_Q0);
    private static final float TANH_P3 = (float) (6.37261928875436e-04 / TANH_Q0);
    private static final float TANH_P5 = (float) (1.48572235717979e-05 / TANH_Q0);
    private static final float TANH_P7 = (float) (5.12229709037114e-08 / TANH_Q0);
    private static final float TANH_P9 = (float) (-8.60467152213735e-11 / TANH_Q0);
    private static final float TANH_P11 = (float) (2.00018790482477e-13 / TANH_Q0);
    private static final float TANH_P13 = (float) (-2.76076847742355e-16 / TANH_Q0);
    private static final float TANH_Q2 = (float) (2.26843463243900e-03 / TANH_Q0);
    private static final float TANH_Q4 = (float) (1.18534705686654e-04 / TANH_Q0);
    private static final float TANH_Q6 = (float) (1.19825839466702e-06 / TANH_Q0);

    @Override
    public String name() {
        return "vector";
    }

    /**
     * tanh(x) ≈ x·P(x²) / Q(x²), P of degree 6 and Q of degree 3 (the minimax fit Eigen uses
     * for float tanh, scaled here so that Q(0) = 1: a tiny x then never goes through a
     * subnormal product), with x clamped to ±7.905, where the fit reaches 1. Within 6.4 ulps of
     * the double-precision tanh over every float (every third bit pattern checked), |y| ≤ 1, odd
     * (the clamp and both polynomials are symmetric), NaN stays NaN. Only exactly rounded
     * float operations and no fused multiply-add, so the interpreter and both compilers give
     * the same bits; one flat loop of them is what C2's auto-vectorizer takes (0.44 ns an
     * element against 36 for {@code Math.tanh}; why not the Vector API, the class comment says).
     */
    @Override
    public void tanh(float[] x, float[] y, int lo, int hi) {
        Activations.requireDistinct(x, y);
        for (int i = lo; i < hi; i++) {
            float v = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x[i]));
            float v2 = v * v;
            float p = v * ((((((v2 * TANH_P13 + TANH_P11) * v2 + TANH_P9) * v2 + TANH_P7) * v2 + TANH_P5) * v2
                    + TANH_P3) * v2 + TANH_P1);
            y[i] = p / (((v2 * TANH_Q6 + TANH_Q4) * v2 + TANH_Q2) * v2 + 1f);
        }
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
