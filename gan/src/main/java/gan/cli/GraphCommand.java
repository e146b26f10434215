package gan.cli;

import gan.autograd.DotGraph;
import gan.autograd.Var;
import gan.autograd.ops.BinaryCrossEntropy;
import gan.layers.Module;
import gan.layers.Parameter;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import gan.train.GanException;
import gan.train.GanModel;
import gan.train.TrainingConfig;
import gan.train.Variant;
import gan.variants.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gan graph <variant> --out g.dot}: the graphs of ops behind one discriminator loss
 * and one generator loss (D frozen), on random inputs, as one Graphviz DOT file with two
 * clusters. Render with {@code dot -Tsvg g.dot -o g.svg}.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Write the op graphs of one discriminator and one generator loss as Graphviz DOT.",
            "Render with: dot -Tsvg FILE.dot -o FILE.svg"})
final class GraphCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "VARIANT",
            description = "gan, cgan, acgan, dcgan, cgan-mul, cgan-cifar, pix2pix")
    String variantName;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .dot file.")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "2",
            description = "Batch size shown in the shapes (default ${DEFAULT-VALUE}).")
    int batch;

    GraphCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new GanException("graph: --batch must be at least 1, got " + batch);
        }
        Variant v = ctx.variant(variantName);
        TrainingConfig config = v.defaults();
        Rng rng = new Rng(config.seed);
        GanModel model = v.create(config, rng);
        try {
            Files.writeString(out, graphs(v.name(), model, batch, rng));
        } catch (IOException e) {
            throw new GanException("graph: cannot write " + out + ": " + e.getMessage());
        }
        ctx.out.println("wrote " + out + " (render: dot -Tsvg " + out + " -o graph.svg)");
        return 0;
    }

    /** Both step graphs of {@code model}, on random inputs of {@code n} examples. */
    static String graphs(String name, GanModel model, int n, Rng rng) {
        Network g = (Network) model.generator();
        Network d = (Network) model.discriminator();
        Map<Var, String> names = new IdentityHashMap<>();
        addNames(names, g);
        addNames(names, d);
        int[] gLabels = g.numClasses() > 0 ? randomLabels(rng, n, g.numClasses()) : null;
        int[] dLabels = d.numClasses() > 0 ? randomLabels(rng, n, d.numClasses()) : null;
        List<Var> gIn = randomInputs(g, n, rng);
        DotGraph.Clusters dot = new DotGraph.Clusters(name, names);
        g.setTraining(true);
        d.setTraining(true);
        // D's step: real (here random) images in, target 1; the generator is not in this graph
        Var dOut = d.forward(randomInputs(d, n, rng), dLabels).get(0);
        dot.add("discriminator step: BCE(D(x), 1)", BinaryCrossEntropy.keras(dOut, ones(dOut)));
        d.setFrozen(true);
        try {
            Var fake = g.forward(gIn, gLabels).get(0);
            // a conditional D judges the fakes under the labels G was given (AC-GAN's D takes none)
            int[] fakeLabels = dLabels == null ? null : gLabels != null ? gLabels : dLabels;
            Var gOut = d.forward(withFake(d, gIn, fake, n, rng), fakeLabels).get(0);
            dot.add("generator step: BCE(D(G(z)), 1), D frozen", BinaryCrossEntropy.keras(gOut, ones(gOut)));
        } finally {
            d.setFrozen(false);
        }
        return dot.write();
    }

    private static void addNames(Map<Var, String> names, Module m) {
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            names.put(e.getValue().var(), m.name() + "." + e.getKey());
        }
    }

    /** One random constant [n, ...shape] per input of {@code net}. */
    private static List<Var> randomInputs(Network net, int n, Rng rng) {
        List<Var> in = new ArrayList<>();
        for (Network.Input i : net.inputs()) {
            in.add(Var.constant(Tensor.uniform(rng, -1f, 1f, batchShape(n, i.shape()))));
        }
        return in;
    }

    /**
     * D's inputs for the generator step: the last input shaped like G's output is the fake;
     * an input shaped like one of G's inputs (pix2pix's source image) reuses it.
     */
    private static List<Var> withFake(Network d, List<Var> gIn, Var fake, int n, Rng rng) {
        List<Network.Input> ins = d.inputs();
        int fakeAt = -1;
        for (int i = 0; i < ins.size(); i++) {
            if (Arrays.equals(batchShape(n, ins.get(i).shape()), fake.shape())) {
                fakeAt = i;
            }
        }
        List<Var> out = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            int[] shape = batchShape(n, ins.get(i).shape());
            Var same = null;
            for (Var x : gIn) {
                same = same == null && Arrays.equals(x.shape(), shape) ? x : same;
            }
            out.add(i == fakeAt ? fake : same != null ? same : Var.constant(Tensor.uniform(rng, -1f, 1f, shape)));
        }
        return out;
    }

    private static int[] batchShape(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static Tensor ones(Var v) {
        return Tensor.full(1f, v.shape());
    }

    private static int[] randomLabels(Rng rng, int n, int classes) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = rng.nextInt(classes);
        }
        return l;
    }
}
