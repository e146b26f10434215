package gan.variants;

import gan.autograd.Var;
import gan.autograd.ops.Add;
import gan.autograd.ops.BinaryCrossEntropy;
import gan.autograd.ops.MeanAbsoluteError;
import gan.autograd.ops.Scale;
import gan.layers.optim.Optimizer;
import gan.tensor.Rng;
import gan.tensor.Shape;
import gan.tensor.Tensor;
import gan.train.Batch;
import gan.train.TrainingConfig;
import java.util.List;

/**
 * The pix2pix step: D on (source, target) with an all-ones patch map, D on
 * (source, G(source)) with zeros, both losses weighted 0.5 (Keras' {@code loss_weights=[0.5]},
 * which also makes the reported D losses half the cross-entropy); then the composite on the
 * source with targets [ones, target] and losses BCE + 100·MAE. The reported g_loss is that
 * weighted total, l1 the plain MAE.
 *
 * <p>G's BatchNorm and Dropout always run in training mode, also in {@link #generate}
 * (the listing's {@code training=True}), so two calls with the same source differ. D's
 * BatchNorm keeps training while D is frozen, as the listing leaves BatchNormalization
 * layers trainable; only G's optimizer steps during G's update.
 */
final class Pix2PixModel extends AdversarialModel {
    /** Keras' loss weight of the standalone discriminator. */
    static final float D_LOSS_WEIGHT = 0.5f;
    /** Keras' loss weight of the composite's MAE term. */
    static final float L1_WEIGHT = 100f;
    private static final List<String> METRICS =
            List.of("d_loss_real", "d_loss_fake", "g_loss", "d_real_mean", "d_fake_mean", "d_acc", "l1");

    private final UNetGenerator g;
    private final PatchDiscriminator d;

    Pix2PixModel(TrainingConfig config, UNetGenerator g, PatchDiscriminator d, Optimizer gOpt, Optimizer dOpt,
            Rng dropoutRng) {
        super(config, g, d, gOpt, dOpt, dropoutRng, true);
        this.g = g;
        this.d = d;
    }

    @Override
    public int realPerStep() {
        return config.batchSize;
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
        return 0;
    }

    @Override
    void checkBatch(Batch real) {
        int[] want = g.inputs().get(0).shape();
        int[] src = real.images.shape();
        if (real.targets == null || !real.targets.sameShape(real.images) || src.length != 4
                || src[1] != want[0] || src[2] != want[1] || src[3] != want[2]) {
            throw new IllegalArgumentException("pix2pix: needs source and target images [N, " + want[0] + ", "
                    + want[1] + ", " + want[2] + "], got sources " + Shape.str(src) + " and targets "
                    + (real.targets == null ? "none" : Shape.str(real.targets.shape())));
        }
    }

    @Override
    void checkGeneratorInput(Tensor source, int[] labels) {
        int[] want = g.inputs().get(0).shape();
        int[] s = source.shape();
        if (s.length != 4 || s[1] != want[0] || s[2] != want[1] || s[3] != want[2]) {
            throw new IllegalArgumentException("pix2pix: generate() takes source images [N, " + want[0] + ", "
                    + want[1] + ", " + want[2] + "], got " + Shape.str(s));
        }
    }

    @Override
    void trainDiscriminator(Batch real, Rng rng, StepMetrics m) {
        Var source = Var.constant(real.images);
        Var[] realScores = new Var[1];
        Var realLoss = updateDiscriminator(() -> {
            realScores[0] = d.apply(source, Var.constant(real.targets));
            return Scale.apply(BinaryCrossEntropy.keras(realScores[0], filled(1f, realScores[0].shape())),
                    D_LOSS_WEIGHT);
        });
        Tensor fakes = generate(real.images, null);
        Var[] fakeScores = new Var[1];
        Var fakeLoss = updateDiscriminator(() -> {
            fakeScores[0] = d.apply(source, Var.constant(fakes));
            return Scale.apply(BinaryCrossEntropy.keras(fakeScores[0], filled(0f, fakeScores[0].shape())),
                    D_LOSS_WEIGHT);
        });
        m.set("d_loss_real", realLoss.value().item());
        m.set("d_loss_fake", fakeLoss.value().item());
        m.set("d_real_mean", Scores.mean(realScores[0]));
        m.set("d_fake_mean", Scores.mean(fakeScores[0]));
        m.set("d_acc", Scores.accuracy(realScores[0], fakeScores[0]));
    }

    @Override
    void trainGenerator(Batch real, Rng rng, StepMetrics m) {
        Var source = Var.constant(real.images);
        Var[] l1 = new Var[1];
        Var loss = updateGenerator(() -> {
            Var fake = g.apply(source);
            Var patches = d.apply(source, fake);
            l1[0] = MeanAbsoluteError.apply(fake, real.targets);
            Var adversarial = BinaryCrossEntropy.keras(patches, filled(1f, patches.shape()));
            return Add.apply(adversarial, Scale.apply(l1[0], L1_WEIGHT));
        });
        m.set("g_loss", loss.value().item());
        m.set("l1", l1[0].value().item());
    }
}
