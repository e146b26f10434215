package gan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {
    @Test
    void keepsEveryRowAndItsStepThroughManyGrowths() {
        MetricsHistory h = new MetricsHistory(3);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            h.add(i + 1, new float[] {i, -i, Float.NaN});
        }
        assertEquals(n, h.size());
        assertEquals(n, h.steps().length);
        for (int i = 0; i < n; i += 997) {
            assertEquals(i + 1, h.step(i));
            assertArrayEquals(new float[] {i, -i, Float.NaN}, h.row(i));
            assertEquals(-i, h.get(i, 1));
        }
        List<float[]> rows = h.rows();
        assertEquals(n, rows.size());
        assertArrayEquals(new float[] {n - 1, -(n - 1), Float.NaN}, rows.get(n - 1));
    }

    @Test
    void anEvaluationFigureSetLaterIsReadBack() {
        MetricsHistory h = new MetricsHistory(2);
        h.add(5, new float[] {1f, Float.NaN});
        h.set(0, 1, 42f);
        assertArrayEquals(new float[] {1f, 42f}, h.row(0));
    }

    @Test
    void rowsOfTheWrongWidthOrMissingRowsAreRefused() {
        MetricsHistory h = new MetricsHistory(2);
        assertThrows(IllegalArgumentException.class, () -> h.add(1, new float[] {1f}));
        assertThrows(IndexOutOfBoundsException.class, () -> h.row(0));
        h.add(1, new float[] {1f, 2f});
        assertThrows(IndexOutOfBoundsException.class, () -> h.get(0, 2));
    }

    /**
     * What a long run keeps per step: the figures of issue #6 were ~70 bytes and two objects
     * per step for six metrics as boxed rows; the arrays must stay within their growth factor
     * of 8 + 4·6 = 32 bytes a row.
     */
    @Test
    void retainsAtMostOneAndAHalfTimesEightPlusFourBytesPerValueARow() {
        int columns = 6;
        int bytesPerRow = 8 + 4 * columns;
        MetricsHistory h = new MetricsHistory(columns);
        float[] row = new float[columns];
        for (int i = 1; i <= 200_000; i++) {
            h.add(i, row);
            if (i % 50_000 == 0) {
                long retained = h.retainedBytes();
                assertTrue(retained >= (long) i * bytesPerRow, "holds every row: " + retained);
                assertTrue(retained <= 1.5 * i * bytesPerRow + bytesPerRow,
                        "after " + i + " rows the history retains " + retained + " bytes");
            }
        }
    }
}
