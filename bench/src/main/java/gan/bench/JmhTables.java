package gan.bench;

import gan.cli.HugePages;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the table printers ({@link GemmTable}, {@link LayerTable}) share: {@code key=value}
 * arguments, short JMH runs, and the measured fp32 peak of one core ({@link VectorPeak})
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
     * The fp32 FMA peak of one core in GFLOP/s, measured now, or NaN when {@code peak=false}:
     * the better of two forks. Now and then a fork's FMA loop ends up in a boxing compile
     * (bench/README.md) and runs at ~3% of the machine's speed; a peak can only be
     * under-measured, so the larger fork is the truer one.
     */
    static double peak(Map<String, String> opt) throws RunnerException {
        if (!Boolean.parseBoolean(opt.getOrDefault("peak", "true"))) {
            return Double.NaN;
        }
        Collection<RunResult> r = new Runner(quick(new OptionsBuilder().include(VectorPeak.class.getName()), opt)
                .forks(2).build()).run();
        double best = 0;
        for (BenchmarkResult fork : r.iterator().next().getBenchmarkResults()) {
            best = Math.max(best, fork.getSecondaryResults().get("flops").getScore());
        }
        return best / 1e9;
    }

    /** {@code gflops} as a percentage of {@code threads} cores at {@code peak} each, or "-" without a peak. */
    static String percentOfPeak(double gflops, double peak, int threads) {
        return Double.isNaN(peak) || Double.isNaN(gflops) ? "-" : String.format("%.0f%%", 100 * gflops / (peak * threads));
    }
}
