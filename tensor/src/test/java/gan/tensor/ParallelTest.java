package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every index is visited exactly once, whatever the thread count, nested or not. */
class ParallelTest {
    @Test
    void forTasksAndForRangeVisitEachIndexOnce() {
        int saved = Parallel.threads();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                for (int n : new int[] {0, 1, 2, 7, 100}) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(n * n + 1);
                    // The inner call runs inside the pool: it must still cover its range.
                    Parallel.forTasks(n, i -> Parallel.forRange(n, (lo, hi) -> {
                        for (int j = lo; j < hi; j++) {
                            seen.incrementAndGet(i * n + j);
                        }
                    }));
                    for (int i = 0; i < n * n; i++) {
                        assertEquals(1, seen.get(i), "threads " + threads + " n " + n + " index " + i);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** Elementwise loops are cut into several chunks a thread; still every index once, and no empty call. */
    @Test
    void forElementsVisitsEachIndexOnceInSeveralChunksPerThread() {
        int saved = Parallel.threads();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                int g = Parallel.ELEMENT_GRAIN;
                for (int n : new int[] {0, 1, g - 1, 2 * g + 3, 5 * g + 1, 40 * g + 7}) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, n));
                    AtomicInteger calls = new AtomicInteger();
                    Parallel.forElements(n, (lo, hi) -> {
                        assertTrue(lo < hi || n == 0, "an empty chunk [" + lo + ", " + hi + ")");
                        calls.incrementAndGet();
                        for (int j = lo; j < hi; j++) {
                            seen.incrementAndGet(j);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, seen.get(i), "threads " + threads + " n " + n + " index " + i);
                    }
                    int most = Math.min(threads * Parallel.ELEMENT_CHUNKS_PER_THREAD, Math.max(1, n / g));
                    assertEquals(threads == 1 ? 1 : most, calls.get(), "chunks for threads " + threads + " n " + n);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void aTasksExceptionReachesTheCallerAndTheTeamGoesOn() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            IllegalStateException boom = new IllegalStateException("task 5");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forTasks(40, i -> {
                if (i == 5) {
                    throw boom;
                }
            }));
            assertSame(boom, e, "the task's own exception, not a wrapper");
            AtomicInteger count = new AtomicInteger();
            Parallel.forTasks(40, i -> count.incrementAndGet());
            assertEquals(40, count.get(), "the next region runs every task");
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** Both threads of a team of two take part (the tasks wait for each other), and nested calls run inline. */
    @Test
    void theCallerAndAHelperShareARegionAndNestedCallsRunInline() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            assertFalse(Parallel.runsInline(), "outside a region, work is shared");
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            AtomicInteger arrived = new AtomicInteger();
            AtomicInteger inline = new AtomicInteger();
            Parallel.forRange(2, (lo, hi) -> {
                ran.add(Thread.currentThread());
                if (Parallel.runsInline()) {
                    inline.incrementAndGet();
                }
                // each chunk waits (bounded) for the other: two threads must be in the region at once
                arrived.incrementAndGet();
                long start = System.nanoTime();
                while (arrived.get() < 2 && System.nanoTime() - start < 5_000_000_000L) {
                    Thread.onSpinWait();
                }
            });
            assertEquals(2, ran.size(), "two threads ran the two chunks");
            assertTrue(ran.contains(Thread.currentThread()), "the caller is one of them");
            assertEquals(2, inline.get(), "inside the region, calls run inline on both threads");
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void concurrentCallersEachGetEveryIndexOnce() throws InterruptedException {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            int n = 2000;
            AtomicIntegerArray seen = new AtomicIntegerArray(4 * n);
            Thread[] callers = new Thread[4];
            for (int c = 0; c < callers.length; c++) {
                int base = c * n;
                callers[c] = new Thread(() -> {
                    for (int rep = 0; rep < 50; rep++) {
                        Parallel.forTasks(n, i -> seen.incrementAndGet(base + i));
                    }
                });
                callers[c].start();
            }
            for (Thread t : callers) {
                t.join();
            }
            for (int i = 0; i < 4 * n; i++) {
                assertEquals(50, seen.get(i), "index " + i);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void zeroThreadsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
