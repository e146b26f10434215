package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Keras' binary cross-entropy, averaged over all elements (Keras takes the mean over the
 * last axis, then over the batch: the same number for equal-sized rows).
 *
 * <p>Three entry points, because Keras itself computes this loss two ways:
 * <ul>
 *   <li>{@link #apply} takes probabilities and clips them to [1e-7, 1 - 1e-7] before the
 *       logarithms; the clip passes no gradient where it is active (TensorFlow's
 *       clip_by_value gradient), so a saturated probability stops learning. This is what
 *       Keras computes on a tensor that did not come out of a sigmoid op.
 *   <li>{@link #fromLogits} is the stable form {@code max(z, 0) - z·t + log(1 + e^-|z|)},
 *       finite for any finite z, with the gradient σ(z) - t at full strength.
 *   <li>{@link #keras} is what {@code model.compile(loss='binary_crossentropy')} followed by
 *       {@code train_on_batch} does: the step runs as a graph, and TensorFlow's
 *       binary_crossentropy, seeing that its input is the output of a Sigmoid op, takes that
 *       op's input and uses the logits form ("to prevent collapsing zero when training", its
 *       source says). Every discriminator of the tutorials ends in a sigmoid, so this is the
 *       loss they actually trained with. The clipped form is what the same code would print
 *       in eager mode only.
 * </ul>
 */
public final class BinaryCrossEntropy {
    /** Keras' {@code backend.epsilon()}: the clip range is [EPSILON, 1 - EPSILON]. */
    public static final float EPSILON = 1e-7f;
    private static final float HIGH = (float) (1.0 - 1e-7);

    private BinaryCrossEntropy() {}

    /** Mean of {@code -(t·log p + (1 - t)·log(1 - p))} with p clipped as Keras does. */
    public static Var apply(Var probs, Tensor targets) {
        float[] t = checkTargets("binary_crossentropy", probs, targets);
        float[] p = probs.data();
        int n = p.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += ofProbability(p[i], t[i]);
        }
        // dp = dL · (-t/p + (1 - t)/(1 - p)) / n where the clip is inactive, 0 where it is active
        return Var.result(Tensor.scalar((float) (sum / n)), "binary_crossentropy", dy -> {
            double g = dy.data[0] / (double) n;
            float[] dp = probs.gradData();
            for (int i = 0; i < n; i++) {
                if (p[i] >= EPSILON && p[i] <= HIGH) {
                    dp[i] += (float) (g * (-t[i] / (double) p[i] + (1.0 - t[i]) / (1.0 - p[i])));
                }
            }
        }, probs);
    }

    /**
     * Keras' loss on a model output {@code probs}: {@link #fromLogits} on the sigmoid's input
     * when {@code probs} is the output of {@link Sigmoid#apply} still linked to its input, else
     * {@link #apply} on the probabilities.
     */
    public static Var keras(Var probs, Tensor targets) {
        Var logits = Sigmoid.inputOf(probs);
        return logits != null ? fromLogits(logits, targets) : apply(probs, targets);
    }

    /** Mean of {@code max(z, 0) - z·t + log(1 + e^-|z|)}, the cross-entropy of σ(z). */
    public static Var fromLogits(Var logits, Tensor targets) {
        float[] t = checkTargets("binary_crossentropy", logits, targets);
        float[] z = logits.data();
        int n = z.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += ofLogit(z[i], t[i]);
        }
        // dz = dL · (σ(z) - t) / n
        return Var.result(Tensor.scalar((float) (sum / n)), "binary_crossentropy", dy -> {
            double g = dy.data[0] / (double) n;
            float[] dz = logits.gradData();
            for (int i = 0; i < n; i++) {
                dz[i] += (float) (g * (Sigmoid.of(z[i]) - t[i]));
            }
        }, logits);
    }

    /** One element of {@link #apply}: {@code -(t·log q + (1 - t)·log(1 - q))}, q = p clipped as Keras does. */
    public static double ofProbability(float p, float t) {
        double q = clip(p);
        return -(t * Math.log(q) + (1.0 - t) * Math.log(1.0 - q));
    }

    /** One element of {@link #fromLogits}: {@code max(z, 0) - z·t + log(1 + e^-|z|)}. */
    public static double ofLogit(float z, float t) {
        return Math.max(z, 0.0) - (double) z * t + Math.log1p(Math.exp(-Math.abs((double) z)));
    }

    private static double clip(float p) {
        return Math.min(Math.max(p, EPSILON), HIGH);
    }

    /**
     * A copy of the targets' data (the caller may reuse its tensor before backward), after
     * checking it has as many elements as the prediction: shapes [N] and [N, 1] are both
     * accepted for a column of N predictions.
     */
    static float[] checkTargets(String op, Var pred, Tensor targets) {
        if (targets.size() != pred.value().size() || pred.value().size() == 0) {
            throw new IllegalArgumentException(op + ": prediction " + Shape.str(pred.shape()) + " and target "
                    + Shape.str(targets.shape()) + " differ in size");
        }
        return targets.data.clone();
    }
}
