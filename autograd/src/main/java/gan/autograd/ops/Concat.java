package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Parallel;
import gan.tensor.Shape;
import gan.tensor.Tensor;
import java.util.Arrays;

/**
 * Concatenation along axis 1: the channels of NCHW images (an image with its label plane,
 * a U-Net skip connection) or the features of [N, F] rows. All other dimensions must
 * agree.
 */
public final class Concat {
    private Concat() {}

    /** The inputs side by side along axis 1, in the order given. */
    public static Var channels(Var... xs) {
        int[] shape = checkedShape(xs);
        int outer = shape[0];
        int inner = 1;
        for (int d = 2; d < shape.length; d++) {
            inner *= shape[d];
        }
        int[] blocks = new int[xs.length];
        int rowLen = 0;
        for (int i = 0; i < xs.length; i++) {
            blocks[i] = xs[i].dim(1) * inner;
            rowLen += blocks[i];
        }
        float[] y = Arena.floats(outer * rowLen); // every element copied from one input
        int total = rowLen;
        // images in parallel: each row of y is its own
        int grain = Math.max(1, Parallel.ELEMENT_GRAIN / Math.max(1, total));
        Parallel.forRange(outer, grain, (lo, hi) -> {
            int start = 0;
            for (int i = 0; i < xs.length; i++) {
                float[] src = xs[i].data();
                for (int n = lo; n < hi; n++) {
                    System.arraycopy(src, n * blocks[i], y, n * total + start, blocks[i]);
                }
                start += blocks[i];
            }
        });
        // dx_i = the slice of dy along axis 1 that x_i was copied to
        return Var.result(new Tensor(y, shape), "concat", dy -> {
            float[][] dxs = new float[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                dxs[i] = xs[i].requiresGrad() ? xs[i].gradData() : null;
            }
            Parallel.forRange(outer, grain, (lo, hi) -> {
                int from = 0;
                for (int i = 0; i < xs.length; i++) {
                    float[] dx = dxs[i];
                    for (int n = lo; dx != null && n < hi; n++) {
                        int src = n * total + from;
                        int dst = n * blocks[i];
                        for (int j = 0; j < blocks[i]; j++) {
                            dx[dst + j] += dy.data[src + j];
                        }
                    }
                    from += blocks[i];
                }
            });
        }, xs);
    }

    private static int[] checkedShape(Var[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat: no inputs");
        }
        int[] first = xs[0].shape();
        if (first.length < 2) {
            throw new IllegalArgumentException("concat: input " + Shape.str(first) + " has no axis 1");
        }
        int channels = 0;
        for (Var x : xs) {
            int[] s = x.shape();
            int[] a = first.clone();
            a[1] = 0;
            int[] b = s.clone();
            if (b.length > 1) {
                b[1] = 0;
            }
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException("concat: shapes " + Shape.str(first) + " and " + Shape.str(s)
                        + " differ outside axis 1");
            }
            channels += s[1];
        }
        first[1] = channels;
        return first;
    }
}
