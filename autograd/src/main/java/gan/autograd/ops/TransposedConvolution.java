package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.ConvGeometry;
import gan.tensor.Gemm;
import gan.tensor.Kernels;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Transposed convolution (Keras Conv2DTranspose) of x [N, C, H, W] with w [C, O, kh, kw]
 * (PyTorch's ConvTranspose layout, [in, out, kh, kw]) and an optional bias b [O].
 *
 * <p>It is the adjoint of {@link Convolution}: with G the geometry of the convolution that
 * maps an [O, outH, outW] image back to [C, H, W], the forward pass is that convolution's
 * data gradient (GEMM {@code wᵀ · x_g}, w viewed as [C, O·kh·kw], then col2im) and the
 * data gradient is that convolution's forward pass (im2col, then GEMM), both over groups
 * of images side by side ({@link ColumnGroups}) so that each is one large GEMM per group.
 * A strided forward pass of a shape where it pays runs phase by phase instead
 * ({@link PhaseDecomposition}): the same products, one GEMM per output phase, no col2im. Output sizes are
 * Keras': SAME gives H·stride (G is TensorFlow's 'same' geometry on the output, whose
 * total padding max(k - stride, 0) is split with the smaller half first, exactly as
 * TensorFlow derives conv2d_transpose from conv2d); VALID gives
 * H·stride + max(k - stride, 0), which is (H - 1)·stride + k whenever k ≥ stride.
 */
public final class TransposedConvolution {
    private TransposedConvolution() {}

    /** Transposed convolution of {@code x} with {@code w}, plus {@code b} if not null. */
    public static Var apply(Var x, Var w, Var b, int stride, Padding padding) {
        return apply(x, w, b, stride, padding, ColumnGroups.COLUMN_FLOATS);
    }

    /** As {@link #apply(Var, Var, Var, int, Padding)}, with at most {@code columnFloats} per group's columns. */
    static Var apply(Var x, Var w, Var b, int stride, Padding padding, long columnFloats) {
        return apply(x, w, b, stride, padding, columnFloats, PhaseDecomposition.Use.BY_SHAPE);
    }

    /** As {@link #apply(Var, Var, Var, int, Padding, long)}, computing the forward pass as {@code use} says. */
    static Var apply(Var x, Var w, Var b, int stride, Padding padding, long columnFloats,
            PhaseDecomposition.Use use) {
        ConvGeometry g = geometry(x, w, b, stride, padding);
        int n = x.dim(0);
        int c = x.dim(1);
        int o = w.dim(1);
        int patch = g.patchSize();
        int pixels = g.outPixels();
        int group = ColumnGroups.groupSize(n, (long) patch * pixels, pixels, columnFloats);
        // the backward holds one slice of the columns at a time, so its groups are sized by the slice
        PhaseColumns columnPhases = use.columnPhases(g, c, n) ? new PhaseColumns(g) : null;
        int sliceGroup = ColumnGroups.sliceGroupSize(n, g, columnFloats);
        boolean phased = use.phases(g, c, n);
        // the phases store every pixel; col2im adds into y
        float[] y = phased ? Arena.floats(n * g.inSize()) : Arena.zeros(n * g.inSize());
        if (phased) {
            // one GEMM per output phase, stored in place: no col2im (PhaseDecomposition)
            PhaseDecomposition phases = new PhaseDecomposition(g, c);
            phases.apply(w.data(), x.data(), n, b == null ? null : b.data(), y, false,
                    phases.groupSize(n, columnFloats));
        } else {
            forwardByCol2im(g, x, w, y, group);
            Convolution.addBias(y, b, n, o, g.inH * g.inW);
        }
        Tensor value = new Tensor(y, n, o, g.inH, g.inW);
        // cols_g = im2col(dY_g) ; dX_g = W · cols_g ; dWᵀ = Σ_g cols_g · x_gᵀ ; db = Σ dY over n and pixels
        Var.Backward back = dy -> {
            boolean biasGrad = b != null && b.requiresGrad();
            if (x.requiresGrad() || w.requiresGrad()) {
                // the im2col of dY reads every plane: the bias gradient is summed on the way
                float[] planeSums = biasGrad ? new float[n * o] : null;
                inputAndWeightGradients(g, x, w, dy, sliceGroup, planeSums, columnPhases);
                if (biasGrad) {
                    ColumnGroups.sumPlanes(planeSums, n, o, b.gradData());
                }
            } else {
                Convolution.addBiasGrad(b, dy, n, o, g.inH * g.inW);
            }
        };
        return b == null ? Var.result(value, "transposed_convolution", back, x, w)
                : Var.result(value, "transposed_convolution", back, x, w, b);
    }

    /** {@code y_g = col2im(wᵀ · x_g)} per group of images: the reference form of the forward pass. */
    private static void forwardByCol2im(ConvGeometry g, Var x, Var w, float[] y, int group) {
        int n = x.dim(0);
        int c = x.dim(1);
        int patch = g.patchSize();
        int pixels = g.outPixels();
        Gemm gemm = Kernels.gemm();
        ColumnGroups.forEachGroup(n, group, (first, count) -> {
            float[] cols = Scratch.get(Scratch.Slot.COLUMNS, (long) patch * count * pixels);
            float[] xg = Scratch.get(Scratch.Slot.GROUP, (long) c * count * pixels);
            ColumnGroups.gather(x.data(), first, count, c, pixels, xg);
            gemm.sgemm(true, false, patch, count * pixels, c, w.data(), 0, xg, 0, 0f, cols, 0);
            ColumnGroups.col2im(g, cols, first, count, y);
        });
    }

