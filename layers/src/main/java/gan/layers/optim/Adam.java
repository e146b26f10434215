package gan.layers.optim;

import gan.layers.Parameter;
import gan.tensor.Parallel;
import java.util.List;

/**
 * Adam exactly as Keras applies it (the same arithmetic, in float):
 * <pre>
 *   alpha = lr · sqrt(1 - β2^t) / (1 - β1^t)
 *   m    += (g - m) · (1 - β1)
 *   v    += (g² - v) · (1 - β2)
 *   p    -= alpha · m / (sqrt(v) + ε)
 * </pre>
 * with t the 1-based step. This is the "epsilon hat" form of the Adam paper: ε is added
 * to the uncorrected sqrt(v), which is what makes Keras' default ε = 1e-7 differ from
 * PyTorch's. State slots: "m.&lt;i&gt;", "v.&lt;i&gt;".
 */
public final class Adam extends SlotOptimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    /** Adam with Keras' defaults beta2 = 0.999 and epsilon = 1e-7. */
    public Adam(List<Parameter> params, float lr, float beta1) {
        this(params, lr, beta1, 0.999f, 1e-7f);
    }

    /** Adam with every setting given. */
    public Adam(List<Parameter> params, float lr, float beta1, float beta2, float epsilon) {
        super("Adam", params, lr, "m", "v");
        this.beta1 = checkRange("Adam", "beta1", beta1, 0f, Math.nextDown(1f));
        this.beta2 = checkRange("Adam", "beta2", beta2, 0f, Math.nextDown(1f));
        this.epsilon = checkRange("Adam", "epsilon", epsilon, 0f, Float.MAX_VALUE);
    }

    @Override
    void update(int index, float[] p, float[] g, long t) {
        float b1t = (float) Math.pow(beta1, t);
        float b2t = (float) Math.pow(beta2, t);
        float alpha = learningRate() * (float) Math.sqrt(1f - b2t) / (1f - b1t);
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        float[] m = slot(0, index);
        float[] v = slot(1, index);
        // element by element, so the same bits on any number of threads
        Parallel.forElements(p.length, (lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                float gj = g[j];
                m[j] += (gj - m[j]) * keep1;
                v[j] += (gj * gj - v[j]) * keep2;
                p[j] -= m[j] * alpha / ((float) Math.sqrt(v[j]) + epsilon);
            }
        });
    }

    /** First-moment decay. */
    public float beta1() {
        return beta1;
    }

    /** Second-moment decay. */
    public float beta2() {
        return beta2;
    }

    /** Denominator fuzz. */
    public float epsilon() {
        return epsilon;
    }
}
