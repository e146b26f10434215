package gan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    @Test
    void resumingWithEvaluationAddsEmptyColumnsToTheKeptRows() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "epoch,step,loss\n1,1,0.250000\n1,2,0.125000\n");
        try (MetricsLog log = new MetricsLog(csv, List.of("loss"), List.of("eval_fd"), 1)) {
            log.add(1, 2, new float[] {0.5f});
            log.addEvaluation(2, Map.of("eval_fd", 3.0));
        }
        assertEquals(List.of("epoch,step,loss,eval_fd", "1,1,0.250000,", "1,2,0.500000,3.00000"),
                Files.readAllLines(csv));
    }

    @Test
    void resumingWithoutEvaluationDropsItsColumnButKeepsTheRows() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "epoch,step,loss,eval_fd\n1,1,0.250000,\n1,2,0.125000,7.00000\n");
        try (MetricsLog log = new MetricsLog(csv, List.of("loss"), 2)) {
            log.add(2, 3, new float[] {1f});
        }
        assertEquals(List.of("epoch,step,loss", "1,1,0.250000", "1,2,0.125000", "2,3,1.00000"), Files.readAllLines(csv));
    }

    @Test
    void evaluationOfAnotherStepOrAnUnknownFigureIsRefused() throws Exception {
        try (MetricsLog log = new MetricsLog(dir.resolve("m.csv"), List.of("loss"), List.of("eval_fd"), 0)) {
            log.add(1, 1, new float[] {1f});
            assertThrows(IllegalStateException.class, () -> log.addEvaluation(2, Map.of("eval_fd", 1.0)));
            assertThrows(IllegalArgumentException.class, () -> log.addEvaluation(1, Map.of("eval_xyz", 1.0)));
        }
    }

    /**
     * Issue #6: the rows kept for losses.png are the only memory a run adds per step; 12,000
     * steps of six metrics must cost at most 1.5 × (8 + 4·6) bytes a step, not a boxed
     * step and a float[] object per row (~70 bytes).
     */
    @Test
    void aLongRunRetainsAboutThirtyTwoBytesPerStepOfSixMetrics() throws Exception {
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        int steps = 12_000;
        try (MetricsLog log = new MetricsLog(dir.resolve("m.csv"), names, 0)) {
            for (int s = 1; s <= steps; s++) {
                log.add(1, s, new float[] {s, 1, 2, 3, 4, 5});
            }
            assertEquals(steps, log.size());
            assertTrue(log.retainedBytes() <= 1.5 * steps * 32, "retained " + log.retainedBytes() + " bytes");
            log.plot(dir.resolve("losses.png"), "test");
        }
        assertTrue(Files.size(dir.resolve("losses.png")) > 0);
        assertEquals(steps + 1, Files.readAllLines(dir.resolve("m.csv")).size());
    }
}
