package gan.tensor;

/**
 * A small, fast, seedable random number generator (SplitMix64) whose full state can be
 * saved and restored, which {@link java.util.Random} does not allow without reflection.
 * Checkpoints store {@link #state()} so a resumed run draws the same numbers.
 */
public final class Rng {
    /** SplitMix64's state increment (2^64 / golden ratio). */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Fills shorter than this stay on the calling thread. */
    private static final int FILL_GRAIN = 1 << 15;
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator seeded with {@code seed}; equal seeds give equal streams. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits (SplitMix64). */
    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** SplitMix64's output function of a state. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /**
     * Fills {@code out[off .. off + n)} with exactly the values of n calls to
     * {@link #nextFloat()}, and leaves the generator where those calls would. SplitMix64's
     * i-th value depends only on the state plus i steps, so large fills are split over
     * {@link Parallel}'s threads without changing a single value (a dropout mask per layer).
     */
    public void nextFloats(float[] out, int off, int n) {
        long base = state;
        Parallel.forRange(n, FILL_GRAIN, (lo, hi) -> {
            long z = base + (long) lo * GOLDEN;
            for (int i = lo; i < hi; i++) {
                z += GOLDEN;
                out[off + i] = (mix(z) >>> 40) * 0x1.0p-24f;
            }
        });
        state = base + (long) n * GOLDEN;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long r = nextLong() >>> 33; // 31 bits
        long m = r * bound;
        int low = (int) (m & 0x7FFFFFFFL);
        if (low < bound) {
            long threshold = (0x80000000L - bound) % bound;
            while (low < threshold) {
                r = nextLong() >>> 33;
                m = r * bound;
                low = (int) (m & 0x7FFFFFFFL);
            }
        }
        return (int) (m >>> 31);
    }

    /** Standard normal sample (Marsaglia polar method, caching the second value). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** A new generator seeded from this one, for an independent stream (dropout, data). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** The complete state, for checkpoints: {@code [state, spare bits, hasSpare]}. */
    public long[] state() {
        return new long[] {state, Double.doubleToRawLongBits(spareGaussian), hasSpare ? 1 : 0};
    }

    /** Restores a state returned by {@link #state()}. */
    public void setState(long[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException("Rng state must have 3 longs, got " + s.length);
        }
        state = s[0];
        spareGaussian = Double.longBitsToDouble(s[1]);
        hasSpare = s[2] != 0;
    }
}
