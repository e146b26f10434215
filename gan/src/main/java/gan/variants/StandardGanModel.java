package gan.variants;

import gan.autograd.Var;
import gan.autograd.ops.BinaryCrossEntropy;
import gan.layers.optim.Optimizer;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import gan.train.Batch;
import gan.train.TrainingConfig;
import java.util.List;

/**
 * The training step of gan, cgan, cgan-cifar and cgan-mul (Keras {@code train_on_batch}
 * three times): D on the real batch with target 1, D on as many generated images with
 * target 0, then G through the frozen D on {@code batchSize} new latent points (and random
 * labels) with target 1. Losses are Keras' binary cross-entropy as a compiled model computes
 * it: from D's logits ({@link BinaryCrossEntropy#keras}).
 *
 * <p>Variants differ in how many real examples a step takes (half the batch for the
 * machinelearningmastery listings, the whole batch for cgan-mul), in the labels of the
 * fakes D sees (random ones, or cgan-mul's "same labels as the real batch").
 *
 * <p>D's BatchNorm layers (only cgan-mul's D has any) keep running in training mode while D
 * is frozen for G's update. The listings are standalone Keras 2 ({@code keras.layers.
 * advanced_activations}), where a BatchNormalization layer follows the learning phase
 * whatever its {@code trainable} flag; only TF2's tf.keras switched a non-trainable one to
 * inference mode. Running it in inference mode here made G fool a different function than
 * the D being trained: after 1,875 cgan-mul steps on MNIST, D scored fakes 0.000006 in its
 * own step while G's loss said 0.995, and every sample was the same pattern.
 */
final class StandardGanModel extends AdversarialModel {
    private static final List<String> METRICS =
            List.of("d_loss_real", "d_loss_fake", "g_loss", "d_real_mean", "d_fake_mean", "d_acc");

    private final StackedNetwork g;
    private final StackedNetwork d;
    private final int realPerStep;
    private final boolean fakesReuseRealLabels;

    StandardGanModel(TrainingConfig config, StackedNetwork g, StackedNetwork d, Optimizer gOpt, Optimizer dOpt,
            Rng dropoutRng, int realPerStep, boolean fakesReuseRealLabels) {
        super(config, g, d, gOpt, dOpt, dropoutRng, true);
        this.g = g;
        this.d = d;
        this.realPerStep = realPerStep;
        this.fakesReuseRealLabels = fakesReuseRealLabels;
    }

    @Override
    public int realPerStep() {
        return realPerStep;
    }

    @Override
    public boolean drawsWithReplacement() {
        return true;
    }

    @Override
    public List<String> metricNames() {
        return METRICS;
    }

    @Override
    public int latentDim() {
        return g.inputs().get(0).shape()[0];
    }

    /** Labels that come with unconditional data (Fashion-MNIST has them) are ignored. */
    @Override
    void checkBatch(Batch real) {
        if (numClasses() > 0 && (real.labels == null || real.labels.length != real.size())) {
            throw new IllegalArgumentException(config.variant + ": a training batch of " + real.size()
                    + " images needs as many labels");
        }
    }

    @Override
    void trainDiscriminator(Batch real, Rng rng, StepMetrics m) {
        int n = real.size();
        int[] realLabels = numClasses() == 0 ? null : real.labels;
        Var[] realScores = new Var[1];
        Var realLoss = updateDiscriminator(() -> {
            realScores[0] = d.apply(Var.constant(real.images), realLabels);
            return BinaryCrossEntropy.keras(realScores[0], filled(1f, n, 1));
        });
        int[] fakeLabels = numClasses() == 0 ? null
                : fakesReuseRealLabels ? realLabels : Scores.randomLabels(rng, n, numClasses());
        Tensor fakes = generate(Scores.latent(rng, n, latentDim()), fakeLabels);
        Var[] fakeScores = new Var[1];
        Var fakeLoss = updateDiscriminator(() -> {
            fakeScores[0] = d.apply(Var.constant(fakes), fakeLabels);
            return BinaryCrossEntropy.keras(fakeScores[0], filled(0f, n, 1));
        });
        m.set("d_loss_real", realLoss.value().item());
        m.set("d_loss_fake", fakeLoss.value().item());
        m.set("d_real_mean", Scores.mean(realScores[0]));
        m.set("d_fake_mean", Scores.mean(fakeScores[0]));
        m.set("d_acc", Scores.accuracy(realScores[0], fakeScores[0]));
    }

    @Override
    void trainGenerator(Batch real, Rng rng, StepMetrics m) {
        int n = config.batchSize;
        Tensor z = Scores.latent(rng, n, latentDim());
        int[] labels = numClasses() == 0 ? null : Scores.randomLabels(rng, n, numClasses());
        Var loss = updateGenerator(() -> {
            Var fake = g.apply(Var.constant(z), labels);
            return BinaryCrossEntropy.keras(d.apply(fake, labels), filled(1f, n, 1));
        });
        m.set("g_loss", loss.value().item());
    }
}
