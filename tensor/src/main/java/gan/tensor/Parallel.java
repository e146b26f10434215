package gan.tensor;

import java.util.function.IntConsumer;

/**
 * The engine's one team of threads ({@link Team}). The thread count is the explicit,
 * documented global default: all cores unless {@link #setThreads} (the CLI's
 * {@code --threads}) says otherwise. Work is split into fixed contiguous ranges decided only
 * by the problem size, never by timing, so every element is computed the same way whatever
 * the thread count and whichever thread runs it: results are reproducible.
 */
public final class Parallel {
    /** Elements per chunk of {@link #forElements} at least: below this, forking costs more than a memory-bound loop. */
    public static final int ELEMENT_GRAIN = 1 << 15;

    private static volatile Team team = new Team(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /** A body that processes indices [lo, hi). */
    @FunctionalInterface
    public interface Range {
        /** Processes the indices from {@code lo} inclusive to {@code hi} exclusive. */
        void run(int lo, int hi);
    }

    /** Sets the number of threads (at least 1), the calling thread included. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        if (n != team.size()) {
            Team old = team;
            team = new Team(n);
            old.stop();
        }
    }

    /** The number of threads. */
    public static int threads() {
        return team.size();
    }

    /**
     * Whether work forked from the calling thread would run on it alone: one thread, or a
     * call from inside a parallel region (nested calls run in place). A kernel that splits its
     * work only to share it out can then skip the split and its costs.
     */
    public static boolean runsInline() {
        Team t = team;
        return t.size() == 1 || t.inside();
    }

    /** Runs {@code body} over [0, n) split into at most {@link #threads()} chunks. */
    public static void forRange(int n, Range body) {
        forRange(n, 1, body);
    }

    /**
     * Runs {@code body} over [0, n) in chunks of at least {@code grain} indices; small
     * problems run on the calling thread.
     */
    public static void forRange(int n, int grain, Range body) {
        split(n, Math.min(threads(), Math.max(1, n / Math.max(1, grain))), body);
    }

    /** Runs body over [0, n) in {@code chunks} equal chunks on the team, or whole here if one chunk or nested. */
    private static void split(int n, int chunks, Range body) {
        if (chunks <= 1 || runsInline()) {
            body.run(0, n);
            return;
        }
        team.run(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    /**
     * Runs an elementwise loop {@code body} over [0, n) in chunks of at least
     * {@link #ELEMENT_GRAIN} elements: activations and their gradients over a whole batch
     * (millions of floats) use both cores, a bias vector stays on the calling thread. Up to
     * {@link #ELEMENT_CHUNKS_PER_THREAD} chunks a thread, claimed as threads come free: the
     * loops are memory-bound, and one half of an array can be in cache while the other is
     * not (the tail that the op before just wrote), so with one chunk each a thread waited
     * for the other (LeakyReLU's forward over a 51 MB cGAN activation kept 1.3 of 2 cores
     * busy). Each element is computed alone, so the split cannot change a result.
     */
    public static void forElements(int n, Range body) {
        split(n, Math.min(threads() * ELEMENT_CHUNKS_PER_THREAD, Math.max(1, n / ELEMENT_GRAIN)), body);
    }

    /** Chunks per thread of {@link #forElements}, at most. */
    static final int ELEMENT_CHUNKS_PER_THREAD = 4;

    /**
     * Runs {@code task.accept(i)} for every i in [0, tasks), each a task of its own that the
     * next free thread claims, so a thread slowed by other work leaves the rest to the
     * others. The caller decides the tasks from the problem size; which thread runs one does
     * not change its result. Nested calls from inside a region run on the calling thread.
     */
    public static void forTasks(int tasks, IntConsumer task) {
        if (tasks <= 1 || runsInline()) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        team.run(tasks, task);
    }
}
