package gan.bench;

import gan.autograd.Var;
import gan.autograd.ops.BatchNormalization;
import gan.autograd.ops.Convolution;
import gan.autograd.ops.Padding;
import gan.autograd.ops.TransposedConvolution;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
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
 * One pass of one layer of a variant ({@link LayerShapes}), through the same autograd ops
 * a training step runs: {@code forward}; {@code backwardData}, the gradient to the input
 * only (a generator training through a frozen discriminator); {@code backwardWeights}, the
 * gradient to the weights and bias only (a discriminator's first layer, whose input is
 * data). For BatchNorm "weights" are γ and β. Times are per pass; {@link LayerTable} turns
 * them into GFLOP/s and a share of the machine's peak.
 *
 * <p>A backward pass needs the graph a forward pass leaves, and backward releases it, so
 * the forward runs in an invocation-level setup, outside the timing: every pass here takes
 * milliseconds, far above JMH's per-invocation overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LayerBench {
    /** A key of {@link LayerShapes#ALL}. */
    @Param({"cgan.D.conv2", "cgan.G.convT1", "cgan.G.convT2", "cgan.G.out"})
    public String layer;

    /** forward, backwardData or backwardWeights. */
    @Param({"forward", "backwardData", "backwardWeights"})
    public String pass;

    /** Worker threads. */
    @Param({"2"})
    public int threads;

    private LayerShapes.Layer shape;
    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor dy;
    private float[] runningMean;
    private float[] runningVar;
    private Var xv;
    private Var wv;
    private Var bv;
    private Var out;
    private int savedThreads;

    /** Random input, weights and output gradient of the layer's shapes. */
    @Setup(Level.Trial)
    public void setUp() {
        savedThreads = Parallel.threads();
        Parallel.setThreads(threads);
        shape = LayerShapes.get(layer);
        if (!pass.equals("forward") && !pass.equals("backwardData") && !pass.equals("backwardWeights")) {
            throw new IllegalArgumentException("pass must be forward, backwardData or backwardWeights, got " + pass);
        }
        Rng rng = new Rng(3);
        x = Tensor.uniform(rng, -1f, 1f, shape.n, shape.c, shape.h, shape.w);
        switch (shape.kind) {
            case CONV:
                w = Tensor.uniform(rng, -0.1f, 0.1f, shape.o, shape.c, shape.k, shape.k);
                break;
            case CONV_T:
                w = Tensor.uniform(rng, -0.1f, 0.1f, shape.c, shape.o, shape.k, shape.k);
                break;
            default:
                w = Tensor.uniform(rng, 0.5f, 1.5f, shape.c);
                runningMean = new float[shape.c];
                runningVar = new float[shape.c];
        }
        b = Tensor.uniform(rng, -0.1f, 0.1f, shape.o);
        dy = Tensor.uniform(rng, -1f, 1f, forward(Var.constant(x), Var.constant(w), Var.constant(b)).shape());
    }

    /** Builds the graph a backward pass starts from, with only the wanted gradients switched on. */
    @Setup(Level.Invocation)
    public void prepare() {
        boolean data = !pass.equals("backwardWeights");
        boolean weights = !pass.equals("backwardData");
        xv = data ? Var.param(x) : Var.constant(x);
        wv = weights ? Var.param(w) : Var.constant(w);
        bv = weights ? Var.param(b) : Var.constant(b);
        out = pass.equals("forward") ? null : forward(xv, wv, bv);
    }

    /** Restores the thread count other benchmarks in this JVM expect. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(savedThreads);
    }

    /** The timed pass; returns a result so it cannot be optimized away. */
    @Benchmark
    public Object run() {
        if (pass.equals("forward")) {
            return forward(xv, wv, bv).value();
        }
        out.backward(dy);
        return pass.equals("backwardData") ? xv.grad() : wv.grad();
    }

    private Var forward(Var in, Var weight, Var bias) {
        switch (shape.kind) {
            case CONV:
                return Convolution.apply(in, weight, bias, shape.stride, Padding.SAME);
            case CONV_T:
                return TransposedConvolution.apply(in, weight, bias, shape.stride, Padding.SAME);
            default:
                return BatchNormalization.training(in, weight, bias, runningMean, runningVar, 0.99f, 1e-3f);
        }
    }
}
