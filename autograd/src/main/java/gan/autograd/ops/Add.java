package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Elementwise sum {@code a + b}. {@code b} has the shape of {@code a}, or is a vector of
 * {@code a.dim(1)} values broadcast along axis 1: a bias per feature of [N, F] or per
 * channel of [N, C, H, W].
 */
public final class Add {
    private Add() {}

    /** {@code a + b}, with {@code b} the same shape as {@code a} or a per-channel vector. */
    public static Var apply(Var a, Var b) {
        if (a.value().sameShape(b.value())) {
            return same(a, b);
        }
        Broadcast.Channel bc = Broadcast.channel("add", a.value(), b.value());
        float[] x = a.data();
        float[] bias = b.data();
        float[] y = Arena.floats(x.length);
        for (int n = 0; n < bc.outer; n++) {
            for (int c = 0; c < bc.channels; c++) {
                int off = (n * bc.channels + c) * bc.inner;
                float v = bias[c];
                for (int i = 0; i < bc.inner; i++) {
                    y[off + i] = x[off + i] + v;
                }
            }
        }
        // da = dy; db[c] = sum of dy over every position of channel c
        return Var.result(new Tensor(y, a.shape()), "add", dy -> {
            if (a.requiresGrad()) {
                Broadcast.addInto(a.gradData(), dy.data);
            }
            if (b.requiresGrad()) {
                Broadcast.sumPerChannel(bc, dy.data, b.gradData());
            }
        }, a, b);
    }

    private static Var same(Var a, Var b) {
        float[] x = a.data();
        float[] z = b.data();
        float[] y = Arena.floats(x.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] + z[i];
        }
        // da = dy, db = dy
        return Var.result(new Tensor(y, a.shape()), "add", dy -> {
            if (a.requiresGrad()) {
                Broadcast.addInto(a.gradData(), dy.data);
            }
            if (b.requiresGrad()) {
                Broadcast.addInto(b.gradData(), dy.data);
            }
        }, a, b);
    }

    static String shapes(Var a, Var b) {
        return Shape.str(a.shape()) + " and " + Shape.str(b.shape());
    }
}
