package gan.autograd;

import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Shape;
import gan.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the computation graph: a tensor value, the gradient of the loss with respect
 * to it, and, for results of ops, the inputs and the closure that pushes the gradient on
 * to them.
 *
 * <p>This is micrograd's {@code Value} over tensors. Every op creates its output with
 * {@link #result}, passing a {@link Backward} that reads {@code grad()} of the output and
 * <em>adds</em> into the gradients of its inputs. Adding is what makes a tensor used
 * twice (a discriminator applied to real and to fake images) receive both contributions.
 *
 * <p>{@link #backward()} visits the graph in reverse topological order, then drops every
 * closure and intermediate gradient, so the arrays an op saved for its backward are
 * garbage once the step is over.
 */
public final class Var {
    /** Pushes {@code out.grad()} on to the op's inputs, adding into their gradients. */
    @FunctionalInterface
    public interface Backward {
        /** Accumulates into the gradients of the op's inputs, given the output's gradient. */
        void apply(Tensor gradOut);
    }

    private final Tensor value;
    private final String op;
    private Tensor grad;
    /** A leaf's gradient array from before its last {@link #zeroGrad}, cleared and used again. */
    private float[] spareGrad;
    private boolean requiresGrad;
    private Var[] inputs;
    private Backward backward;

    private Var(Tensor value, String op, boolean requiresGrad, Var[] inputs, Backward backward) {
        this.value = value;
        this.op = op;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
    }

    /** A leaf whose gradient is wanted (a parameter, or an input being checked). */
    public static Var param(Tensor value) {
        return new Var(value, "param", true, null, null);
    }

    /** A leaf that needs no gradient: data, labels, noise. */
    public static Var constant(Tensor value) {
        return new Var(value, "const", false, null, null);
    }

    /**
     * The output of an op. It keeps its inputs and backward closure only if some input
     * needs a gradient and no-grad mode is off; otherwise it is a constant and the
     * closure (with whatever it saved) is dropped at once.
     */
    public static Var result(Tensor value, String op, Backward backward, Var... inputs) {
        boolean needs = false;
        if (!NoGrad.isActive()) {
            for (Var in : inputs) {
                needs |= in.requiresGrad;
            }
        }
        return needs ? new Var(value, op, true, inputs, backward) : new Var(value, op, false, null, null);
    }

    /** The value computed in the forward pass. */
    public Tensor value() {
        return value;
    }

    /** Shorthand for {@code value().data}. */
    public float[] data() {
        return value.data;
    }

    /** Shape of the value. */
    public int[] shape() {
        return value.shape();
    }

    /** Size of dimension {@code i} of the value. */
    public int dim(int i) {
        return value.dim(i);
    }

    /** The name of the op that produced this node ("param", "const" for leaves). */
    public String op() {
        return op;
    }

    /** The inputs of the op that produced this node (empty for leaves or after backward). */
    public List<Var> inputs() {
        return inputs == null ? List.of() : List.of(inputs);
    }

    /** Whether a gradient flows into this node. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Turns gradient tracking of a leaf on or off. Freezing a discriminator while the
     * generator trains through it turns it off on the discriminator's parameters, so their
     * weight gradients are never computed.
     */
    public void setRequiresGrad(boolean on) {
        if (inputs != null) {
            throw new IllegalStateException("requiresGrad can only be changed on a leaf, not on a " + op + " result");
        }
        requiresGrad = on;
    }

    /** The accumulated gradient, or null if none has arrived. */
    public Tensor grad() {
        return grad;
    }

    /**
     * The gradient array to add into, allocated as zeros on first use. Ops call this
     * only for inputs that {@link #requiresGrad()}. An op result's gradient dies with the
     * graph, so it may come from the open {@link Arena}; a leaf's (a parameter's) outlives
     * the step that computed it and never does.
     */
    public float[] gradData() {
        if (grad == null) {
            grad = new Tensor(isLeaf() ? leafGradArray() : Arena.zeros(value.size()), value.shape());
        }
        return grad.data;
    }

    /** Whether a gradient has arrived (from an earlier consumer's backward) since the last {@link #zeroGrad}. */
    public boolean hasGrad() {
        return grad != null;
    }

    /**
     * The gradient array for an op whose backward is about to store every element of it,
     * asked for only while {@link #hasGrad()} is false: an op result's comes from the open
     * {@link Arena} uncleared, since clearing it would be a pass over memory that the store
     * then repeats. An op that finds a gradient already there adds into {@link #gradData()}
     * instead.
     */
    public float[] gradDataToOverwrite() {
        if (grad != null) {
            throw new IllegalStateException(op + " already has a gradient: add into gradData() instead");
        }
        grad = new Tensor(isLeaf() ? leafGradArray() : Arena.floats(value.size()), value.shape());
        return grad.data;
    }

    /**
     * Zeros for a leaf's gradient: the array {@link #zeroGrad} set aside, cleared, if there is
     * one. A fresh array every step cost more than the clearing: the cGAN's 100 -> 6272 Dense
     * has a 2.5 MB weight gradient, which G1 allocates as a humongous object, and each such
     * allocation started a concurrent marking cycle and two pauses, every step, until the heap
     * had grown.
     */
    private float[] leafGradArray() {
        float[] g = spareGrad;
        spareGrad = null;
        if (g == null || g.length != value.size()) {
            return new float[value.size()];
        }
        Parallel.forElements(g.length, (lo, hi) -> Arrays.fill(g, lo, hi, 0f));
        return g;
    }

    /** A node no op produced: a parameter or a constant (or a result whose graph was released). */
    private boolean isLeaf() {
        return inputs == null;
    }

    /**
     * Makes {@code g} this node's gradient if none has arrived yet and returns true; returns
     * false, taking nothing, if one has (the caller then adds into {@link #gradData()}).
     *
     * <p>This is for an elementwise op's backward: instead of allocating a zeroed gradient
     * for its input and adding {@code dy · f'(x)} into it, it scales its output's gradient in
     * place and hands that array on — the largest arrays of a step, allocated and zeroed once
     * less each. The caller must own g's array and never touch it again; an op's
     * {@code gradOut} qualifies, because {@link #backward(Tensor)} drops it as soon as the
     * op's backward returns.
     */
    public boolean adoptGrad(Tensor g) {
        // a leaf keeps its gradient past the step, and g may be an arena's array: no adopting there
        if (grad != null || !requiresGrad || isLeaf()) {
            return false;
        }
        if (g.size() != value.size()) {
            throw new IllegalArgumentException("gradient of shape " + Shape.str(g.shape()) + " cannot stand for "
                    + op + " of shape " + Shape.str(value.shape()));
        }
        grad = g.sameShape(value) ? g : new Tensor(g.data, value.shape());
        return true;
    }

    /**
     * Adds {@code g} to this node's gradient, taking g's array itself when it is the first
     * gradient to arrive ({@link #adoptGrad}). An elementwise op's backward scales its
     * {@code gradOut} in place by the op's derivative and passes it here: one loop, and no
     * zeroed array, for the usual input with a single consumer.
     */
    public void accumulateGrad(Tensor g) {
        if (adoptGrad(g)) {
            return;
        }
        float[] dst = gradData();
        float[] src = g.data;
        Parallel.forElements(dst.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                dst[i] += src[i];
            }
        });
    }

    /**
     * Forgets the gradient (optimizers call this after a step): {@link #grad()} is null until
     * one arrives again. A leaf keeps the array and clears it for its next gradient, so a
     * caller that needs an old gradient past this call must copy it.
     */
    public void zeroGrad() {
        if (grad != null && isLeaf()) {
            spareGrad = grad.data;
        }
        grad = null;
    }

    /** Backpropagates from a scalar loss: d(loss)/d(loss) = 1. */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward() without a seed needs a scalar, got shape "
                    + Shape.str(value.shape()) + " from " + op);
        }
        backward(Tensor.full(1f, value.shape()));
    }

    /**
     * Backpropagates the cotangent {@code seed} (same shape as the value) through the graph,
     * then releases the graph: closures, saved arrays and intermediate gradients.
     */
    public void backward(Tensor seed) {
        if (!seed.sameShape(value)) {
            throw new IllegalArgumentException("seed shape " + Shape.str(seed.shape())
                    + " differs from value shape " + Shape.str(value.shape()));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a " + op + " result that needs no gradient");
        }
        List<Var> order = topologicalOrder();
        float[] g = gradData();
        for (int i = 0; i < g.length; i++) {
            g[i] += seed.data[i];
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Var v = order.get(i);
            if (v.backward != null && v.grad != null) {
                v.backward.apply(v.grad);
            }
            v.release();
        }
    }

    private void release() {
        if (inputs != null) {
            inputs = null;
            backward = null;
            grad = null;
        }
    }

    /** Nodes reachable from this one, each after all of its inputs (iterative DFS). */
    private List<Var> topologicalOrder() {
        List<Var> order = new ArrayList<>();
        Map<Var, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Var> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Var v = stack.peek();
            int i = next.pop();
            Var[] ins = v.inputs == null ? new Var[0] : v.inputs;
            if (i < ins.length) {
                next.push(i + 1);
                Var child = ins[i];
                if (child.requiresGrad && seen.put(child, Boolean.TRUE) == null) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return "Var(" + op + ", " + Arrays.toString(value.shape()) + (requiresGrad ? ", grad" : "") + ")";
    }
}
