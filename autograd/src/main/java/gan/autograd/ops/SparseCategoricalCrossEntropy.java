package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Keras' sparse categorical cross-entropy for [N, K] predictions and N integer labels,
 * averaged over the batch.
 *
 * <p>{@link #apply} takes probabilities (a softmax output) and follows Keras' TensorFlow
 * backend: clip each probability to [1e-7, 1 - 1e-7], take logs, and apply a log-softmax,
 * i.e. {@code loss = -log q_y + log Σ_k q_k} with q the clipped probabilities (the second
 * term is 0 for an unclipped softmax, but keeps the loss a proper cross-entropy when the
 * clip changed the total). The clip passes no gradient where it is active.
 * {@link #fromLogits} is {@code logsumexp(z) - z_y}, computed with the maximum shifted out.
 * {@link #keras} chooses between them as TensorFlow does in a compiled model: the logits form
 * on the input of the softmax op that produced the probabilities, if there is one
 * (see {@link BinaryCrossEntropy}).
 */
public final class SparseCategoricalCrossEntropy {
    private static final float LOW = BinaryCrossEntropy.EPSILON;
    private static final float HIGH = (float) (1.0 - 1e-7);

    private SparseCategoricalCrossEntropy() {}

    /** Mean over rows of {@code -log q_y + log Σ_k q_k}, q = probabilities clipped as Keras does. */
    public static Var apply(Var probs, int[] labels) {
        int k = check("sparse_categorical_crossentropy", probs, labels);
        int rows = labels.length;
        int[] y = labels.clone();
        float[] p = probs.data();
        double[] total = new double[rows];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * k;
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += clip(p[off + j]);
            }
            total[r] = s;
            sum += Math.log(s) - Math.log(clip(p[off + y[r]]));
        }
        // dp_k = dL · (1/Σq - [k = y]/q_y) / N where the clip of p_k is inactive, 0 where it is active
        return Var.result(Tensor.scalar((float) (sum / rows)), "sparse_categorical_crossentropy", dy -> {
            double g = dy.data[0] / rows;
            float[] dp = probs.gradData();
            for (int r = 0; r < rows; r++) {
                int off = r * k;
                for (int j = 0; j < k; j++) {
                    float v = p[off + j];
                    if (v >= LOW && v <= HIGH) {
                        double d = 1.0 / total[r] - (j == y[r] ? 1.0 / v : 0.0);
                        dp[off + j] += (float) (g * d);
                    }
                }
            }
        }, probs);
    }

    /**
     * Keras' loss on a model output {@code probs}: {@link #fromLogits} on the softmax's input
     * when {@code probs} is the output of {@link Softmax#apply} still linked to its input, else
     * {@link #apply} on the probabilities.
     */
    public static Var keras(Var probs, int[] labels) {
        Var logits = Softmax.inputOf(probs);
        return logits != null ? fromLogits(logits, labels) : apply(probs, labels);
    }

    /** Mean over rows of {@code logsumexp(z) - z_y}. */
    public static Var fromLogits(Var logits, int[] labels) {
        int k = check("sparse_categorical_crossentropy", logits, labels);
        int rows = labels.length;
        int[] y = labels.clone();
        float[] z = logits.data();
        double[] lse = new double[rows];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            lse[r] = LogSoftmax.logSumExp(z, r * k, k);
            sum += lse[r] - z[r * k + y[r]];
        }
        // dz_k = dL · (softmax(z)_k - [k = y]) / N
        return Var.result(Tensor.scalar((float) (sum / rows)), "sparse_categorical_crossentropy", dy -> {
            double g = dy.data[0] / rows;
            float[] dz = logits.gradData();
            for (int r = 0; r < rows; r++) {
                int off = r * k;
                for (int j = 0; j < k; j++) {
                    double soft = Math.exp(z[off + j] - lse[r]);
                    dz[off + j] += (float) (g * (soft - (j == y[r] ? 1.0 : 0.0)));
                }
            }
        }, logits);
    }

    private static double clip(float p) {
        return Math.min(Math.max(p, LOW), HIGH);
    }

    private static int check(String op, Var pred, int[] labels) {
        if (pred.value().rank() != 2 || pred.dim(0) != labels.length || pred.dim(0) == 0) {
            throw new IllegalArgumentException(op + ": prediction " + Shape.str(pred.shape()) + " must be [N, K] with N = "
                    + labels.length + " labels");
        }
        int k = pred.dim(1);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= k) {
                throw new IllegalArgumentException(op + ": label " + labels[r] + " at position " + r
                        + " is outside [0, " + k + ") for prediction " + Shape.str(pred.shape()));
            }
        }
        return k;
    }
}
