package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The arena lends arrays within a scope and lends the same ones again in the next. */
class ArenaTest {
    private static final int BIG = Arena.MIN_FLOATS;

    @Test
    void theNextScopeGetsTheSameArraysBack() {
        Arena arena = new Arena();
        float[] a;
        float[] b;
        try (Arena.Scope s = arena.enter()) {
            a = Arena.floats(BIG);
            b = Arena.floats(BIG);
            assertNotSame(a, b, "two arrays lent in one scope must differ");
        }
        try (Arena.Scope s = arena.enter()) {
            float[] c = Arena.floats(BIG);
            float[] d = Arena.floats(BIG);
            assertTrue((c == a && d == b) || (c == b && d == a), "the same two arrays again");
            assertNotSame(a, Arena.floats(BIG), "a third one is new");
            assertEquals(BIG + 1, Arena.floats(BIG + 1).length, "other lengths are other arrays");
        }
        assertEquals(4L * BIG + 1, arena.heldFloats());
    }

    @Test
    void zerosAreZerosEvenWhenReused() {
        Arena arena = new Arena();
        try (Arena.Scope s = arena.enter()) {
            java.util.Arrays.fill(Arena.floats(3 * BIG), 7f);
        }
        try (Arena.Scope s = arena.enter()) {
            float[] z = Arena.zeros(3 * BIG);
            for (int i = 0; i < z.length; i++) {
                assertEquals(0f, z[i], "element " + i);
            }
        }
    }

    @Test
    void smallArraysAndThreadsWithoutAnArenaAllocate() {
        Arena arena = new Arena();
        float[] small;
        try (Arena.Scope s = arena.enter()) {
            small = Arena.floats(BIG - 1);
        }
        try (Arena.Scope s = arena.enter()) {
            assertNotSame(small, Arena.floats(BIG - 1));
        }
        assertEquals(0, arena.heldFloats(), "nothing below MIN_FLOATS is kept");
        float[] outside = Arena.floats(BIG);
        assertNotSame(outside, Arena.floats(BIG), "no arena open: plain allocation");
    }

    @Test
    void poisonShowsAnArrayUsedAfterItsScope() {
        Arena arena = new Arena(true);
        float[] a;
        try (Arena.Scope s = arena.enter()) {
            a = Arena.floats(BIG);
            java.util.Arrays.fill(a, 1f);
        }
        assertTrue(Float.isNaN(a[0]) && Float.isNaN(a[BIG - 1]));
    }

    @Test
    void scopesDoNotNestOrCrossThreads() throws InterruptedException {
        Arena arena = new Arena();
        try (Arena.Scope s = arena.enter()) {
            assertThrows(IllegalStateException.class, () -> new Arena().enter(), "one open arena per thread");
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    arena.enter();
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            t.start();
            t.join();
            assertTrue(other.get() instanceof IllegalStateException, "an open arena is not entered twice");
        }
        try (Arena.Scope s = arena.enter()) {
            assertEquals(BIG, Arena.floats(BIG).length, "usable again once closed");
        }
    }
}
