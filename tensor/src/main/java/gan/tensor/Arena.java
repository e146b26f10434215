package gan.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Big float arrays reused from one training step to the next instead of allocated anew.
 *
 * <p>A training step allocates the same arrays every time: each layer's output and each
 * gradient, hundreds of megabytes for the cGAN. A fresh Java array is zeroed by the thread
 * that allocates it, so every one of them cost a pass over memory on one core while the
 * other waited, and gave the garbage collector work. An arena lends arrays while it is
 * open on a thread ({@link #enter}) and takes all of them back when that scope closes; the
 * next scope gets the same arrays again, by exact length.
 *
 * <p>The rule that makes this safe: nothing lent inside a scope may be used after the scope
 * closes. The training step opens the scope around everything it computes and returns only
 * numbers; parameters, their gradients and optimizer state are allocated outside any scope
 * (or, like parameter gradients, never from an arena). A test arena made with
 * {@code poison} fills every array it takes back with NaN, so a use after the scope shows.
 *
 * <p>Ops ask for arrays with the static {@link #floats} and {@link #zeros}, which lend from
 * the arena open on the calling thread, if any, and otherwise allocate. Arrays below
 * {@link #MIN_FLOATS} are always allocated: the allocation is cheap and the bookkeeping is not.
 * The open arena is per thread, explicit and scoped; the team's helper threads never have one.
 */
public final class Arena {
    /** Arrays shorter than this are never lent: 256 kB, far above what a thread-local allocation buffer takes. */
    public static final int MIN_FLOATS = 1 << 16;

    private static final ThreadLocal<Arena> OPEN = new ThreadLocal<>();

    private final boolean poison;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> lent = new ArrayList<>();
    private Thread owner;

    /** An arena whose returned arrays keep their contents. */
    public Arena() {
        this(false);
    }

    /** An arena that fills every array it takes back with NaN if {@code poison}: for tests. */
    public Arena(boolean poison) {
        this.poison = poison;
    }

    /** One open period of an arena on one thread; closing it takes back everything lent in it. */
    public final class Scope implements AutoCloseable {
        private Scope() {}

        @Override
        public void close() {
            if (owner != Thread.currentThread()) {
                throw new IllegalStateException("an arena scope must be closed on the thread that opened it");
            }
            OPEN.remove();
            owner = null;
            for (float[] a : lent) {
                if (poison) {
                    Arrays.fill(a, Float.NaN);
                }
                free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            }
            lent.clear();
        }
    }

    /** Opens this arena on the calling thread until the returned scope is closed. */
    public Scope enter() {
        if (OPEN.get() != null) {
            throw new IllegalStateException("an arena is already open on this thread");
        }
        if (owner != null) {
            throw new IllegalStateException("this arena is already open on thread " + owner.getName());
        }
        owner = Thread.currentThread();
        OPEN.set(this);
        return new Scope();
    }

    /**
     * An array of n floats whose contents are arbitrary: the caller must write every element
     * before reading any. Lent by the calling thread's open arena if it has one and n is at
     * least {@link #MIN_FLOATS}, else newly allocated.
     */
    public static float[] floats(int n) {
        Arena arena = n >= MIN_FLOATS ? OPEN.get() : null;
        return arena == null ? new float[n] : arena.lend(n);
    }

    /** As {@link #floats}, but all zeros; a lent array is cleared on every core. */
    public static float[] zeros(int n) {
        Arena arena = n >= MIN_FLOATS ? OPEN.get() : null;
        if (arena == null) {
            return new float[n];
        }
        float[] a = arena.lend(n);
        Parallel.forElements(n, (lo, hi) -> Arrays.fill(a, lo, hi, 0f));
        return a;
    }

    /** Floats this arena holds, lent or free: what it keeps alive between steps. */
    public long heldFloats() {
        long total = 0;
        for (float[] a : lent) {
            total += a.length;
        }
        for (ArrayDeque<float[]> q : free.values()) {
            for (float[] a : q) {
                total += a.length;
            }
        }
        return total;
    }

    private float[] lend(int n) {
        ArrayDeque<float[]> q = free.get(n);
        float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
        lent.add(a);
        return a;
    }
}
