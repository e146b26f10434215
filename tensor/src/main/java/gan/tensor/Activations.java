package gan.tensor;

/**
 * The elementwise activations built on a transcendental function: tanh and the scaled
 * exponential linear unit. The others (ReLU, LeakyReLU, the gradients of all of them) are
 * plain loops that the JIT vectorizes by itself; {@code Math.tanh} and {@code Math.expm1}
 * are not vectorized and cost 20–40 ns an element on JDK 17, more than the convolution that
 * feeds them (dcgan's SELU took 9% of a training step).
 *
 * <p>{@link JavaActivations} is the reference; {@code VectorActivations} computes SELU's
 * exponential on the Vector API, within two ulps of it and 100 times as fast, and tanh as a
 * rational function within 6.4 ulps, 80 times as fast. Each kernel
 * computes every element the same way wherever a range starts or ends, so a result does not
 * depend on how the work was split over threads. {@link Kernels#activations()} picks one.
 */
public interface Activations {
    /** Short name for logs: "vector" or "java". */
    String name();

    /** {@code y[i] = tanh(x[i])} for lo &le; i &lt; hi; x and y are different arrays. */
    void tanh(float[] x, float[] y, int lo, int hi);

    /**
     * {@code y[i] = x[i] > 0 ? scale·x[i] : scaleAlpha·(e^x[i] − 1)} for lo &le; i &lt; hi: the
     * ELU family, SELU with Keras' constants. x and y are different arrays.
     */
    void scaledElu(float[] x, float[] y, int lo, int hi, double scale, double scaleAlpha);

    /**
     * Rejects an in-place call: a vector kernel may read elements of x after writing the same
     * positions of y.
     */
    static void requireDistinct(float[] x, float[] y) {
        if (x == y) {
            throw new IllegalArgumentException("activations: input and output must be different arrays");
        }
    }
}
