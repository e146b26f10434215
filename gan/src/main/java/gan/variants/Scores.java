package gan.variants;

import gan.autograd.Var;
import gan.autograd.ops.BinaryCrossEntropy;
import gan.autograd.ops.Sigmoid;
import gan.tensor.Rng;
import gan.tensor.Tensor;

/**
 * Plain-number helpers of a training step: random inputs (latent points ~ N(0, 1),
 * uniform class labels) and the monitoring figures Keras prints next to the losses.
 */
final class Scores {
    private Scores() {}

    /** {@code n} latent points of width {@code dim}, each coordinate ~ N(0, 1). */
    static Tensor latent(Rng rng, int n, int dim) {
        return Tensor.normal(rng, 0f, 1f, n, dim);
    }

    /** {@code n} labels drawn uniformly from [0, classes). */
    static int[] randomLabels(Rng rng, int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return labels;
    }

    /** Mean of all elements of {@code p}. */
    static float mean(Var p) {
        float[] d = p.data();
        double s = 0;
        for (float v : d) {
            s += v;
        }
        return (float) (s / d.length);
    }

    /** How many of {@code p}'s elements Keras' binary accuracy calls real (p > 0.5). */
    static int countReal(Var p) {
        int n = 0;
        for (float v : p.data()) {
            if (v > 0.5f) {
                n++;
            }
        }
        return n;
    }

    /**
     * Keras' binary accuracy over a real and a fake batch scored by D: real elements are
     * right when p > 0.5, fake ones when p ≤ 0.5 (Keras rounds 0.5 down).
     */
    static float accuracy(Var realScores, Var fakeScores) {
        int right = countReal(realScores) + fakeScores.value().size() - countReal(fakeScores);
        return right / (float) (realScores.value().size() + fakeScores.value().size());
    }

    /**
     * Keras' binary cross-entropy of elements [from, to) of D's scores against a constant
     * target, as {@link BinaryCrossEntropy#keras} computes it for the whole batch: from the
     * logits when the scores still link to their sigmoid, else from clipped probabilities.
     */
    static float bce(Var scores, int from, int to, float target) {
        Var logits = Sigmoid.inputOf(scores);
        float[] v = logits != null ? logits.data() : scores.data();
        double s = 0;
        for (int i = from; i < to; i++) {
            s += logits != null ? BinaryCrossEntropy.ofLogit(v[i], target) : BinaryCrossEntropy.ofProbability(v[i], target);
        }
        return (float) (s / (to - from));
    }
}
