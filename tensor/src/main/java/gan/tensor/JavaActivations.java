package gan.tensor;

/** {@link Activations} in plain Java, in double precision rounded once to float: the reference. */
public final class JavaActivations implements Activations {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public void tanh(float[] x, float[] y, int lo, int hi) {
        Activations.requireDistinct(x, y);
        for (int i = lo; i < hi; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public void scaledElu(float[] x, float[] y, int lo, int hi, double scale, double scaleAlpha) {
        Activations.requireDistinct(x, y);
        for (int i = lo; i < hi; i++) {
            y[i] = (float) (x[i] > 0f ? scale * x[i] : scaleAlpha * Math.expm1(x[i]));
        }
    }
}
