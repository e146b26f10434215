package gan.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads behind {@link Parallel}: the calling thread and n − 1 helpers run the tasks
 * of one parallel region, each claiming the next task index from a shared counter until
 * none are left (as an OpenMP team does, with a dynamic schedule).
 *
 * <p>Why not a {@link java.util.concurrent.ForkJoinPool}: a training step opens about a
 * hundred parallel regions, many of them a few hundred microseconds long (an activation
 * over a batch, a bias gradient). Through the pool, the caller blocked while a parked
 * worker was woken to run the work, and the caller was woken again at the end: an empty
 * region cost 31 µs back to back and 110–170 µs after half a millisecond of serial code,
 * with both cores idle in between. Here the caller works on the region itself, and a helper
 * keeps spinning for {@link #SPIN_NANOS} after its last task before it parks, so the serial
 * code between two regions of a step rarely finds it asleep.
 *
 * <p>One region runs at a time. A second thread that calls in while the team is busy runs
 * its tasks itself, in order: the same results, since tasks never depend on the thread that
 * runs them.
 */
final class Team {
    /**
     * How long a helper spins, looking for the next region, before it parks. Long enough to
     * bridge the serial code between the regions of a training step, short enough that an
     * idle engine leaves the core within a fraction of a millisecond.
     */
    static final long SPIN_NANOS = 200_000;
    /** How long the caller spins waiting for the helpers' last tasks before it parks. */
    private static final long WAIT_SPIN_NANOS = 50_000;

    private final int size;
    private final Helper[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The region being run, or the last one; helpers compare it with the last one they saw. */
    private volatile Region current;
    private volatile boolean stopped;
    /** The thread running a region of this team's, while it does: its nested calls run inline. */
    private volatile Thread owner;

    /** A team of {@code size} threads: the caller and size − 1 helpers, started now. */
    Team(int size) {
        this.size = size;
        this.helpers = new Helper[size - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(this, i + 1);
            helpers[i].start();
        }
    }

    /** Threads in the team, the caller included. */
    int size() {
        return size;
    }

    /** Whether the calling thread is already inside one of this team's regions (or is a helper of any team). */
    boolean inside() {
        Thread t = Thread.currentThread();
        return t instanceof Helper || t == owner;
    }

    /**
     * Runs {@code task.accept(i)} for every i in [0, tasks), spread over the team, and returns
     * when all have finished. The first exception a task throws is rethrown here, once every
     * claimed task has stopped; tasks not yet claimed then do not run.
     */
    void run(int tasks, IntConsumer task) {
        if (!busy.compareAndSet(false, true)) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        Region region = new Region(tasks, task);
        try {
            owner = Thread.currentThread();
            current = region;
            for (Helper h : helpers) {
                h.wake();
            }
            region.work();
            region.await();
            region.release();
        } finally {
            owner = null;
            busy.set(false);
        }
        region.rethrow();
    }

    /** Lets the helpers finish and exit; the team must not be used afterwards. */
    void stop() {
        stopped = true;
        for (Helper h : helpers) {
            LockSupport.unpark(h);
        }
    }

    /** One parallel region: its tasks, the next one to claim, and how many have finished. */
    private static final class Region {
        final int tasks;
        /**
         * The body, until every task has finished; then dropped, so that what it captured (a
         * layer's arrays) does not stay reachable through the last region the helpers saw.
         */
        private IntConsumer task;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;
        volatile Thread waiter;

        Region(int tasks, IntConsumer task) {
            this.tasks = tasks;
            this.task = task;
        }

        /** Claims and runs tasks until none are left. */
        void work() {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        task.accept(i);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    if (finished.incrementAndGet() == tasks) {
                        Thread w = waiter;
                        if (w != null) {
                            LockSupport.unpark(w);
                        }
                    }
                }
            }
        }

        /** Returns once every task has finished: spins briefly, then parks until the last one unparks it. */
        void await() {
            long start = System.nanoTime();
            while (finished.get() < tasks && System.nanoTime() - start < WAIT_SPIN_NANOS) {
                Thread.onSpinWait();
            }
            if (finished.get() < tasks) {
                waiter = Thread.currentThread();
                while (finished.get() < tasks) {
                    LockSupport.park(this);
                }
            }
        }

        /** Drops the body; called once every task has finished, so no thread reads it again. */
        void release() {
            task = null;
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
        }
    }

    /** A helper thread: runs each new region's tasks, spinning between regions, parking when idle. */
    private static final class Helper extends Thread {
        private final Team team;
        private volatile boolean parked;

        Helper(Team team, int index) {
            super("gan-worker-" + index);
            this.team = team;
            setDaemon(true);
        }

        /** Unparks this helper if it is parked (a spinning one will see the region by itself). */
        void wake() {
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            Region seen = null;
            while (!team.stopped) {
                Region r = team.current;
                if (r != seen) {
                    seen = r;
                    r.work();
                    continue;
                }
                waitForRegion(seen);
            }
        }

        /** Spins up to SPIN_NANOS for a region other than {@code seen}, then parks until woken. */
        private void waitForRegion(Region seen) {
            long start = System.nanoTime();
            while (team.current == seen && !team.stopped) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                // checked again after announcing the park: a region published before this
                // line is seen here, one published after it finds parked set and unparks
                if (team.current == seen && !team.stopped) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
