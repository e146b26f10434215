package gan.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The convolution, transposed-convolution and BatchNorm layers of the noise-to-image
 * variants (VARIANTS.md) at the batch size one call sees in a training step: the shapes
 * {@link LayerBench} times. Names are {@code variant.network.layer}; D layers of cgan and
 * acgan see half a batch (real or fake), dcgan's D sees real and fake together, generators
 * see the whole G-step batch.
 */
final class LayerShapes {
    /** What the layer computes. */
    enum Kind { CONV, CONV_T, BATCH_NORM }

    /** One layer: input [n, c, h, w]; for convolutions o output channels, k×k kernel, stride. */
    static final class Layer {
        final Kind kind;
        final int n;
        final int c;
        final int h;
        final int w;
        final int o;
        final int k;
        final int stride;

        Layer(Kind kind, int n, int c, int h, int w, int o, int k, int stride) {
            this.kind = kind;
            this.n = n;
            this.c = c;
            this.h = h;
            this.w = w;
            this.o = o;
            this.k = k;
            this.stride = stride;
        }

        /**
         * Multiply-adds ×2 of one pass ('same' padding). Forward, data gradient and weight
         * gradient of a convolution each cost this much; a transposed convolution is the
         * adjoint of the convolution from its output back to its input, so it is counted on
         * its (smaller) input. BatchNorm is memory-bound and gets no flop count.
         */
        double flops() {
            switch (kind) {
                case CONV:
                    int oh = (h + stride - 1) / stride;
                    int ow = (w + stride - 1) / stride;
                    return 2.0 * n * o * oh * ow * c * k * k;
                case CONV_T:
                    return 2.0 * n * c * h * w * o * k * k;
                default:
                    return Double.NaN;
            }
        }

        @Override
        public String toString() {
            String in = n + "x" + c + "x" + h + "x" + w;
            return kind == Kind.BATCH_NORM ? "bn " + in
                    : (kind == Kind.CONV ? "conv " : "convT ") + in + " -> " + o + " k" + k + " s" + stride;
        }
    }

    /** Names as used in {@code @Param}, in table order. */
    static final Map<String, Layer> ALL = new LinkedHashMap<>();

    static {
        conv("cgan.D.conv1", 64, 2, 28, 128, 3, 2);
        conv("cgan.D.conv2", 64, 128, 14, 128, 3, 2);
        convT("cgan.G.convT1", 128, 129, 7, 128, 4, 2);
        convT("cgan.G.convT2", 128, 128, 14, 128, 4, 2);
        conv("cgan.G.out", 128, 128, 28, 1, 7, 1);
        conv("acgan.D.conv1", 32, 1, 28, 32, 3, 2);
        conv("acgan.D.conv2", 32, 32, 14, 64, 3, 1);
        conv("acgan.D.conv3", 32, 64, 14, 128, 3, 2);
        conv("acgan.D.conv4", 32, 128, 7, 256, 3, 1);
        batchNorm("acgan.D.bn4", 32, 256, 7);
        convT("acgan.G.convT1", 64, 385, 7, 192, 5, 2);
        batchNorm("acgan.G.bn1", 64, 192, 14);
        convT("acgan.G.convT2", 64, 192, 14, 1, 5, 2);
        batchNorm("dcgan.G.bn0", 64, 128, 7);
        convT("dcgan.G.convT1", 64, 128, 7, 64, 5, 2);
        batchNorm("dcgan.G.bn1", 64, 64, 14);
        convT("dcgan.G.convT2", 64, 64, 14, 1, 5, 2);
        conv("dcgan.D.conv1", 128, 1, 28, 64, 5, 2);
        conv("dcgan.D.conv2", 128, 64, 14, 128, 5, 2);
        convT("cgan-mul.G.convT1", 32, 256, 7, 128, 3, 2);
        convT("cgan-mul.G.convT2", 32, 128, 14, 64, 3, 1);
        convT("cgan-mul.G.convT3", 32, 64, 14, 1, 3, 2);
        conv("cgan-mul.D.conv2", 32, 32, 14, 64, 3, 2);
        conv("cgan-mul.D.conv3", 32, 64, 7, 128, 3, 2);
    }

    private LayerShapes() {}

    private static void conv(String name, int n, int c, int hw, int o, int k, int stride) {
        ALL.put(name, new Layer(Kind.CONV, n, c, hw, hw, o, k, stride));
    }

    private static void convT(String name, int n, int c, int hw, int o, int k, int stride) {
        ALL.put(name, new Layer(Kind.CONV_T, n, c, hw, hw, o, k, stride));
    }

    private static void batchNorm(String name, int n, int c, int hw) {
        ALL.put(name, new Layer(Kind.BATCH_NORM, n, c, hw, hw, c, 1, 1));
    }

    static Layer get(String name) {
        Layer l = ALL.get(name);
        if (l == null) {
            throw new IllegalArgumentException("unknown layer '" + name + "'; known: " + ALL.keySet());
        }
        return l;
    }
}
