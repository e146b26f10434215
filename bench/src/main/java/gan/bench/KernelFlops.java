package gan.bench;

import gan.tensor.Gemm;
import gan.tensor.Kernels;
import gan.tensor.PlaneCorrelation;
import gan.tensor.ShiftedPlanes;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the floating-point work a piece of code hands to the engine's kernels: it puts
 * counting wrappers around {@link Kernels#gemm()} and {@link Kernels#planeCorrelation()}
 * (2·m·n·k per GEMM, 2·channels·kh·kw·span per plane correlation), runs the code, and puts
 * the kernels back. Elementwise ops, BatchNorm and optimizers are not counted: the figure
 * is the multiply-add work, the part a machine's FMA peak is about.
 */
final class KernelFlops {
    private KernelFlops() {}

    /** Flops the kernels did while {@code work} ran. */
    static long of(Runnable work) {
        Gemm gemm = Kernels.gemm();
        PlaneCorrelation planes = Kernels.planeCorrelation();
        LongAdder flops = new LongAdder();
        Kernels.setGemm(new Gemm() {
            @Override
            public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b,
                              int bOff, float beta, float[] c, int cOff) {
                flops.add(2L * m * n * k);
                gemm.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
            }

            @Override
            public void sgemm(boolean transA, int m, int n, int k, float[] a, int aOff, ShiftedPlanes b, int row,
                              float beta, float[] c, int cOff) {
                flops.add(2L * m * n * k);
                gemm.sgemm(transA, m, n, k, a, aOff, b, row, beta, c, cOff);
            }

            @Override
            public void sgemm(ShiftedPlanes a, int row, int m, int n, int k, float[] b, int bOff, float beta,
                              float[] c, int cOff) {
                flops.add(2L * m * n * k);
                gemm.sgemm(a, row, m, n, k, b, bOff, beta, c, cOff);
            }

            @Override
            public String name() {
                return gemm.name();
            }
        });
        Kernels.setPlaneCorrelation(new PlaneCorrelation() {
            @Override
            public String name() {
                return planes.name();
            }

            @Override
            public void correlate(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] w, int wOff,
                                  int kh, int kw, float[] out, int outOff, int span) {
                flops.add(2L * channels * kh * kw * span);
                planes.correlate(x, xOff, channels, planeSize, rowStride, w, wOff, kh, kw, out, outOff, span);
            }

            @Override
            public void weightGradient(float[] x, int xOff, int channels, int planeSize, int rowStride, float[] g,
                                       int gOff, int kh, int kw, float[] dw, int dwOff, int span) {
                flops.add(2L * channels * kh * kw * span);
                planes.weightGradient(x, xOff, channels, planeSize, rowStride, g, gOff, kh, kw, dw, dwOff, span);
            }
        });
        try {
            work.run();
        } finally {
            Kernels.setGemm(gemm);
            Kernels.setPlaneCorrelation(planes);
        }
        return flops.sum();
    }
}
