package gan.variants;

import gan.autograd.Var;
import gan.autograd.ops.Add;
import gan.autograd.ops.BinaryCrossEntropy;
import gan.autograd.ops.SparseCategoricalCrossEntropy;
import gan.layers.optim.Optimizer;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import gan.train.Batch;
import gan.train.TrainingConfig;
import java.util.List;

/**
 * The AC-GAN step: D on the real half batch (target 1 and the true labels), D on as many
 * fakes (target 0 and the labels they were generated with), then G through the frozen D
 * on a full batch (target 1 and the sampled labels). Each loss is the sum of the two heads,
 * binary cross-entropy and sparse categorical cross-entropy; both heads are reported.
 *
 * <p>As in the listing, which freezes every discriminator layer except BatchNormalization,
 * D's BatchNorm keeps running in training mode during G's update (batch statistics,
 * moving averages updated). Its gamma and beta are still not stepped there: only G's
 * optimizer runs, as VARIANTS.md asks ("its weights get no update").
 */
final class AcganModel extends AdversarialModel {
    private static final List<String> METRICS = List.of("d_loss_real", "d_loss_fake", "g_loss", "d_real_mean",
            "d_fake_mean", "d_acc", "d_class_real", "d_class_fake", "g_class");

    private final StackedNetwork g;
    private final AuxClassifierDiscriminator d;

    AcganModel(TrainingConfig config, StackedNetwork g, AuxClassifierDiscriminator d, Optimizer gOpt, Optimizer dOpt,
            Rng dropoutRng) {
        super(config, g, d, gOpt, dOpt, dropoutRng, true);
        this.g = g;
        this.d = d;
    }

    @Override
    public int realPerStep() {
        return config.batchSize / 2;
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

    @Override
    void checkBatch(Batch real) {
        if (real.labels == null || real.labels.length != real.size()) {
            throw new IllegalArgumentException("acgan: a training batch of " + real.size()
                    + " images needs as many labels");
        }
    }

    @Override
    void trainDiscriminator(Batch real, Rng rng, StepMetrics m) {
        int n = real.size();
        Var[] realParts = new Var[3];
        updateDiscriminator(() -> twoHeadLoss(d.apply(Var.constant(real.images)), 1f, real.labels, realParts));
        int[] fakeLabels = Scores.randomLabels(rng, n, numClasses());
        Tensor fakes = generate(Scores.latent(rng, n, latentDim()), fakeLabels);
        Var[] fakeParts = new Var[3];
        updateDiscriminator(() -> twoHeadLoss(d.apply(Var.constant(fakes)), 0f, fakeLabels, fakeParts));
        m.set("d_loss_real", realParts[0].value().item());
        m.set("d_class_real", realParts[1].value().item());
        m.set("d_loss_fake", fakeParts[0].value().item());
        m.set("d_class_fake", fakeParts[1].value().item());
        m.set("d_real_mean", Scores.mean(realParts[2]));
        m.set("d_fake_mean", Scores.mean(fakeParts[2]));
        m.set("d_acc", Scores.accuracy(realParts[2], fakeParts[2]));
    }

    @Override
    void trainGenerator(Batch real, Rng rng, StepMetrics m) {
        int n = config.batchSize;
        Tensor z = Scores.latent(rng, n, latentDim());
        int[] labels = Scores.randomLabels(rng, n, numClasses());
        Var[] parts = new Var[3];
        updateGenerator(() -> twoHeadLoss(d.apply(g.apply(Var.constant(z), labels)), 1f, labels, parts));
        m.set("g_loss", parts[0].value().item());
        m.set("g_class", parts[1].value().item());
    }

    /**
     * BCE of the validity head against {@code target} plus the classifier head's sparse
     * cross-entropy; stores [bce, class loss, validity scores] in {@code parts}.
     */
    private static Var twoHeadLoss(AuxClassifierDiscriminator.Heads heads, float target, int[] labels, Var[] parts) {
        int n = labels.length;
        parts[0] = BinaryCrossEntropy.keras(heads.validity(), filled(target, n, 1));
        parts[1] = SparseCategoricalCrossEntropy.keras(heads.classes(), labels);
        parts[2] = heads.validity();
        return Add.apply(parts[0], parts[1]);
    }
}
