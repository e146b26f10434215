package gan.bench;

import gan.cli.HugePages;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the table printers ({@link GemmTable}, {@link LayerTable}) share: {@code key=value}
 * arguments, short JMH runs, and the measured fp32 peak of the cores used ({@link VectorPeak})
 * that GFLOP/s figures are divided by.
 */
final class JmhTables {
    private JmhTables() {}

    /** {@code key=value} arguments as a map. */
    static Map<String, String> parse(String program, String[] args) {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(program + ": expected key=value, got '" + a + "'");
            }
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }

    /** One fork with the warm-up and measurement counts of {@code warmups}, {@code iterations}, {@code seconds}. */
    static ChainedOptionsBuilder quick(ChainedOptionsBuilder b, Map<String, String> opt) {
        TimeValue t = TimeValue.seconds(Long.parseLong(opt.getOrDefault("seconds", "1")));
        List<String> jvm = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
        jvm.addAll(HugePages.jvmFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        // the forks run as 'java -jar gan.jar' runs its restarted child: Vector API, huge pages
        return b.forks(1).jvmArgsAppend(jvm.toArray(new String[0]))
                .warmupIterations(Integer.parseInt(opt.getOrDefault("warmups", "2")))
                .measurementIterations(Integer.parseInt(opt.getOrDefault("iterations", "3")))
                .warmupTime(t).measurementTime(t);
    }

    /**
     * The fp32 FMA peak in GFLOP/s of each thread count in {@code threads}, that many
     * threads running {@link VectorPeak} at once, so that a figure at 2 threads is divided by
     * what both cores do together, not by twice what one does alone (here 390-416 against
     * 2 x 200-215, the same minute); empty when {@code peak=false}.
     * Each is the better of two forks: now and then a fork's FMA loop ends up in a boxing
     * compile (bench/README.md) and runs at ~3% of the machine's speed; a peak can only be
     * under-measured, so the larger fork is the truer one.
     */
    static Map<Integer, Double> peaks(Map<String, String> opt, Collection<Integer> threads) throws RunnerException {
        Map<Integer, Double> peaks = new TreeMap<>();
        if (!Boolean.parseBoolean(opt.getOrDefault("peak", "true"))) {
            return peaks;
        }
        for (int t : new TreeSet<>(threads)) {
            Collection<RunResult> r = new Runner(quick(new OptionsBuilder().include(VectorPeak.class.getName()), opt)
                    .threads(t).forks(2).build()).run();
            double best = 0;
            for (BenchmarkResult fork : r.iterator().next().getBenchmarkResults()) {
                best = Math.max(best, fork.getSecondaryResults().get("flops").getScore());
            }
            peaks.put(t, best / 1e9);
        }
        return peaks;
    }

    /** {@code gflops} as a percentage of the peak measured with {@code threads} threads, or "-" without one. */
    static String percentOfPeak(double gflops, Map<Integer, Double> peaks, int threads) {
        Double peak = peaks.get(threads);
        return peak == null || Double.isNaN(gflops) ? "-" : String.format("%.0f%%", 100 * gflops / peak);
    }

    /** The line under a table that says what its percentages are of, or "" without peaks. */
    static String peakLine(Map<Integer, Double> peaks) {
        if (peaks.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("Vector API fp32 FMA peak, measured now:");
        peaks.forEach((t, g) -> s.append(String.format(" %d thread%s %.1f GFLOP/s;", t, t == 1 ? "" : "s", g)));
        s.setCharAt(s.length() - 1, '\n');
        return s.toString();
    }

    /** The thread counts of a {@code threads} argument. */
    static List<Integer> threadCounts(String list) {
        List<Integer> counts = new ArrayList<>();
        for (String t : list.split(",")) {
            counts.add(Integer.parseInt(t.trim()));
        }
        return counts;
    }
}
