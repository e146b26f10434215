package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Activations} kernel against the double-precision definition, on random
 * values, the special ones, and ranges that start and end anywhere.
 */
class ActivationsTest {
    private static final List<Activations> KERNELS = Kernels.availableActivations();
    private static final double SCALE = 1.0507009873554805;
    private static final double SCALE_ALPHA = SCALE * 1.6732632423543772;
    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 1e-4f, -1e-4f, 0.5f, -0.5f, 9f,
        -9f, 20f, -20f, 88f, -88f, 100f, -104f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN};

    @Test
    void vectorKernelIsAmongThoseTested() {
        assertTrue(KERNELS.stream().anyMatch(k -> k.name().equals("vector")), "surefire runs with the Vector API");
        assertEquals("java", KERNELS.get(KERNELS.size() - 1).name());
    }

    /** The reference within two ulps of the definition, the vector kernel's rational fit within seven. */
    @Test
    void tanhIsCloseToTheDefinition() {
        float[] x = inputs(new Rng(31));
        for (Activations k : KERNELS) {
            float[] y = new float[x.length];
            k.tanh(x, y, 0, x.length);
            int ulps = k.name().equals("java") ? 2 : 7;
            for (int i = 0; i < x.length; i++) {
                assertClose(Math.tanh(x[i]), y[i], ulps, k.name() + " tanh(" + x[i] + ")");
            }
        }
    }

    /**
     * Densely where the fit is worst, as it saturates: every 64th float of [0.5, 10], within
     * seven ulps, never above 1, and odd.
     */
    @Test
    void tanhSaturatesWithinItsBound() {
        int lo = Float.floatToIntBits(0.5f);
        int hi = Float.floatToIntBits(10f);
        float[] x = new float[(hi - lo) / 64 + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.intBitsToFloat(lo + 64 * i);
        }
        float[] minus = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            minus[i] = -x[i];
        }
        for (Activations k : KERNELS) {
            float[] y = new float[x.length];
            float[] yMinus = new float[x.length];
            k.tanh(x, y, 0, x.length);
            k.tanh(minus, yMinus, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                String what = k.name() + " tanh(" + x[i] + ")";
                assertClose(Math.tanh(x[i]), y[i], 7, what);
                assertTrue(y[i] <= 1f, what + " = " + y[i]);
                assertEquals(-y[i], yMinus[i], what + " against tanh(" + minus[i] + ")");
            }
        }
    }

    @Test
    void scaledEluIsWithinTwoUlpsOfTheDefinition() {
        float[] x = inputs(new Rng(32));
        for (Activations k : KERNELS) {
            float[] y = new float[x.length];
            k.scaledElu(x, y, 0, x.length, SCALE, SCALE_ALPHA);
            for (int i = 0; i < x.length; i++) {
                double want = x[i] > 0 ? SCALE * x[i] : SCALE_ALPHA * Math.expm1(x[i]);
                assertClose(want, y[i], 2, k.name() + " selu(" + x[i] + ")");
            }
        }
    }

    /**
     * A range [lo, hi) of any length and start writes exactly its elements, with the bits the
     * whole array gets: a split over threads cannot change a result.
     */
    @Test
    void anyRangeWritesItsElementsWithTheBitsOfTheWhole() {
        float[] x = inputs(new Rng(33));
        for (Activations k : KERNELS) {
            float[] wholeTanh = new float[x.length];
            float[] wholeElu = new float[x.length];
            k.tanh(x, wholeTanh, 0, x.length);
            k.scaledElu(x, wholeElu, 0, x.length, SCALE, SCALE_ALPHA);
            for (int lo : new int[] {0, 1, 5, 16, 17}) {
                for (int len : new int[] {0, 1, 3, 15, 16, 17, 40}) {
                    int hi = lo + len;
                    float[] t = sentinels(x.length);
                    float[] e = sentinels(x.length);
                    k.tanh(x, t, lo, hi);
                    k.scaledElu(x, e, lo, hi, SCALE, SCALE_ALPHA);
                    for (int i = 0; i < x.length; i++) {
                        boolean inside = i >= lo && i < hi;
                        String at = k.name() + " [" + lo + ", " + hi + ") element " + i;
                        assertEquals(Float.floatToRawIntBits(inside ? wholeTanh[i] : -7f), Float.floatToRawIntBits(t[i]),
                                "tanh " + at);
                        assertEquals(Float.floatToRawIntBits(inside ? wholeElu[i] : -7f), Float.floatToRawIntBits(e[i]),
                                "elu " + at);
                    }
                }
            }
        }
    }

    @Test
    void inPlaceCallsAreRefused() {
        float[] x = inputs(new Rng(36), 40);
        for (Activations k : KERNELS) {
            assertThrows(IllegalArgumentException.class, () -> k.tanh(x, x, 0, x.length), k.name());
            assertThrows(IllegalArgumentException.class, () -> k.scaledElu(x, x, 0, x.length, SCALE, SCALE_ALPHA),
                    k.name());
        }
    }

    /**
     * The vector kernel's bits do not depend on the JIT: the interpreter (a child JVM run with
     * -Xint) and this JVM's compiled code, after a warm-up, give the same checksum. Vector
     * API operations without an exact IEEE definition fail this: the lanewise EXPM1 and TANH
     * of JDK 17 round about 2 of every 1000 results differently when compiled.
     */
    @Test
    void vectorKernelGivesTheSameBitsInterpretedAndCompiled() throws IOException, InterruptedException {
        Activations vector = KERNELS.get(0);
        assertEquals("vector", vector.name());
        // many short calls get both loops compiled by C2 (in the background: hence the clock)
        float[] x = inputs(new Rng(35), 64);
        float[] y = new float[x.length];
        for (long calls = 0, t0 = System.nanoTime(); calls < 50_000 || System.nanoTime() - t0 < 1_000_000_000L; calls++) {
            vector.tanh(x, y, 0, x.length);
            vector.scaledElu(x, y, 0, x.length, SCALE, SCALE_ALPHA);
        }
        long compiled = checksum(vector);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ActivationBitsMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("bits " + compiled), "compiled checksum " + compiled + ", interpreted: " + out);
    }

    /** A checksum of a kernel's tanh and SELU bits on the inputs of the tests. */
    static long checksum(Activations k) {
        float[] x = inputs(new Rng(34), 1 << 14);
        float[] t = new float[x.length];
        float[] e = new float[x.length];
        k.tanh(x, t, 0, x.length);
        k.scaledElu(x, e, 0, x.length, SCALE, SCALE_ALPHA);
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum = sum * 31 + Float.floatToRawIntBits(t[i]);
            sum = sum * 31 + Float.floatToRawIntBits(e[i]);
        }
        return sum;
    }

    /** The special values, then random ones of every magnitude up to e^±30. */
    private static float[] inputs(Rng rng) {
        return inputs(rng, 4099);
    }

    /** {@code n} floats: the special values, then random ones of every magnitude up to e^±30. */
    private static float[] inputs(Rng rng, int n) {
        float[] x = Arrays.copyOf(SPECIAL, n);
        for (int i = SPECIAL.length; i < x.length; i++) {
            x[i] = (float) ((rng.nextFloat() < 0.5f ? -1 : 1) * Math.exp(30 * rng.nextFloat() - 15));
        }
        return x;
    }

    private static float[] sentinels(int n) {
        float[] a = new float[n];
        Arrays.fill(a, -7f);
        return a;
    }

    private static void assertClose(double want, float got, int ulps, String what) {
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            assertEquals((float) want, got, what);
            return;
        }
        double ulp = Math.ulp((float) want);
        assertTrue(Math.abs(got - want) <= ulps * ulp, what + ": " + got + " against " + want);
    }
}
