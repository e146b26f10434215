package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ColumnGroupsTest {
    /**
     * The tiled sum of transposed chunks adds exactly what the definition says, in the same
     * order (chunk 0, 1, ... then into dst), so to the bit: on shapes that leave partial
     * tiles at both edges, on one thread and on three.
     */
    @Test
    void addTransposedChunksIsTheDefinitionToTheBit() {
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 3}) {
                Parallel.setThreads(threads);
                for (int[] s : new int[][] {{37, 29, 3}, {16, 16, 1}, {5, 40, 8}, {128, 70, 2}}) {
                    int rows = s[0];
                    int cols = s[1];
                    int chunks = s[2];
                    Rng rng = new Rng(rows * 31 + cols);
                    float[] partials = Tensor.normal(rng, 0, 1, chunks * rows * cols).data;
                    float[] dst = Tensor.normal(rng, 0, 1, rows * cols).data;
                    float[] expected = dst.clone();
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            float sum = partials[c * rows + r];
                            for (int k = 1; k < chunks; k++) {
                                sum += partials[k * rows * cols + c * rows + r];
                            }
                            expected[r * cols + c] += sum;
                        }
                    }
                    ColumnGroups.addTransposedChunks(partials, chunks, rows, cols, dst);
                    assertArrayEquals(expected, dst, 0f, rows + "x" + cols + " in " + chunks + " chunks, "
                            + threads + " threads");
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** The tiled transposing gather puts every element where the definition says, edges included. */
    @Test
    void gatherTransposedIsTheDefinition() {
        for (int[] s : new int[][] {{3, 20, 49}, {2, 16, 16}, {1, 129, 196}, {4, 1, 7}}) {
            int count = s[0];
            int channels = s[1];
            int pixels = s[2];
            int first = 2;
            float[] src = Tensor.normal(new Rng(channels + pixels), 0, 1, (first + count + 1) * channels * pixels).data;
            float[] expected = new float[count * pixels * channels];
            for (int j = 0; j < count; j++) {
                for (int ch = 0; ch < channels; ch++) {
                    for (int p = 0; p < pixels; p++) {
                        expected[(j * pixels + p) * channels + ch] = src[((first + j) * channels + ch) * pixels + p];
                    }
                }
            }
            float[] dst = new float[expected.length];
            ColumnGroups.gatherTransposed(src, first, count, channels, pixels, dst);
            assertArrayEquals(expected, dst, 0f, count + " images of " + channels + "x" + pixels);
        }
    }
}
