package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reproducibility and rough distribution checks of the SplitMix64 generator. */
class RngTest {
    @Test
    void bulkFloatsAreTheSingleDrawsWhateverTheThreadCount() {
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int n : new int[] {0, 1, 7, 100_003}) {
                    Rng one = new Rng(99 + n);
                    Rng bulk = new Rng(99 + n);
                    one.nextGaussian(); // leaves a spare value, which a bulk fill must not disturb
                    bulk.nextGaussian();
                    float[] out = new float[n + 3];
                    out[0] = -1f;
                    bulk.nextFloats(out, 2, n);
                    for (int i = 0; i < n; i++) {
                        assertEquals(one.nextFloat(), out[2 + i], "value " + i + " of " + n + ", " + threads + " threads");
                    }
                    assertEquals(-1f, out[0]);
                    assertEquals(0f, out[n + 2], "wrote past the range");
                    assertEquals(one.nextGaussian(), bulk.nextGaussian());
                    assertEquals(one.nextLong(), bulk.nextLong(), "state after the fill");
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void sameSeedSameStreamOtherSeedOtherStream() {
        Rng a = new Rng(123);
        Rng b = new Rng(123);
        Rng c = new Rng(124);
        boolean differs = false;
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            differs |= x != c.nextLong();
        }
        assertTrue(differs);
    }

    @Test
    void setStateRoundTripIncludingSpareGaussian() {
        Rng a = new Rng(9);
        a.nextGaussian(); // leaves a cached spare value in the state
        long[] saved = a.state();
        double g1 = a.nextGaussian();
        double g2 = a.nextGaussian();
        long l = a.nextLong();
        Rng b = new Rng(0);
        b.setState(saved);
        assertEquals(g1, b.nextGaussian());
        assertEquals(g2, b.nextGaussian());
        assertEquals(l, b.nextLong());
        assertThrows(IllegalArgumentException.class, () -> b.setState(new long[2]));
    }

    @Test
    void nextIntStaysInBoundsAndHitsEveryValue() {
        Rng r = new Rng(5);
        for (int bound : new int[] {1, 2, 7, 10, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 2000; i++) {
                int x = r.nextInt(bound);
                assertTrue(x >= 0 && x < bound, "nextInt(" + bound + ") gave " + x);
            }
        }
        int[] counts = new int[7];
        for (int i = 0; i < 70000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int n : counts) {
            assertTrue(Math.abs(n - 10000) < 500, "uneven nextInt(7): " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void gaussianMeanAndVarianceRoughlyStandard() {
        Rng r = new Rng(77);
        int n = 200000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double x = r.nextGaussian();
            sum += x;
            sq += x * x;
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        assertEquals(0, mean, 0.01);
        assertEquals(1, var, 0.02);
    }

    @Test
    void floatsAreInUnitIntervalAndSplitDiverges() {
        Rng r = new Rng(1);
        for (int i = 0; i < 10000; i++) {
            float f = r.nextFloat();
            assertTrue(f >= 0f && f < 1f);
        }
        Rng s = r.split();
        assertNotEquals(r.nextLong(), s.nextLong());
    }
}
