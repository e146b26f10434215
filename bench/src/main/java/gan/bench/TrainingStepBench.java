package gan.bench;

import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import gan.train.Batch;
import gan.train.GanModel;
import gan.train.TrainingConfig;
import gan.train.Variant;
import gan.variants.Variants;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole training step (D on real, D on fake, G through the frozen D, both optimizer
 * updates) of a variant with its tutorial's defaults, in seconds per step: the figure the
 * PyTorch comparison ({@code bench/compare-pytorch.sh}) is about, and what the kernel
 * benchmarks must add up to. The real batch is a fixed synthetic one (uniform pixels in
 * [-1, 1], random labels), so no dataset is needed; a step costs the same whatever the
 * pixels. Run with {@code -prof gc} for the allocation per step.
 *
 * <p>{@link #main} times the same step without JMH, with the warm-up and step counts of
 * {@code bench/pytorch_step.py}, for the side-by-side comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBench {
    /** The variant, by its command-line name. */
    @Param({"cgan", "acgan", "dcgan"})
    public String variant;

    /** Worker threads. */
    @Param({"2"})
    public int threads;

    private GanModel model;
    private Batch batch;
    private Rng rng;
    private int savedThreads;

    /** Builds the model from the variant's defaults and a fixed synthetic batch. */
    @Setup(Level.Trial)
    public void setUp() {
        savedThreads = Parallel.threads();
        Parallel.setThreads(threads);
        Variant v = Variants.byName(variant);
        TrainingConfig config = v.defaults();
        model = v.create(config, new Rng(config.seed));
        Rng data = new Rng(42);
        int n = model.realPerStep();
        // cgan, acgan and dcgan all train on 28x28 grey images (Fashion-MNIST).
        Tensor images = Tensor.uniform(data, -1f, 1f, n, 1, 28, 28);
        int[] labels = null;
        if (model.numClasses() > 0) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = data.nextInt(model.numClasses());
            }
        }
        batch = new Batch(images, labels, null);
        rng = new Rng(7);
    }

    /** Restores the thread count other benchmarks in this JVM expect. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(savedThreads);
    }

    /**
     * {@code TrainingStepBench [variant] [threads] [steps] [warmup]} (defaults cgan 2 5 2):
     * prints "engine &lt;seconds per step&gt; s/step" after the warm-up steps, as the PyTorch
     * script does.
     */
    public static void main(String[] args) {
        TrainingStepBench b = new TrainingStepBench();
        b.variant = args.length > 0 ? args[0] : "cgan";
        b.threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        b.setUp();
        for (int i = 0; i < warmup; i++) {
            b.step();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            b.step();
        }
        System.out.printf("engine %.4f s/step%n", (System.nanoTime() - t0) / 1e9 / Math.max(1, steps));
        b.tearDown();
    }

    /** One training step; returns its metrics so the work cannot be optimized away. */
    @Benchmark
    public float[] step() {
        return model.trainStep(batch, rng);
    }
}
