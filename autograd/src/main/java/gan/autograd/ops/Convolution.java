package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.ConvGeometry;
import gan.tensor.Gemm;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation, as in every framework) of x [N, C, H, W] with
 * w [O, C, kh, kw] and an optional bias b [O], giving [N, O, outH, outW]. 'SAME' is
 * TensorFlow's rule (see {@link gan.tensor.ConvGeometry#same}).
 *
 * <p>The batch runs in groups of images whose im2col matrices sit side by side
 * ({@link ColumnGroups}), so each pass is one GEMM per group rather than one per image:
 * forward {@code Y_g = W · cols_g}, with W viewed as [O, C·kh·kw]. The backward pass
 * recomputes the columns instead of keeping them from the forward pass: im2col costs
 * about 1/O of the GEMM it feeds, while keeping the columns would hold C·kh·kw·outH·outW
 * floats per image for the whole batch until backward, including in the frozen
 * discriminator and in no-grad passes, which never need them. The weight gradient is
 * computed transposed, {@code dWᵀ = cols_g · dY_gᵀ}, so that both GEMM operands have the
 * long pixel dimension where the kernel wants it and neither needs transposed packing.
 * The data gradient of a strided convolution skips col2im where that pays (see
 * {@link PhaseDecomposition#pays}): it is a transposed convolution of dY, computed one phase
 * of x at a time.
 */
public final class Convolution {
    private Convolution() {}

    /** Convolves {@code x} with {@code w} (stride and padding as given) and adds {@code b} if not null. */
    public static Var apply(Var x, Var w, Var b, int stride, Padding padding) {
        return apply(x, w, b, stride, padding, ColumnGroups.COLUMN_FLOATS, true);
    }

    /**
     * As {@link #apply(Var, Var, Var, int, Padding)}, with at most {@code columnFloats} per
     * group's columns, and the {@link DirectConvolution} loops where they suit if {@code direct}.
     */
    static Var apply(Var x, Var w, Var b, int stride, Padding padding, long columnFloats, boolean direct) {
        return apply(x, w, b, stride, padding, columnFloats, direct, PhaseDecomposition.Use.BY_SHAPE);
    }

    /**
     * As {@link #apply(Var, Var, Var, int, Padding, long, boolean)}, computing the data
     * gradient of the GEMM path as {@code use} says.
     */
    static Var apply(Var x, Var w, Var b, int stride, Padding padding, long columnFloats, boolean direct,
            PhaseDecomposition.Use use) {
        ConvGeometry g = geometry("convolution", x, w, b, stride, padding);
        int n = x.dim(0);
        int o = w.dim(0);
        if (direct && DirectConvolution.suits(g, o)) {
            return applyDirect(x, w, b, g);
        }
        int patch = g.patchSize();
        int pixels = g.outPixels();
        int group = ColumnGroups.groupSize(n, (long) patch * pixels, pixels, columnFloats);
        float[] y = Arena.floats(n * o * pixels); // every element stored by scatter
        Gemm gemm = Kernels.gemm();
        ColumnGroups.forEachGroup(n, group, (first, count) -> {
            float[] cols = Scratch.get(Scratch.Slot.COLUMNS, (long) patch * count * pixels);
            float[] yg = Scratch.get(Scratch.Slot.GROUP, (long) o * count * pixels);
            ColumnGroups.im2col(g, x.data(), first, count, cols);
            gemm.sgemm(false, false, o, count * pixels, patch, w.data(), 0, cols, 0, 0f, yg, 0);
            ColumnGroups.scatter(yg, first, count, o, pixels, b == null ? null : b.data(), y);
        });
        Tensor value = new Tensor(y, n, o, g.outH, g.outW);
        // dX_g = col2im(Wᵀ · dY_g) ; dWᵀ = Σ_g im2col(x_g) · dY_gᵀ ; db = Σ dY over n and pixels
        Var.Backward back = dy -> {
            if (w.requiresGrad()) {
                weightGradient(g, x, w, dy, group);
            }
            if (x.requiresGrad()) {
                if (use.phases(g, o, n)) {
                    // the same dX phase by phase, one GEMM per phase of x and no col2im (PhaseDecomposition)
                    PhaseDecomposition phases = new PhaseDecomposition(g, o);
                    // the first gradient to reach x is stored (every pixel is in one phase), not added
                    boolean add = x.hasGrad();
                    float[] dx = add ? x.gradData() : x.gradDataToOverwrite();
                    phases.apply(w.data(), dy.data, n, null, dx, add, phases.groupSize(n, columnFloats));
                } else {
                    inputGradient(g, x, w, dy, group);
                }
            }
            addBiasGrad(b, dy, n, o, pixels);
        };
        return b == null ? Var.result(value, "convolution", back, x, w)
                : Var.result(value, "convolution", back, x, w, b);
    }

    /**
     * A convolution of a few output channels at stride 1, without column matrices: GEMMs
     * over the kernel's taps ({@link TapConvolution}) where there are enough input channels
     * to feed them, else the {@link DirectConvolution} loops.
     */
    private static Var applyDirect(Var x, Var w, Var b, ConvGeometry g) {
        int n = x.dim(0);
        int o = w.dim(0);
        float[] y = Arena.floats(n * o * g.outPixels()); // both forwards store every element
        Var.Backward back;
        if (TapConvolution.suits(g)) {
            TapConvolution conv = new TapConvolution(g, o);
            conv.forward(x.data(), w.data(), b == null ? null : b.data(), n, y);
            // dX_n = Wtᵀ · S_n ; dW = Σ_n S_n · X_nᵀ (S_n = dY_n shifted back per tap) ; db = Σ dY over n, pixels
            back = dy -> {
                float[] dw = w.requiresGrad() ? w.gradData() : null;
                // the first gradient to reach x is stored, not added into a cleared array
                boolean storeDx = x.requiresGrad() && !x.hasGrad();
                float[] dx = !x.requiresGrad() ? null : storeDx ? x.gradDataToOverwrite() : x.gradData();
                conv.backward(x.data(), w.data(), dy.data, n, dx, storeDx, dw);
                addBiasGrad(b, dy, n, o, g.outPixels());
            };
        } else {
            DirectConvolution conv = new DirectConvolution(g, o);
            conv.forward(x.data(), w.data(), b == null ? null : b.data(), n, y, false);
            // dX = dY ⋆ W flipped (full correlation) ; dW = Σ_n x_n ⋆ dY_n ; db = Σ dY over n and pixels
            back = dy -> {
                if (w.requiresGrad()) {
                    conv.weightGradient(x.data(), dy.data, n, w.gradData());
                }
                if (x.requiresGrad()) {
                    conv.inputGradient(dy.data, w.data(), n, x.gradData());
                }
                addBiasGrad(b, dy, n, o, g.outPixels());
            };
        }
        Tensor value = new Tensor(y, n, o, g.outH, g.outW);
        return b == null ? Var.result(value, "convolution", back, x, w)
                : Var.result(value, "convolution", back, x, w, b);
    }

    /** {@code dW += (Σ_g im2col(x_g) · dY_gᵀ)ᵀ}, one GEMM per group into a transposed accumulator. */
    private static void weightGradient(ConvGeometry g, Var x, Var w, Tensor dy, int group) {
        int n = x.dim(0);
        int o = w.dim(0);
        int patch = g.patchSize();
        int pixels = g.outPixels();
        if (n == 0) {
            return;
        }
        int chunks = ColumnGroups.chunks(n, group, (long) patch * o);
        float[] dwT = Scratch.get(Scratch.Slot.WEIGHT_GRAD, (long) chunks * patch * o);
        Gemm gemm = Kernels.gemm();
        ColumnGroups.forEachChunk(n, group, chunks, (chunk, first, count, start) -> {
            float[] cols = Scratch.get(Scratch.Slot.COLUMNS, (long) patch * count * pixels);
            float[] dyT = Scratch.get(Scratch.Slot.TRANSPOSED, (long) count * pixels * o);
            ColumnGroups.im2col(g, x.data(), first, count, cols);
            ColumnGroups.gatherTransposed(dy.data, first, count, o, pixels, dyT);
            gemm.sgemm(false, false, patch, o, count * pixels, cols, 0, dyT, 0, start ? 0f : 1f, dwT,
                    chunk * patch * o);
        });
        ColumnGroups.addTransposedChunks(dwT, chunks, o, patch, w.gradData());
    }

    /** {@code dX_g += col2im(Wᵀ · dY_g)}, one GEMM per group. */
    private static void inputGradient(ConvGeometry g, Var x, Var w, Tensor dy, int group) {
        int n = x.dim(0);
        int o = w.dim(0);
        int patch = g.patchSize();
        int pixels = g.outPixels();
        float[] dx = x.gradData();
        Gemm gemm = Kernels.gemm();
        ColumnGroups.forEachGroup(n, group, (first, count) -> {
            float[] cols = Scratch.get(Scratch.Slot.COLUMNS, (long) patch * count * pixels);
            float[] dyg = Scratch.get(Scratch.Slot.GROUP, (long) o * count * pixels);
            ColumnGroups.gather(dy.data, first, count, o, pixels, dyg);
            gemm.sgemm(true, false, patch, count * pixels, o, w.data(), 0, dyg, 0, 0f, cols, 0);
            ColumnGroups.col2im(g, cols, first, count, dx);
        });
    }

    /** Validates the shapes and returns the per-image geometry. */
    private static ConvGeometry geometry(String op, Var x, Var w, Var b, int stride, Padding padding) {
        if (x.value().rank() != 4 || w.value().rank() != 4) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " and weight "
                    + Shape.str(w.shape()) + " must both be 4-D ([N, C, H, W] and [O, C, kh, kw])");
        }
        if (x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " has " + x.dim(1)
                    + " channels but weight " + Shape.str(w.shape()) + " expects " + w.dim(1));
        }
        checkBias(op, w, b, w.dim(0));
        if (stride < 1) {
            throw new IllegalArgumentException(op + ": stride " + stride + " must be at least 1");
        }
        try {
            return padding.geometry(x.dim(1), x.dim(2), x.dim(3), w.dim(2), w.dim(3), stride);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + ", weight "
                    + Shape.str(w.shape()) + ", stride " + stride + ", " + padding + ": " + e.getMessage(), e);
        }
    }

    /** Checks that {@code b} is null or a vector of {@code outChannels} values. */
    static void checkBias(String op, Var w, Var b, int outChannels) {
        if (b != null && (b.value().rank() != 1 || b.dim(0) != outChannels)) {
            throw new IllegalArgumentException(op + ": bias " + Shape.str(b.shape()) + " does not match weight "
                    + Shape.str(w.shape()) + " (need [" + outChannels + "])");
        }
    }

    /** {@code db[c] += Σ dy[n, c, p]} over n and p, if b needs a gradient. */
    static void addBiasGrad(Var b, Tensor dy, int n, int channels, int pixels) {
        if (b != null && b.requiresGrad()) {
            Broadcast.sumPerChannel(new Broadcast.Channel(n, channels, pixels), dy.data, b.gradData());
        }
    }

    /** {@code y[n, c, p] += b[c]} for an [n, channels, pixels] array; nothing if b is null. */
    static void addBias(float[] y, Var b, int n, int channels, int pixels) {
        if (b == null) {
            return;
        }
        float[] bias = b.data();
        Parallel.forRange(n * channels, Math.max(1, Parallel.ELEMENT_GRAIN / Math.max(1, pixels)), (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int off = u * pixels;
                float v = bias[u % channels];
                for (int p = 0; p < pixels; p++) {
                    y[off + p] += v;
                }
            }
        });
    }
}
