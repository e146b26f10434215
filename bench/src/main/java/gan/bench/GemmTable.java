package gan.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GemmBench} (and {@link VectorPeak}) through JMH and prints GFLOP/s per
 * backend, thread count and shape, with the ratio to jblas and the share of the fp32 peak
 * measured with that many threads at once. Arguments are
 * {@code key=value}: {@code backends=vector,jblas,java threads=1,2 shapes=dConv2Fwd,...
 * warmups=2 iterations=3 seconds=1 peak=true}.
 *
 * <pre>java -cp bench/target/benchmarks.jar gan.bench.GemmTable shapes=conv3x3at28</pre>
 */
public final class GemmTable {
    private GemmTable() {}

    /** Runs the benchmarks and prints the table. */
    public static void main(String[] args) throws RunnerException {
        Map<String, String> opt = JmhTables.parse("GemmTable", args);
        String[] shapes = opt.getOrDefault("shapes", String.join(",", CganShapes.ALL.keySet())).split(",");
        ChainedOptionsBuilder b = JmhTables.quick(new OptionsBuilder().include(GemmBench.class.getName() + ".sgemm"), opt)
                .param("backend", opt.getOrDefault("backends", "vector,jblas,java").split(","))
                .param("threads", opt.getOrDefault("threads", "1,2").split(","))
                .param("shape", shapes);
        Collection<RunResult> results = new Runner(b.build()).run();
        System.out.println(table(results, JmhTables.peaks(opt, JmhTables.threadCounts(opt.getOrDefault("threads", "1,2")))));
    }



    static String table(Collection<RunResult> results, Map<Integer, Double> peaks) {
        Map<String, Double> jblas = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (RunResult r : results) {
            String backend = r.getParams().getParam("backend");
            String threads = r.getParams().getParam("threads");
            String shape = r.getParams().getParam("shape");
            double gflops = r.getPrimaryResult().getScore() * CganShapes.get(shape).flops() / 1e9;
            if (backend.equals("jblas")) {
                jblas.put(shape + "/" + threads, gflops);
            }
            rows.add(new String[] {shape, CganShapes.get(shape).toString(), threads, backend, String.valueOf(gflops)});
        }
        StringBuilder s = new StringBuilder(String.format("%-16s %-18s %7s %-7s %9s %9s %7s%n",
                "shape", "m x n x k", "threads", "backend", "GFLOP/s", "vs jblas", "% peak"));
        for (String[] row : rows) {
            double g = Double.parseDouble(row[4]);
            Double base = jblas.get(row[0] + "/" + row[2]);
            s.append(String.format("%-16s %-18s %7s %-7s %9.1f %9s %7s%n", row[0], row[1], row[2], row[3], g,
                    base == null ? "-" : String.format("%.2fx", g / base),
                    JmhTables.percentOfPeak(g, peaks, Integer.parseInt(row[2]))));
        }
        s.append(JmhTables.peakLine(peaks));
        return s.toString();
    }
}
