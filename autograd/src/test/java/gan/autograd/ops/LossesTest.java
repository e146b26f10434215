package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.GradCheck;
import gan.autograd.Var;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
    private final Rng rng = new Rng(21);

    @Test
    void binaryCrossEntropyByHand() {
        assertEquals(-Math.log(0.8), bce(0.8f, 1f), 1e-6);
        assertEquals(-Math.log(0.2), bce(0.8f, 0f), 1e-6);
        // mean over elements: (-ln 0.9 - ln 0.6) / 2
        Var p = Var.constant(new Tensor(new float[] {0.9f, 0.4f}, 2, 1));
        Tensor t = new Tensor(new float[] {1f, 0f}, 2, 1);
        assertEquals((-Math.log(0.9) - Math.log(0.6)) / 2, BinaryCrossEntropy.apply(p, t).value().item(), 1e-6);
        // clipped like Keras: p = 0 with target 1 costs -ln(1e-7), not infinity
        assertEquals(-Math.log(1e-7), bce(0f, 1f), 1e-3);
    }

    @Test
    void binaryCrossEntropyGradients() {
        Tensor p = Tensor.uniform(rng, 0.05f, 0.95f, 6, 1);
        Tensor t = Tensor.uniform(rng, 0f, 1f, 6, 1);
        new GradCheck().check("bce", v -> BinaryCrossEntropy.apply(v.get(0), t), p);
        Tensor z = Tensor.normal(rng, 0, 3, 3, 4);
        Tensor t2 = Tensor.uniform(rng, 0f, 1f, 3, 4);
        new GradCheck().check("bce from logits", v -> BinaryCrossEntropy.fromLogits(v.get(0), t2), z);
    }

    @Test
    void clippedProbabilitiesPassNoGradient() {
        Var p = Var.param(new Tensor(new float[] {0f, 1f, 0.5f}, 3));
        BinaryCrossEntropy.apply(p, new Tensor(new float[] {1f, 0f, 1f}, 3)).backward();
        assertEquals(0f, p.grad().data[0]);
        assertEquals(0f, p.grad().data[1]);
        assertEquals(-1.0 / (0.5 * 3), p.grad().data[2], 1e-6);
    }

    @Test
    void bceFromLogitsIsStableAndMatchesProbabilities() {
        Var z = Var.param(new Tensor(new float[] {100f, -100f, 100f, -100f}, 4));
        Tensor t = new Tensor(new float[] {1f, 0f, 0f, 1f}, 4);
        Var loss = BinaryCrossEntropy.fromLogits(z, t);
        assertEquals(100.0 / 2, loss.value().item(), 1e-4, "two confident right answers cost 0, two wrong cost 100");
        loss.backward();
        float[] g = z.grad().data;
        assertEquals(0f, g[0], 1e-6f);
        assertEquals(0f, g[1], 1e-6f);
        assertEquals(0.25f, g[2], 1e-6f);
        assertEquals(-0.25f, g[3], 1e-6f);
        Var mid = Var.constant(new Tensor(new float[] {0.7f, -1.2f}, 2));
        Tensor tt = new Tensor(new float[] {1f, 0.3f}, 2);
        Tensor probs = Sigmoid.apply(mid).value();
        assertEquals(BinaryCrossEntropy.apply(Var.constant(probs), tt).value().item(),
                BinaryCrossEntropy.fromLogits(mid, tt).value().item(), 1e-6);
    }

    @Test
    void sparseCategoricalByHandAndGradients() {
        Var p = Var.constant(new Tensor(new float[] {0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f}, 2, 3));
        assertEquals((-Math.log(0.7) - Math.log(0.8)) / 2,
                SparseCategoricalCrossEntropy.apply(p, new int[] {0, 2}).value().item(), 1e-6);
        int[] labels = {1, 0, 3};
        Tensor logits = Tensor.normal(rng, 0, 1, 3, 4);
        new GradCheck().check("scce from logits", v -> SparseCategoricalCrossEntropy.fromLogits(v.get(0), labels), logits);
        new GradCheck().check("scce on softmax",
                v -> SparseCategoricalCrossEntropy.apply(Softmax.apply(v.get(0)), labels), logits);
        Tensor raw = Tensor.uniform(rng, 0.1f, 0.9f, 3, 4);
        new GradCheck().check("scce on probabilities", v -> SparseCategoricalCrossEntropy.apply(v.get(0), labels), raw);
    }

    @Test
    void sparseCategoricalFromLogitsIsStable() {
        Var z = Var.param(new Tensor(new float[] {100f, -100f, 0f, -100f, 100f, 0f}, 2, 3));
        Var loss = SparseCategoricalCrossEntropy.fromLogits(z, new int[] {0, 0});
        assertEquals(200.0 / 2, loss.value().item(), 1e-3);
        loss.backward();
        for (float g : z.grad().data) {
            assertTrue(Float.isFinite(g));
        }
        assertEquals(-0.5f, z.grad().data[3], 1e-6f);
        assertEquals(0.5f, z.grad().data[4], 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseCategoricalCrossEntropy.fromLogits(Var.constant(Tensor.zeros(2, 3)), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
    }

    @Test
    void kerasBceOnASigmoidOutputUsesItsLogits() {
        // a confidently wrong D: z = -20 on a real example, z = 20 on a fake one
        Var z = Var.param(new Tensor(new float[] {-20f, 20f}, 2, 1));
        Tensor t = new Tensor(new float[] {1f, 0f}, 2, 1);
        Var loss = BinaryCrossEntropy.keras(Sigmoid.apply(z), t);
        assertEquals(20.0, loss.value().item(), 1e-4, "the logits form is not capped at -ln 1e-7");
        loss.backward();
        assertEquals(-0.5f, z.grad().data[0], 1e-6f, "full-strength gradient (σ(z) - t) / n");
        assertEquals(0.5f, z.grad().data[1], 1e-6f);

        // the same numbers through the clipped form: capped loss, and no gradient reaches z
        Var z2 = Var.param(new Tensor(new float[] {-20f, 20f}, 2, 1));
        Var clipped = BinaryCrossEntropy.apply(Sigmoid.apply(z2), t);
        double capped = (-Math.log(1e-7) - Math.log(1 - (double) (float) (1 - 1e-7))) / 2;
        assertEquals(capped, clipped.value().item(), 1e-3);
        clipped.backward();
        assertEquals(0f, z2.grad().data[0]);

        // not a sigmoid output (or no graph behind it): Keras falls back to the clipped form
        Var p = Var.constant(new Tensor(new float[] {0f, 1f}, 2, 1));
        assertEquals(capped, BinaryCrossEntropy.keras(p, t).value().item(), 1e-3);
        Tensor mid = Tensor.normal(rng, 0, 1, 3, 2);
        Tensor t3 = Tensor.uniform(rng, 0f, 1f, 3, 2);
        new GradCheck().check("keras bce", v -> BinaryCrossEntropy.keras(Sigmoid.apply(v.get(0)), t3), mid);
    }

    @Test
    void kerasSparseCategoricalOnASoftmaxOutputUsesItsLogits() {
        Var z = Var.param(new Tensor(new float[] {30f, 0f, 0f}, 1, 3));
        Var loss = SparseCategoricalCrossEntropy.keras(Softmax.apply(z), new int[] {2});
        assertEquals(30.0, loss.value().item(), 1e-4, "logsumexp(z) - z_y, not capped by the clip");
        loss.backward();
        assertEquals(1f, z.grad().data[0], 1e-6f);
        assertEquals(-1f, z.grad().data[2], 1e-6f);
        int[] labels = {1, 0, 3};
        new GradCheck().check("keras scce",
                v -> SparseCategoricalCrossEntropy.keras(Softmax.apply(v.get(0)), labels), Tensor.normal(rng, 0, 1, 3, 4));
    }

    @Test
    void meanAbsoluteAndSquaredErrors() {
        Var p = Var.constant(new Tensor(new float[] {1f, -2f, 0.5f}, 3));
        Tensor t = new Tensor(new float[] {0f, 1f, 0.5f}, 3);
        assertEquals(4.0 / 3, MeanAbsoluteError.apply(p, t).value().item(), 1e-6);
        assertEquals(10.0 / 3, MeanSquaredError.apply(p, t).value().item(), 1e-6);
        Tensor x = Tensor.normal(rng, 0, 1, 2, 5);
        Tensor y = Tensor.normal(rng, 0, 1, 2, 5);
        new GradCheck().check("mae", v -> MeanAbsoluteError.apply(v.get(0), y), x);
        new GradCheck().check("mse", v -> MeanSquaredError.apply(v.get(0), y), x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanSquaredError.apply(Var.constant(Tensor.zeros(2, 3)), Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 3]"), e.getMessage());
    }

    private static double bce(float p, float t) {
        return BinaryCrossEntropy.apply(Var.constant(new Tensor(new float[] {p}, 1)), new Tensor(new float[] {t}, 1))
                .value().item();
    }
}
