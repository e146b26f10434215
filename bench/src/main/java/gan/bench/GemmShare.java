package gan.bench;

import gan.tensor.Gemm;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.ShiftedPlanes;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a training step's time goes: in the GEMMs or around them. Every GEMM call of a few
 * steps is timed on the thread that makes it, and counted in core time: a call made inside
 * a parallel layer runs on its own thread (one core for its duration), a call from outside
 * the pool spreads over all threads. That gives the GEMMs' own rate per core, packing
 * included, on the shapes and caches of a real step (the "conv GEMMs at 70% of
 * peak"), their share of the step's core time, and the step's overall rate (its "50%").
 * The peak is measured in the same JVM with {@link VectorPeak}'s FMA chains, before and after.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar gan.bench.GemmShare variant=cgan</pre>
 *
 * Arguments are {@code key=value}: {@code variant=cgan threads=2 warmups=15 steps=20}.
 */
public final class GemmShare {
    private GemmShare() {}

    /** Runs the steps and prints the breakdown. */
    public static void main(String[] args) {
        Map<String, String> opt = JmhTables.parse("GemmShare", args);
        if (!Kernels.vectorModulePresent()) {
            System.err.println("GemmShare: run java with --add-modules jdk.incubator.vector (the GEMM would be "
                    + Kernels.gemm().name() + ")");
        }
        TrainingStepBench b = new TrainingStepBench();
        b.variant = opt.getOrDefault("variant", "cgan");
        b.threads = Integer.parseInt(opt.getOrDefault("threads", "2"));
        int warmups = Integer.parseInt(opt.getOrDefault("warmups", "15"));
        int steps = Integer.parseInt(opt.getOrDefault("steps", "20"));
        b.setUp();
        TimedGemm timed = new TimedGemm(Kernels.gemm());
        Kernels.setGemm(timed);
        try {
            double peakBefore = peakPerCore();
            b.step();
            long kernelFlops = KernelFlops.of(b::step);
            for (int i = 0; i < warmups; i++) {
                b.step();
            }
            timed.reset();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                b.step();
            }
            double step = (System.nanoTime() - t0) / 1e9 / steps;
            double busy = (processCpuNanos() - cpu0) / 1e9 / steps / step;
            // this machine's clock drifts by 10% over minutes: the peak around the steps, not once
            double peak = (peakBefore + peakPerCore()) / 2;
            print(b.variant, b.threads, step, kernelFlops / 1e9, timed, steps, peak);
            System.out.printf("  cores busy: %.2f of %d on average (process CPU time / wall time; the rest is idle)%n",
                    busy, b.threads);
        } finally {
            Kernels.setGemm(timed.inner);
            b.tearDown();
        }
    }

    private static void print(String variant, int threads, double step, double gflop, TimedGemm timed, int steps,
                              double peak) {
        double gemmGflop = timed.flops.sum() / 1e9 / steps;
        double gemmCoreSeconds = timed.coreNanos.sum() / 1e9 / steps;
        double coreSeconds = step * threads;
        System.out.printf("%s, %d threads, %d steps: %.3f s/step; one core's peak %.1f GFLOP/s%n", variant, threads,
                steps, step, peak);
        System.out.printf("  GEMMs: %.1f GFLOP in %.3f core-s per step = %.1f GFLOP/s per core, %.0f%% of peak;"
                + " %.0f%% of the step's core time%n", gemmGflop, gemmCoreSeconds, gemmGflop / gemmCoreSeconds,
                100 * gemmGflop / gemmCoreSeconds / peak, 100 * gemmCoreSeconds / coreSeconds);
        System.out.printf("  step:  %.1f GFLOP of kernel work = %.1f GFLOP/s, %.0f%% of the %d-core peak%n", gflop,
                gflop / step, 100 * gflop / step / (peak * threads), threads);
    }

    /** CPU time of the whole process (every thread, the JVM's own included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The best of three one-second windows of {@link VectorPeak}'s FMA chains, in GFLOP/s. */
    private static double peakPerCore() {
        VectorPeak p = new VectorPeak();
        VectorPeak.Flops counter = new VectorPeak.Flops();
        double best = 0;
        float sink = 0;
        for (int window = 0; window < 3; window++) {
            counter.reset();
            long t0 = System.nanoTime();
            long t;
            while ((t = System.nanoTime()) - t0 < 1_000_000_000L) {
                sink += p.fmaChains(counter);
            }
            best = Math.max(best, counter.flops / ((t - t0) / 1e9) / 1e9);
        }
        return sink == 42f ? best + 1e-9 : best;
    }

    /** A GEMM that adds up the flops and the core time of every call. */
    private static final class TimedGemm implements Gemm {
        final Gemm inner;
        final LongAdder flops = new LongAdder();
        final LongAdder coreNanos = new LongAdder();

        TimedGemm(Gemm inner) {
            this.inner = inner;
        }

        void reset() {
            flops.reset();
            coreNanos.reset();
        }

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b,
                          int bOff, float beta, float[] c, int cOff) {
            long t0 = System.nanoTime();
            inner.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
            count(t0, m, n, k);
        }

        // the two below forwarded, not left to the interface's defaults, which write the planes out first
        @Override
        public void sgemm(boolean transA, int m, int n, int k, float[] a, int aOff, ShiftedPlanes b, int row,
                          float beta, float[] c, int cOff) {
            long t0 = System.nanoTime();
            inner.sgemm(transA, m, n, k, a, aOff, b, row, beta, c, cOff);
            count(t0, m, n, k);
        }

        @Override
        public void sgemm(ShiftedPlanes a, int row, int m, int n, int k, float[] b, int bOff, float beta, float[] c,
                          int cOff) {
            long t0 = System.nanoTime();
            inner.sgemm(a, row, m, n, k, b, bOff, beta, c, cOff);
            count(t0, m, n, k);
        }

        /** Adds a call that started at t0: its flops, and its wall time times the cores it ran on. */
        private void count(long t0, int m, int n, int k) {
            int cores = Parallel.runsInline() ? 1 : Parallel.threads();
            coreNanos.add((System.nanoTime() - t0) * cores);
            flops.add(2L * m * n * k);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String description() {
            return inner.description();
        }
    }
}
