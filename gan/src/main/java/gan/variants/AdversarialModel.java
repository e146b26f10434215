package gan.variants;

import gan.autograd.NoGrad;
import gan.autograd.Var;
import gan.layers.BatchNorm;
import gan.layers.Module;
import gan.layers.optim.Optimizer;
import gan.tensor.Arena;
import gan.tensor.Rng;
import gan.tensor.Shape;
import gan.tensor.Tensor;
import gan.train.Batch;
import gan.train.GanModel;
import gan.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every variant's model shares: the two networks, one optimizer each, and the two
 * halves of a step, {@link #trainDiscriminator} then {@link #trainGenerator}.
 *
 * <p>The discriminator is one object. Keras' composite model with
 * {@code discriminator.trainable = False} is reproduced by {@link #updateGenerator}: D runs
 * in training mode (its Dropout is active, as in {@code train_on_batch}), its parameters
 * are frozen (no weight gradients are computed) and only G's optimizer steps. Its
 * BatchNorm layers either keep normalizing with batch statistics and updating their moving
 * averages there (standalone Keras 2, and the AC-GAN and pix2pix listings, which leave
 * BatchNorm trainable), or run in inference mode (what TF2's tf.keras does for a
 * non-trainable BatchNorm); each model says which.
 *
 * <p>Images the discriminator is trained on as fakes come from {@link #generate}, i.e.
 * Keras' {@code generator.predict}: G in inference mode, no graph.
 */
abstract class AdversarialModel implements GanModel {
    /** Optimizer role of the generator. */
    static final String GENERATOR = "generator";
    /** Optimizer role of the discriminator. */
    static final String DISCRIMINATOR = "discriminator";

    final TrainingConfig config;
    private final Network generator;
    private final Network discriminator;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private final Rng dropoutRng;
    private final boolean frozenBatchNormTrains;
    /** The big arrays of a step, lent again to the next (null: plain allocation). */
    private Arena arena = new Arena();

    AdversarialModel(TrainingConfig config, Network generator, Network discriminator, Optimizer generatorOptimizer,
            Optimizer discriminatorOptimizer, Rng dropoutRng, boolean frozenBatchNormTrains) {
        this.config = config;
        this.generator = generator;
        this.discriminator = discriminator;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.dropoutRng = dropoutRng;
        this.frozenBatchNormTrains = frozenBatchNormTrains;
    }

    @Override
    public Network generator() {
        return generator;
    }

    @Override
    public Network discriminator() {
        return discriminator;
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        Map<String, Optimizer> m = new LinkedHashMap<>();
        m.put(GENERATOR, generatorOptimizer);
        m.put(DISCRIMINATOR, discriminatorOptimizer);
        return m;
    }

    @Override
    public Map<String, Rng> randomStreams() {
        return Map.of("dropout", dropoutRng);
    }

    @Override
    public int numClasses() {
        return generator.numClasses();
    }

    @Override
    public float[] trainStep(Batch real, Rng rng) {
        checkBatch(real);
        StepMetrics m = new StepMetrics(metricNames());
        // Everything the step allocates dies with it: it returns only numbers.
        try (Arena.Scope step = arena == null ? null : arena.enter()) {
            trainDiscriminator(real, rng, m);
            trainGenerator(real, rng, m);
        }
        return m.values();
    }

    /** Replaces the arena the steps borrow their arrays from; null allocates them. For tests. */
    void setArena(Arena arena) {
        this.arena = arena;
    }

    /** D's half of a step: its updates on real and fake examples. */
    abstract void trainDiscriminator(Batch real, Rng rng, StepMetrics m);

    /** G's half of a step: one update through the frozen discriminator. */
    abstract void trainGenerator(Batch real, Rng rng, StepMetrics m);

    /** Checks that the batch carries what this variant needs (labels, targets). */
    abstract void checkBatch(Batch real);

    /**
     * Runs {@code loss} (a forward pass of D in training mode and its loss), backpropagates
     * it and steps D's optimizer. Returns the loss for reporting.
     */
    final Var updateDiscriminator(Supplier<Var> loss) {
        discriminator.setTraining(true);
        discriminator.zeroGrad();
        Var l = loss.get();
        l.backward();
        discriminatorOptimizer.step();
        return l;
    }

    /**
     * Runs {@code loss} (G in training mode, through the frozen D), backpropagates it into
     * G only and steps G's optimizer. Returns the loss for reporting.
     */
    final Var updateGenerator(Supplier<Var> loss) {
        generator.setTraining(true);
        discriminator.setTraining(true);
        if (!frozenBatchNormTrains) {
            setBatchNormTraining(discriminator, false);
        }
        discriminator.setFrozen(true);
        try {
            generator.zeroGrad();
            Var l = loss.get();
            l.backward();
            generatorOptimizer.step();
            return l;
        } finally {
            discriminator.setFrozen(false);
            discriminator.setTraining(true);
        }
    }

    /** G's output in training mode (the graph is recorded). */
    final Var generatorOutput(Var input, int[] labels) {
        return generator.forward(List.of(input), labels).get(0);
    }

    /** Labels given to a model that takes none (e.g. from a sample grid's columns) are ignored. */
    @Override
    public Tensor generate(Tensor latent, int[] labels) {
        int[] used = numClasses() == 0 ? null : labels;
        checkGeneratorInput(latent, used);
        boolean wasTraining = generator.isTraining();
        generator.setTraining(false);
        try (NoGrad ignored = NoGrad.enter()) {
            return generatorOutput(Var.constant(latent), used).value();
        } finally {
            generator.setTraining(wasTraining);
        }
    }

    /** Validates the arguments of {@link #generate}; noise models check [N, latentDim]. */
    void checkGeneratorInput(Tensor latent, int[] labels) {
        if (latent.rank() != 2 || latent.dim(1) != latentDim()) {
            throw new IllegalArgumentException(config.variant + ": generate() needs latent points [N, " + latentDim()
                    + "], got " + Shape.str(latent.shape()));
        }
        if (numClasses() > 0 && (labels == null || labels.length != latent.dim(0))) {
            throw new IllegalArgumentException(config.variant + ": generate() needs " + latent.dim(0) + " labels, got "
                    + (labels == null ? "none" : labels.length));
        }
    }

    /** Puts every BatchNorm inside {@code m} into training or inference mode. */
    static void setBatchNormTraining(Module m, boolean on) {
        if (m instanceof BatchNorm) {
            m.setTraining(on);
            return;
        }
        for (Module c : m.children()) {
            setBatchNormTraining(c, on);
        }
    }

    /** A tensor of the given shape filled with {@code value} (targets 1 and 0). */
    static Tensor filled(float value, int... shape) {
        return Tensor.full(value, shape);
    }
}
