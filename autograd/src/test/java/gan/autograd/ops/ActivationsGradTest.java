package gan.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.GradCheck;
import gan.autograd.Var;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivationsGradTest {
    private final Rng rng = new Rng(13);

    /** Normal samples pushed at least 0.1 away from 0, where the piecewise activations have a kink. */
    private Tensor awayFromZero(int... shape) {
        Tensor x = Tensor.normal(rng, 0, 1, shape);
        for (int i = 0; i < x.size(); i++) {
            x.data[i] += x.data[i] >= 0 ? 0.1f : -0.1f;
        }
        return x;
    }

    @Test
    void leakyRelu() {
        new GradCheck().check("leaky relu", v -> LeakyRelu.apply(v.get(0), 0.2f), awayFromZero(4, 6));
        float[] y = LeakyRelu.apply(Var.constant(new Tensor(new float[] {-2f, 3f}, 2)), 0.2f).data();
        assertEquals(-0.4f, y[0], 1e-7f);
        assertEquals(3f, y[1]);
    }

    /** The branch-free loops give exactly the floats of the definition, also at 0, -0, subnormals and extremes. */
    @Test
    void leakyReluIsExactAtTheEdges() {
        float alpha = 0.2f;
        float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE,
            1e-3f, -1e-3f, 7.5f, -7.5f};
        float[] g = new float[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 1.5f + i;
        }
        Var in = Var.param(new Tensor(x.clone(), x.length));
        Var y = LeakyRelu.apply(in, alpha);
        y.backward(new Tensor(g.clone(), g.length));
        for (int i = 0; i < x.length; i++) {
            float want = x[i] > 0f ? x[i] : alpha * x[i];
            assertEquals(want == 0f ? 0f : want, y.data()[i] == 0f ? 0f : y.data()[i], 0f, "y at x = " + x[i]);
            assertEquals(x[i] > 0f ? g[i] : alpha * g[i], in.grad().data[i], 0f, "dx at x = " + x[i]);
        }
    }

    /**
     * The branch-free backward loops of ReLU and SELU give exactly the definition's floats at
     * the edges too (a SELU step h·scale + (1 − h)·(y + scale·alpha) was tried and gave NaN at
     * x = Float.MAX_VALUE, where y overflows: this test caught it).
     */
    @Test
    void reluAndSeluBackwardAreExactAtTheEdges() {
        float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE,
            1e-3f, -1e-3f, 7.5f, -7.5f, -100f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] g = new float[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = i % 2 == 0 ? 1.5f + i : -1.5f - i;
        }
        Var in = Var.param(new Tensor(x.clone(), x.length));
        Relu.apply(in).backward(new Tensor(g.clone(), g.length));
        for (int i = 0; i < x.length; i++) {
            float want = x[i] > 0f ? g[i] : 0f;
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(in.grad().data[i]),
                    "relu dx at x = " + x[i]);
        }
        Var in2 = Var.param(new Tensor(x.clone(), x.length));
        Var y = Selu.apply(in2);
        y.backward(new Tensor(g.clone(), g.length));
        float scale = (float) Selu.SCALE;
        float scaleAlpha = (float) (Selu.SCALE * Selu.ALPHA);
        for (int i = 0; i < x.length; i++) {
            float want = g[i] * (x[i] > 0f ? scale : y.data()[i] + scaleAlpha);
            assertEquals(want, in2.grad().data[i], 0f, "selu dx at x = " + x[i]);
        }
    }

    @Test
    void seluWithKerasConstants() {
        new GradCheck().check("selu", v -> Selu.apply(v.get(0)), awayFromZero(4, 6));
        float[] y = Selu.apply(Var.constant(new Tensor(new float[] {-1f, 2f}, 2))).data();
        assertEquals(1.0507009873554805 * 1.6732632423543772 * (Math.exp(-1) - 1), y[0], 1e-6);
        assertEquals(2 * 1.0507009873554805, y[1], 1e-6);
    }

    @Test
    void tanhAndSigmoid() {
        new GradCheck().check("tanh", v -> Tanh.apply(v.get(0)), Tensor.normal(rng, 0, 1, 3, 5));
        new GradCheck().check("sigmoid", v -> Sigmoid.apply(v.get(0)), Tensor.normal(rng, 0, 2, 3, 5));
        float[] y = Sigmoid.apply(Var.constant(new Tensor(new float[] {-1000f, 0f, 1000f}, 3))).data();
        assertEquals(0f, y[0]);
        assertEquals(0.5f, y[1]);
        assertEquals(1f, y[2]);
    }

    @Test
    void softmaxAndLogSoftmax() {
        new GradCheck().check("softmax", v -> Softmax.apply(v.get(0)), Tensor.normal(rng, 0, 2, 3, 5));
        new GradCheck().check("log softmax", v -> LogSoftmax.apply(v.get(0)), Tensor.normal(rng, 0, 2, 3, 5));
        Var big = Var.constant(new Tensor(new float[] {1000f, 1000f, -1000f, 0f, 1f, 2f}, 2, 3));
        float[] p = Softmax.apply(big).data();
        assertEquals(0.5f, p[0], 1e-6f);
        assertEquals(0f, p[2]);
        double z = Math.exp(0) + Math.exp(1) + Math.exp(2);
        assertEquals(Math.exp(2) / z, p[5], 1e-6);
        float[] lp = LogSoftmax.apply(big).data();
        assertEquals(Math.log(0.5), lp[0], 1e-6);
        assertEquals(-2000 - Math.log(2), lp[2], 1e-3);
        for (float v : lp) {
            assertTrue(Float.isFinite(v));
        }
    }
}