    /**
     * Both gradients from the im2col of each group of dY, made and used a slice of dY's
     * channels at a time ({@link ColumnGroups#forEachSlice}), or read from dY's phases
     * slice by slice if {@code phases} is not null ({@link PhaseColumns}, whose row order
     * the weights and their gradient then follow): each slice adds its part of the inner
     * dimension to dX_g and writes its own rows of dWᵀ. Each GEMM only if its input needs
     * it; the sum of every plane of dY into planeSums [n, O] unless it is null.
     */
    private static void inputAndWeightGradients(ConvGeometry g, Var x, Var w, Tensor dy, int group,
            float[] planeSums, PhaseColumns phases) {
        int n = x.dim(0);
        int c = x.dim(1);
        int taps = g.kH * g.kW;
        int patch = g.patchSize();
        int pixels = g.outPixels();
        if (n == 0) {
            return;
        }
        int[] order = phases == null ? null : phases.order();
        float[] wBlocks = x.requiresGrad()
                ? ColumnGroups.columnBlocks(w.data(), c, g.channels, taps,
                        phases == null ? ColumnGroups.sliceChannels(g) : phases.sliceChannels(), order) : null;
        int chunks = ColumnGroups.chunks(n, group, (long) patch * c);
        float[] dwT = w.requiresGrad() ? Scratch.get(Scratch.Slot.WEIGHT_GRAD, (long) chunks * patch * c) : null;
        // the first gradient to reach x is stored, not added into a cleared array
        boolean storeDx = x.requiresGrad() && !x.hasGrad();
        float[] dx = !x.requiresGrad() ? null : storeDx ? x.gradDataToOverwrite() : x.gradData();
        Gemm gemm = Kernels.gemm();
        ColumnGroups.forEachChunk(n, group, chunks, (chunk, first, count, start) -> {
            int cols1 = count * pixels;
            float[] dxg = dx == null ? null : Scratch.get(Scratch.Slot.GROUP, (long) c * cols1);
            float[] xT = dwT == null ? null : Scratch.get(Scratch.Slot.TRANSPOSED, (long) cols1 * c);
            if (xT != null) {
                ColumnGroups.gatherTransposed(x.data(), first, count, c, pixels, xT);
            }
            if (phases != null) {
                phases.forEachSlice(dy.data, first, count, planeSums, (o0, o1, planes) -> {
                    int rows = (o1 - o0) * taps;
                    if (dxg != null) {
                        gemm.sgemm(false, c, cols1, rows, wBlocks, c * o0 * taps, planes, 0, o0 == 0 ? 0f : 1f,
                                dxg, 0);
                    }
                    if (xT != null) {
                        gemm.sgemm(planes, 0, rows, c, cols1, xT, 0, start ? 0f : 1f, dwT,
                                (chunk * patch + o0 * taps) * c);
                    }
                });
            } else {
                ColumnGroups.forEachSlice(g, dy.data, first, count, planeSums, (o0, o1, cols) -> {
                    int rows = (o1 - o0) * taps;
                    if (dxg != null) {
                        gemm.sgemm(false, false, c, cols1, rows, wBlocks, c * o0 * taps, cols, 0, o0 == 0 ? 0f : 1f,
                                dxg, 0);
                    }
                    if (xT != null) {
                        gemm.sgemm(false, false, rows, c, cols1, cols, 0, xT, 0, start ? 0f : 1f, dwT,
                                (chunk * patch + o0 * taps) * c);
                    }
                });
            }
            if (dxg != null && storeDx) {
                ColumnGroups.scatter(dxg, first, count, c, pixels, null, dx);
            } else if (dxg != null) {
                ColumnGroups.scatterAdd(dxg, first, count, c, pixels, dx);
            }
        });
        if (dwT != null) {
            ColumnGroups.addTransposedChunks(dwT, chunks, c, patch, order, w.gradData());
        }
    }

    /** Validates the shapes and returns the geometry of the adjoint convolution (output -> input). */
    private static ConvGeometry geometry(Var x, Var w, Var b, int stride, Padding padding) {
        String op = "transposed_convolution";
        if (x.value().rank() != 4 || w.value().rank() != 4) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " and weight "
                    + Shape.str(w.shape()) + " must both be 4-D ([N, C, H, W] and [C, O, kh, kw])");
        }
        if (x.dim(1) != w.dim(0)) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " has " + x.dim(1)
                    + " channels but weight " + Shape.str(w.shape()) + " expects " + w.dim(0));
        }
        if (stride < 1) {
            throw new IllegalArgumentException(op + ": stride " + stride + " must be at least 1");
        }
        Convolution.checkBias(op, w, b, w.dim(1));
        int kh = w.dim(2);
        int kw = w.dim(3);
        int outH = x.dim(2) * stride + (padding == Padding.VALID ? Math.max(kh - stride, 0) : 0);
        int outW = x.dim(3) * stride + (padding == Padding.VALID ? Math.max(kw - stride, 0) : 0);
        ConvGeometry g = padding.geometry(w.dim(1), outH, outW, kh, kw, stride);
        if (g.outH != x.dim(2) || g.outW != x.dim(3)) {
            throw new IllegalStateException(op + ": adjoint geometry " + g + " does not map back to input "
                    + Shape.str(x.shape()));
        }
        return g;
    }
}
