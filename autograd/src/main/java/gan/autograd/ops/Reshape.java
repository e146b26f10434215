package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * A new shape over the same elements, without copying: the result's value is a view
 * ({@link Tensor#reshape}) of the input's array. Flatten is {@code Reshape.apply(x, N, -1)}.
 *
 * <p>Because the array is shared, neither side may be written in place afterwards; no op
 * does that. The gradient needs no reshaping back either: row-major order is the same for
 * both shapes, so it is added element by element.
 */
public final class Reshape {
    private Reshape() {}

    /** {@code x} viewed with {@code shape}; one dimension may be -1 and is then inferred. */
    public static Var apply(Var x, int... shape) {
        Tensor view;
        try {
            view = x.value().reshape(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reshape: cannot view " + Shape.str(x.shape()) + " as "
                    + Shape.str(shape) + " (" + e.getMessage() + ")", e);
        }
        // dx = dy viewed with x's shape (dy's own array when it is x's first gradient)
        return Var.result(view, "reshape", dy -> x.accumulateGrad(dy), x);
    }
}
