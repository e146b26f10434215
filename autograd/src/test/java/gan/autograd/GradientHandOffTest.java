package gan.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.autograd.ops.Add;
import gan.autograd.ops.InvertedDropout;
import gan.autograd.ops.LeakyRelu;
import gan.autograd.ops.Relu;
import gan.autograd.ops.Reshape;
import gan.autograd.ops.Scale;
import gan.autograd.ops.Selu;
import gan.autograd.ops.Sum;
import gan.autograd.ops.Tanh;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Elementwise ops hand their output's gradient array on to their input ({@link Var#adoptGrad})
 * when it is the input's first gradient, and add into it otherwise. Either way the input's
 * gradient must be the plain sum of every path's contribution.
 */
class GradientHandOffTest {
    @Test
    void adoptTakesOnlyAFirstGradientOfTheRightSize() {
        Var p = Var.param(Tensor.zeros(2, 3));
        Var x = Scale.apply(p, 2f);
        Tensor g = Tensor.full(1f, 6);
        assertTrue(x.adoptGrad(g), "no gradient yet: taken");
        assertSame(g.data, x.grad().data, "the array itself, not a copy");
        assertEquals(2, x.grad().dim(0), "reshaped to the value's shape");
        assertFalse(x.adoptGrad(Tensor.full(2f, 2, 3)), "a gradient is there: the caller must add");
        assertFalse(Var.constant(Tensor.zeros(3)).adoptGrad(Tensor.zeros(3)), "constants take no gradient");
        assertThrows(IllegalArgumentException.class,
                () -> Scale.apply(Var.param(Tensor.zeros(4)), 1f).adoptGrad(Tensor.zeros(5)));
    }

    /** A parameter's gradient outlives the step, and an op's gradient array may be an arena's: never adopted. */
    @Test
    void parametersKeepArraysOfTheirOwn() {
        Var p = Var.param(Tensor.zeros(2, 3));
        assertFalse(p.adoptGrad(Tensor.full(1f, 2, 3)), "a parameter adopts nothing");
        Tensor dy = Tensor.full(1f, 2, 3);
        p.accumulateGrad(dy);
        assertTrue(p.grad().data != dy.data, "the gradient was copied into the parameter's own array");
        assertEquals(1f, p.grad().data[5]);
    }

    /** zeroGrad keeps a parameter's array for its next gradient: it must start again from zero. */
    @Test
    void aParametersNextGradientStartsFromZeroInTheSameArray() {
        Var p = Var.param(Tensor.zeros(2, 3));
        Tensor dy = Tensor.full(1.5f, 2, 3);
        Scale.apply(p, 2f).backward(dy);
        float[] first = p.grad().data;
        assertEquals(3f, first[4]);
        p.zeroGrad();
        assertEquals(null, p.grad(), "no gradient until one arrives");
        Scale.apply(p, 2f).backward(dy);
        assertSame(first, p.grad().data, "the array is used again, not allocated");
        assertEquals(3f, p.grad().data[4], "cleared before the new gradient: 3, not 6");
        Var q = Var.param(Tensor.zeros(3));
        q.gradData()[0] = 7f;
        q.zeroGrad();
        assertEquals(0f, q.gradData()[0], "cleared even when nothing is added into it");
    }

    @Test
    void handingOffOpsGiveTheRightGradientsAlongOneAndTwoPaths() {
        Rng rng = new Rng(5);
        Tensor x0 = Tensor.normal(rng, 0, 1, 4, 50);
        check(x0, v -> LeakyRelu.apply(v, 0.2f), xi -> xi > 0 ? 1f : 0.2f);
        check(x0, Relu::apply, xi -> xi > 0 ? 1f : 0f);
        check(x0, Tanh::apply, xi -> 1 - Math.tanh(xi) * Math.tanh(xi));
        check(x0, Selu::apply, xi -> xi > 0 ? Selu.SCALE : Selu.SCALE * Selu.ALPHA * Math.exp(xi));
        check(x0, v -> Reshape.apply(v, 200), xi -> 1);
        // dropout at rate 0.5 with a fixed seed: the slope is the mask, 0 or 2, read off y / x
        Var probe = InvertedDropout.apply(Var.param(x0), 0.5f, new Rng(9), true);
        float[] mask = new float[x0.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = probe.data()[i] == 0f ? 0f : 2f;
        }
        int[] at = {0};
        check(x0, v -> InvertedDropout.apply(v, 0.5f, new Rng(9), true), xi -> mask[at[0]++ % mask.length]);
    }

    /** d/dx of sum(op(x)) + 3·sum(op(x)) (two paths, the second added) and of sum(op(x)) alone. */
    private static void check(Tensor x0, UnaryOperator<Var> op, java.util.function.DoubleUnaryOperator slope) {
        Var once = Var.param(x0);
        Sum.apply(op.apply(once)).backward();
        Var twice = Var.param(x0);
        Sum.apply(Add.apply(op.apply(twice), Scale.apply(op.apply(twice), 3f))).backward();
        for (int i = 0; i < x0.size(); i++) {
            float s = (float) slope.applyAsDouble(x0.data[i]);
            assertEquals(s, once.grad().data[i], 1e-5f * Math.max(1f, Math.abs(s)), "one path, element " + i);
        }
        for (int i = 0; i < x0.size(); i++) {
            assertEquals(4f * once.grad().data[i], twice.grad().data[i], 1e-5f, "two paths, element " + i);
        }
    }
}
