package gan.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The engine's one thread pool. The thread count is the explicit, documented global
 * default: all cores unless {@link #setThreads} (the CLI's {@code --threads}) says
 * otherwise. Work is split into fixed contiguous ranges decided only by the problem
 * size, never by timing, so every element is computed the same way whatever the thread
 * count: results are reproducible.
 */
public final class Parallel {
    /** Elements per chunk of {@link #forElements} at least: below this, forking costs more than a memory-bound loop. */
    public static final int ELEMENT_GRAIN = 1 << 15;

    private static volatile ForkJoinPool pool = newPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /** A body that processes indices [lo, hi). */
    @FunctionalInterface
    public interface Range {
        /** Processes the indices from {@code lo} inclusive to {@code hi} exclusive. */
        void run(int lo, int hi);
    }

    /** Sets the number of worker threads (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        if (n != pool.getParallelism()) {
            ForkJoinPool old = pool;
            pool = newPool(n);
            old.shutdown();
        }
    }

    /** The number of worker threads. */
    public static int threads() {
        return pool.getParallelism();
    }

    /**
     * Whether work forked from the calling thread would run on it alone: one thread, or a
     * call from inside the pool (nested calls run in place). A kernel that splits its work
     * only to share it out can then skip the split and its costs.
     */
    public static boolean runsInline() {
        return threads() == 1 || ForkJoinTask.getPool() == pool;
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
        int t = threads();
        int chunks = Math.min(t, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || runsInline()) {
            body.run(0, n);
            return;
        }
        pool.invoke(new Split(body, n, chunks, 0, chunks));
    }

    /**
     * Runs an elementwise loop {@code body} over [0, n) in chunks of at least
     * {@link #ELEMENT_GRAIN} elements: activations and their gradients over a whole batch
     * (millions of floats) use both cores, a bias vector stays on the calling thread.
     */
    public static void forElements(int n, Range body) {
        forRange(n, ELEMENT_GRAIN, body);
    }

    /**
     * Runs {@code task.accept(i)} for every i in [0, tasks), each as its own stealable
     * fork-join task, so a thread slowed by other work hands the rest to the others. The
     * caller decides the tasks from the problem size; which thread runs one does not
     * change its result. Nested calls from inside the pool run on the calling thread.
     */
    public static void forTasks(int tasks, IntConsumer task) {
        if (tasks <= 1 || runsInline()) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        pool.invoke(new Split((lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                task.accept(i);
            }
        }, tasks, tasks, 0, tasks));
    }

    /**
     * A pool of exactly n workers. The default pool adds a spare worker whenever one waits in a
     * join (a {@link Split} half that another worker took), and JFR showed three workers busy
     * through every training run on two cores: a spare then competes with both for the cores.
     * Here a waiting worker just waits (the saturate predicate accepts that, instead of
     * throwing); a join only ever waits on a half that another worker is running, so work
     * always goes on. AbStep cgan, blocks of 10 steps alternated 14 times: median pair
     * ratio 0.97 (faster in 10 of 14).
     */
    private static ForkJoinPool newPool(int n) {
        return new ForkJoinPool(n, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false, 0, n, 1, pool -> true,
                60, TimeUnit.SECONDS);
    }

    private static final class Split extends RecursiveAction {
        private final Range body;
        private final int n;
        private final int chunks;
        private final int from;
        private final int to;

        Split(Range body, int n, int chunks, int from, int to) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                long lo = (long) n * from / chunks;
                long hi = (long) n * (from + 1) / chunks;
                body.run((int) lo, (int) hi);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Split(body, n, chunks, from, mid), new Split(body, n, chunks, mid, to));
        }
    }
}
