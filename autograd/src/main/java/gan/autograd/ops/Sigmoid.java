package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Tensor;

/** Logistic function {@code 1 / (1 + e⁻ˣ)}, the discriminators' output activation. */
public final class Sigmoid {
    private Sigmoid() {}

    /** {@code σ(x)} elementwise, computed without overflow for large |x|. */
    public static Var apply(Var x) {
        float[] in = x.data();
        float[] y = Arena.floats(in.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) of(in[i]);
        }
        // dx = dy · y · (1 - y)
        return Var.result(new Tensor(y, x.shape()), "sigmoid", dy -> {
            float[] dx = x.gradData();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += dy.data[i] * y[i] * (1f - y[i]);
            }
        }, x);
    }

    /**
     * The logits z of {@code y = σ(z)}: the input of the sigmoid op that produced {@code y}, or
     * null if {@code y} came from elsewhere or no longer links to its input (a result that
     * needs no gradient keeps no inputs). This is TensorFlow's own test: Keras looks at the op
     * behind a loss's input and, when it is a Sigmoid, computes the loss from that op's input.
     */
    public static Var inputOf(Var y) {
        return "sigmoid".equals(y.op()) && y.inputs().size() == 1 ? y.inputs().get(0) : null;
    }

    /** σ(z) in double; e^-|z| never overflows, so either branch is exact for any z. */
    static double of(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
