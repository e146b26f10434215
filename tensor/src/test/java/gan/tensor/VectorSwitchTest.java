package gan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The same convolution on the vector path and on the fallback path, switched in this JVM
 * through {@link Kernels#setGemm}; and a child JVM without the incubator module, which
 * must run on the fallback without ever linking the Vector API class.
 */
class VectorSwitchTest {
    @Test
    void convolutionAgreesOnVectorAndFallbackPaths() {
        Gemm before = Kernels.gemm();
        try {
            ConvGeometry g = ConvGeometry.same(16, 14, 14, 3, 3, 2);
            Rng rng = new Rng(21);
            float[] img = GemmTest.random(rng, g.inSize());
            float[] w = GemmTest.random(rng, 32 * g.patchSize());
            Kernels.setGemm(Kernels.choose("vector"));
            float[] fast = conv(g, img, w);
            Kernels.setGemm(Kernels.choose("java"));
            float[] slow = conv(g, img, w);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(slow[i], fast[i], 1e-4f * (1 + Math.abs(slow[i])), "output " + i);
            }
        } finally {
            Kernels.setGemm(before);
        }
        assertEquals(before, Kernels.gemm());
    }

    @Test
    void jvmWithoutVectorModuleFallsBackAndComputesCorrectly() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"), NoVectorMain.class.getName())
                .redirectErrorStream(true).start();
        String out = read(p.getInputStream());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("module absent"), out);
        assertTrue(out.contains("available: jblas java"), out);
        assertTrue(out.contains("result ok"), out);
        // -verbose:class logs every class loaded: the vector backend must not be among them.
        assertFalse(out.contains("gan.tensor.VectorGemm"), "VectorGemm was loaded without the module");
        assertTrue(out.contains("strided copy: java"), out);
        assertFalse(out.contains("gan.tensor.VectorStridedCopy"), "VectorStridedCopy was loaded without the module");
        assertTrue(out.contains("activations: java ok"), out);
        assertFalse(out.contains("gan.tensor.VectorActivations"), "VectorActivations was loaded without the module");
        assertTrue(out.contains("gan.tensor.JblasGemm"), "class loading log missing");
    }

    private static float[] conv(ConvGeometry g, float[] img, float[] w) {
        float[] cols = new float[g.patchSize() * g.outPixels()];
        Im2col.im2col(g, img, 0, cols);
        float[] out = new float[32 * g.outPixels()];
        Kernels.gemm().sgemm(false, false, 32, g.outPixels(), g.patchSize(), w, 0, cols, 0, 0f, out, 0);
        return out;
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
