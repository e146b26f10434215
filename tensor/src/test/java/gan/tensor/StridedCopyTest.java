package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every {@link StridedCopy} kernel against the definition, on the shapes it special-cases and around them. */
class StridedCopyTest {
    private static final List<StridedCopy> KERNELS = Kernels.availableStridedCopies();

    @Test
    void vectorKernelIsAmongThoseTested() {
        assertTrue(KERNELS.stream().anyMatch(k -> k.name().equals("vector")), "surefire runs with the Vector API");
        assertEquals("java", KERNELS.get(KERNELS.size() - 1).name());
    }

    @Test
    void everyKernelCopiesExactlyTheBlock() {
        Rng rng = new Rng(5);
        int lanes = 16;
        int[] widths = {1, 5, 7, lanes / 2 - 1, lanes / 2, 14, lanes - 1, lanes, lanes + 1, 30};
        for (StridedCopy k : KERNELS) {
            for (int step = 1; step <= 3; step++) {
                for (int n : widths) {
                    for (int rows : new int[] {1, 2, 7, 14}) {
                        for (boolean tight : new boolean[] {false, true}) {
                            for (int gap : new int[] {0, 1, 3}) {
                                check(k, step, n, rows, tight, gap, rng);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyKernelAddsBackExactlyTheBlock() {
        Rng rng = new Rng(6);
        int lanes = 16;
        int[] widths = {1, 5, 7, lanes / 2 - 1, lanes / 2, lanes / 2 + 1, 14, lanes - 1, lanes, lanes + 1, 30};
        for (StridedCopy k : KERNELS) {
            for (int step = 1; step <= 3; step++) {
                for (int n : widths) {
                    for (int rows : new int[] {1, 2, 7, 14}) {
                        for (boolean tight : new boolean[] {false, true}) {
                            checkAddBack(k, step, n, rows, tight, rng);
                        }
                    }
                }
            }
        }
    }

    /**
     * One block added back into a destination that ends exactly after its last target when
     * {@code tight}, from a source that ends at the block's end: every target gets old + src,
     * every other float keeps its bits (some are -0, which adding a zero would turn into +0).
     */
    private static void checkAddBack(StridedCopy k, int step, int n, int rows, boolean tight, Rng rng) {
        int rowStride = step * n + rng.nextInt(4);
        int dstOff = rng.nextInt(5);
        int dstLen = dstOff + (rows - 1) * rowStride + (n - 1) * step + 1 + (tight ? 0 : 40);
        float[] dst = new float[dstLen];
        for (int i = 0; i < dstLen; i++) {
            dst[i] = i % 3 == 0 ? -0f : rng.nextFloat();
        }
        float[] before = dst.clone();
        int srcOff = rng.nextInt(5);
        float[] src = new float[srcOff + rows * n];
        for (int i = 0; i < src.length; i++) {
            src[i] = rng.nextFloat() + 1f;
        }
        k.addBack(src, srcOff, n, rows, dst, dstOff, rowStride, step);
        String what = k.name() + " addBack step " + step + " n " + n + " rows " + rows + (tight ? " tight" : "");
        float[] expected = before.clone();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                expected[dstOff + r * rowStride + i * step] += src[srcOff + r * n + i];
            }
        }
        for (int i = 0; i < dstLen; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(dst[i]), what + " at " + i);
        }
    }

    /**
     * One block copy from a source whose last row ends exactly at its last element when
     * {@code tight} (a vector load past it must not happen), into a destination of NaN
     * sentinels whose rows are {@code gap} floats apart: the rows must hold the definition,
     * and nothing before the first row or after the last may change (the gaps may).
     */
    private static void check(StridedCopy k, int step, int n, int rows, boolean tight, int gap, Rng rng) {
        int rowStride = step * n + rng.nextInt(4);
        int srcOff = rng.nextInt(5);
        int srcLen = srcOff + (rows - 1) * rowStride + (n - 1) * step + 1 + (tight ? 0 : 40);
        float[] src = new float[srcLen];
        for (int i = 0; i < srcLen; i++) {
            src[i] = rng.nextFloat();
        }
        int pitch = n + gap;
        int dstOff = rng.nextInt(5);
        float[] dst = new float[dstOff + rows * pitch + 20];
        java.util.Arrays.fill(dst, Float.NaN);
        if (gap == 0 && rng.nextInt(2) == 0) {
            k.copy(src, srcOff, rowStride, step, rows, n, dst, dstOff);
        } else {
            k.copy(src, srcOff, rowStride, step, rows, n, dst, dstOff, pitch);
        }
        String what = k.name() + " step " + step + " n " + n + " rows " + rows + " gap " + gap
                + (tight ? " tight" : "");
        int end = dstOff + (rows - 1) * pitch + n;
        for (int i = 0; i < dst.length; i++) {
            int q = i - dstOff;
            if (q >= 0 && i < end && q % pitch < n) {
                float expected = src[srcOff + (q / pitch) * rowStride + (q % pitch) * step];
                assertEquals(expected, dst[i], what + " at row " + q / pitch + ", column " + q % pitch);
            } else if (q < 0 || i >= end) {
                assertTrue(Float.isNaN(dst[i]), what + ": wrote outside the block at " + i);
            }
        }
    }
}
