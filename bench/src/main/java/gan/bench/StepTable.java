package gan.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link TrainingStepBench} through JMH and prints, per variant, seconds per step, the
 * kernel work of one step ({@link KernelFlops}, counted here in a step outside the timing),
 * the GFLOP/s that makes, and its share of the peak measured with as many threads. Arguments
 * are {@code key=value}: {@code variants=cgan,acgan,dcgan threads=2 warmups=3 iterations=5
 * seconds=5 peak=true}; add {@code prof=gc} for JMH's allocation figures per step.
 *
 * <pre>java -cp bench/target/benchmarks.jar gan.bench.StepTable variants=cgan</pre>
 */
public final class StepTable {
    private StepTable() {}

    /** Runs the benchmarks and prints the table. */
    public static void main(String[] args) throws RunnerException {
        Map<String, String> opt = JmhTables.parse("StepTable", args);
        opt.putIfAbsent("warmups", "3");
        opt.putIfAbsent("iterations", "5");
        opt.putIfAbsent("seconds", "5");
        String[] variants = opt.getOrDefault("variants", "cgan,acgan,dcgan").split(",");
        ChainedOptionsBuilder b = JmhTables.quick(new OptionsBuilder().include(TrainingStepBench.class.getName() + ".step"),
                opt).param("variant", variants).param("threads", opt.getOrDefault("threads", "2").split(","));
        List<Integer> threadCounts = JmhTables.threadCounts(opt.getOrDefault("threads", "2"));
        if (opt.containsKey("prof")) {
            b = b.addProfiler(opt.get("prof"));
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        Map<Integer, Double> peaks = JmhTables.peaks(opt, threadCounts);
        StringBuilder s = new StringBuilder(String.format("%-10s %7s %10s %12s %9s %7s %14s%n",
                "variant", "threads", "s/step", "GFLOP/step", "GFLOP/s", "% peak", "MB alloc/step"));
        for (RunResult r : results) {
            String variant = r.getParams().getParam("variant");
            int threads = Integer.parseInt(r.getParams().getParam("threads"));
            double seconds = r.getPrimaryResult().getScore();
            double gflop = stepFlops(variant, threads) / 1e9;
            var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            s.append(String.format("%-10s %7d %10.3f %12.1f %9.1f %7s %14s%n", variant, threads, seconds, gflop,
                    gflop / seconds, JmhTables.percentOfPeak(gflop / seconds, peaks, threads),
                    alloc == null ? "-" : String.format("%.0f", alloc.getScore() / 1e6)));
        }
        s.append(JmhTables.peakLine(peaks));
        System.out.print(s);
    }

    /** The kernel flops of one training step of {@code variant}, after one uncounted step. */
    static long stepFlops(String variant, int threads) {
        TrainingStepBench b = new TrainingStepBench();
        b.variant = variant;
        b.threads = threads;
        b.setUp();
        try {
            b.step();
            return KernelFlops.of(b::step);
        } finally {
            b.tearDown();
        }
    }
}
