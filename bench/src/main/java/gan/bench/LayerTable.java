package gan.bench;

import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link LayerBench} through JMH and prints, per layer and pass, the time, GFLOP/s and
 * the share of the measured peak of the cores used. Arguments are {@code key=value}:
 * {@code layers=cgan.G.convT2,... (or all) passes=forward,backwardData,backwardWeights
 * threads=2 warmups=2 iterations=3 seconds=1 peak=true}.
 *
 * <pre>java -cp bench/target/benchmarks.jar gan.bench.LayerTable layers=all</pre>
 */
public final class LayerTable {
    private LayerTable() {}

    /** Runs the benchmarks and prints the table. */
    public static void main(String[] args) throws RunnerException {
        Map<String, String> opt = JmhTables.parse("LayerTable", args);
        String layers = opt.getOrDefault("layers", "all");
        String[] names = layers.equals("all") ? LayerShapes.ALL.keySet().toArray(new String[0]) : layers.split(",");
        for (String name : names) {
            LayerShapes.get(name);
        }
        ChainedOptionsBuilder b = JmhTables.quick(new OptionsBuilder().include(LayerBench.class.getName() + ".run"), opt)
                .param("layer", names)
                .param("pass", opt.getOrDefault("passes", "forward,backwardData,backwardWeights").split(","))
                .param("threads", opt.getOrDefault("threads", "2").split(","));
        Collection<RunResult> results = new Runner(b.build()).run();
        System.out.println(table(results, JmhTables.peaks(opt, JmhTables.threadCounts(opt.getOrDefault("threads", "2")))));
    }

    static String table(Collection<RunResult> results, Map<Integer, Double> peaks) {
        StringBuilder s = new StringBuilder(String.format("%-20s %-34s %-15s %7s %10s %9s %7s%n",
                "layer", "shape", "pass", "threads", "µs", "GFLOP/s", "% peak"));
        for (RunResult r : results) {
            String name = r.getParams().getParam("layer");
            int threads = Integer.parseInt(r.getParams().getParam("threads"));
            LayerShapes.Layer layer = LayerShapes.get(name);
            double micros = r.getPrimaryResult().getScore();
            double gflops = layer.flops() / (micros * 1e3);
            s.append(String.format("%-20s %-34s %-15s %7d %10.0f %9s %7s%n", name, layer,
                    r.getParams().getParam("pass"), threads, micros,
                    Double.isNaN(gflops) ? "-" : String.format("%.1f", gflops),
                    JmhTables.percentOfPeak(gflops, peaks, threads)));
        }
        s.append(JmhTables.peakLine(peaks));
        return s.toString();
    }
}
