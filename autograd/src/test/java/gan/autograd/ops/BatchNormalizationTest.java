package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.GradCheck;
import gan.autograd.Var;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    private static final float MOMENTUM = 0.99f;
    private static final float EPS = 1e-3f;
    private final Rng rng = new Rng(11);

    @Test
    void trainingGradientsImages() {
        Tensor x = Tensor.normal(rng, 0.5f, 2f, 3, 2, 3, 3);
        checkTraining("batch norm [N,C,H,W]", x, 2);
    }

    @Test
    void trainingGradientsFeatures() {
        Tensor x = Tensor.normal(rng, -1f, 1.5f, 5, 4);
        checkTraining("batch norm [N,C]", x, 4);
    }

    /** Large enough that channels are split over threads: every output and gradient must be bit-identical. */
    @Test
    void threadCountChangesNoBit() {
        Tensor x = Tensor.normal(rng, 0.2f, 1.3f, 16, 24, 20, 20);
        Tensor dy = Tensor.normal(rng, 0f, 1f, 16, 24, 20, 20);
        Tensor gamma = Tensor.normal(rng, 1f, 0.2f, 24);
        Tensor beta = Tensor.normal(rng, 0f, 0.2f, 24);
        int saved = Parallel.threads();
        float[][] one = null;
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                float[] mean = new float[24];
                float[] var = new float[24];
                Arrays.fill(var, 1f);
                Var xv = Var.param(x);
                Var gv = Var.param(gamma);
                Var bv = Var.param(beta);
                Var y = BatchNormalization.training(xv, gv, bv, mean, var, MOMENTUM, EPS);
                y.backward(dy);
                float[][] all = {y.data(), xv.gradData(), gv.gradData(), bv.gradData(), mean, var};
                if (one == null) {
                    one = all;
                } else {
                    for (int k = 0; k < all.length; k++) {
                        assertArrayEquals(one[k], all[k], "array " + k + " differs between 1 and 2 threads");
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void inferenceGradients() {
        float[] mean = {0.3f, -0.2f, 1f};
        float[] var = {0.5f, 2f, 1.2f};
        new GradCheck().check("batch norm inference",
                v -> BatchNormalization.inference(v.get(0), v.get(1), v.get(2), mean, var, EPS),
                Tensor.normal(rng, 0, 1, 2, 3, 2, 2), Tensor.normal(rng, 1, 0.3f, 3), Tensor.normal(rng, 0, 1, 3));
    }

    @Test
    void trainingOutputIsNormalizedPerChannel() {
        Tensor x = Tensor.normal(rng, 3f, 2f, 4, 2, 3, 3);
        float[] rm = new float[2];
        float[] rv = {1f, 1f};
        Tensor y = BatchNormalization.training(Var.constant(x), null, null, rm, rv, MOMENTUM, 0f).value();
        for (int c = 0; c < 2; c++) {
            double s = 0, sq = 0;
            for (int n = 0; n < 4; n++) {
                for (int i = 0; i < 9; i++) {
                    double v = y.data[(n * 2 + c) * 9 + i];
                    s += v;
                    sq += v * v;
                }
            }
            assertEquals(0, s / 36, 1e-5);
            assertEquals(1, sq / 36, 1e-4);
        }
    }

    @Test
    void runningStatisticsFollowKerasAfterThreeSteps() {
        int c = 3;
        float[] rm = new float[c];
        float[] rv = new float[c];
        Arrays.fill(rv, 1f);
        double[] em = new double[c];
        double[] ev = new double[c];
        Arrays.fill(ev, 1);
        Var gamma = Var.param(Tensor.full(1f, c));
        Var beta = Var.param(Tensor.zeros(c));
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.normal(rng, step + 1f, step + 0.5f, 4, c, 2, 2);
            BatchNormalization.training(Var.constant(x), gamma, beta, rm, rv, MOMENTUM, EPS);
            for (int ch = 0; ch < c; ch++) {
                double[] moments = moments(x, ch);
                // Keras 3: moving = moving * momentum + batch * (1 - momentum), biased variance
                em[ch] = em[ch] * MOMENTUM + moments[0] * (1 - MOMENTUM);
                ev[ch] = ev[ch] * MOMENTUM + moments[1] * (1 - MOMENTUM);
            }
        }
        for (int ch = 0; ch < c; ch++) {
            assertEquals(em[ch], rm[ch], 1e-5, "moving mean of channel " + ch);
            assertEquals(ev[ch], rv[ch], 1e-5, "moving variance of channel " + ch);
        }
        assertTrue(rm[0] != 0f && rv[0] != 1f, "the running arrays must have moved");
    }

    @Test
    void inferenceUsesRunningStatisticsAndLeavesThemAlone() {
        float[] rm = {1f, -2f};
        float[] rv = {4f, 0.25f};
        Tensor x = Tensor.normal(rng, 0, 1, 3, 2);
        Tensor y = BatchNormalization.inference(Var.constant(x), Var.constant(new Tensor(new float[] {2f, 3f}, 2)),
                Var.constant(new Tensor(new float[] {0.5f, -1f}, 2)), rm, rv, EPS).value();
        for (int n = 0; n < 3; n++) {
            assertEquals(2 * (x.data[n * 2] - 1) / Math.sqrt(4 + EPS) + 0.5, y.data[n * 2], 1e-5);
            assertEquals(3 * (x.data[n * 2 + 1] + 2) / Math.sqrt(0.25 + EPS) - 1, y.data[n * 2 + 1], 1e-5);
        }
        assertArrayEquals(new float[] {1f, -2f}, rm);
        assertArrayEquals(new float[] {4f, 0.25f}, rv);
    }

    @Test
    void wrongParameterShapeNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchNormalization.training(
                Var.constant(Tensor.zeros(2, 3, 4, 4)), Var.constant(Tensor.zeros(4)), null, new float[3], new float[3],
                MOMENTUM, EPS));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[2, 3, 4, 4]"), e.getMessage());
    }

    private void checkTraining(String name, Tensor x, int c) {
        Tensor gamma = Tensor.normal(rng, 1f, 0.3f, c);
        Tensor beta = Tensor.normal(rng, 0f, 1f, c);
        float[] rm = new float[c];
        float[] rv = new float[c];
        new GradCheck().check(name,
                v -> BatchNormalization.training(v.get(0), v.get(1), v.get(2), rm, rv, MOMENTUM, EPS), x, gamma, beta);
    }

    private static double[] moments(Tensor x, int c) {
        int n = x.dim(0), ch = x.dim(1), inner = x.dim(2) * x.dim(3);
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < inner; p++) {
                s += x.data[(i * ch + c) * inner + p];
            }
        }
        double mean = s / (n * inner);
        double sq = 0;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < inner; p++) {
                double d = x.data[(i * ch + c) * inner + p] - mean;
                sq += d * d;
            }
        }
        return new double[] {mean, sq / (n * inner)};
    }
}
