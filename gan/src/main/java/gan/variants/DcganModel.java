package gan.variants;

import gan.autograd.Var;
import gan.autograd.ops.BinaryCrossEntropy;
import gan.layers.optim.Optimizer;
import gan.tensor.Rng;
import gan.tensor.Shape;
import gan.tensor.Tensor;
import gan.train.Batch;
import gan.train.TrainingConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The dcgan tutorial's step: D trained once on one batch holding N generated images
 * (target 0) followed by the N real ones (target 1), so Dropout draws one mask over both;
 * then G through the frozen D on N new codings with target 1. The real batches come from
 * shuffled passes without replacement; both networks use RMSprop.
 */
final class DcganModel extends AdversarialModel {
    private static final List<String> METRICS =
            List.of("d_loss_real", "d_loss_fake", "g_loss", "d_real_mean", "d_fake_mean", "d_acc");

    private final StackedNetwork g;
    private final StackedNetwork d;

    DcganModel(TrainingConfig config, StackedNetwork g, StackedNetwork d, Optimizer gOpt, Optimizer dOpt,
            Rng dropoutRng) {
        super(config, g, d, gOpt, dOpt, dropoutRng, false);
        this.g = g;
        this.d = d;
    }

    @Override
    public int realPerStep() {
        return config.batchSize;
    }

    @Override
    public boolean drawsWithReplacement() {
        return false;
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
        // unconditional: images only
    }

    @Override
    void trainDiscriminator(Batch real, Rng rng, StepMetrics m) {
        int n = real.size();
        Tensor fakes = generate(Scores.latent(rng, n, latentDim()), null);
        Tensor both = fakeThenReal(fakes, real.images);
        Tensor targets = filled(0f, 2 * n, 1);
        Arrays.fill(targets.data, n, 2 * n, 1f);
        Var[] scores = new Var[1];
        updateDiscriminator(() -> {
            scores[0] = d.apply(Var.constant(both), null);
            // the halves' losses read D's logits, which backward releases
            m.set("d_loss_fake", Scores.bce(scores[0], 0, n, 0f));
            m.set("d_loss_real", Scores.bce(scores[0], n, 2 * n, 1f));
            return BinaryCrossEntropy.keras(scores[0], targets);
        });
        float[] p = scores[0].data();
        Var fakeScores = Var.constant(new Tensor(Arrays.copyOfRange(p, 0, n), n, 1));
        Var realScores = Var.constant(new Tensor(Arrays.copyOfRange(p, n, 2 * n), n, 1));
        m.set("d_fake_mean", Scores.mean(fakeScores));
        m.set("d_real_mean", Scores.mean(realScores));
        m.set("d_acc", Scores.accuracy(realScores, fakeScores));
    }

    @Override
    void trainGenerator(Batch real, Rng rng, StepMetrics m) {
        int n = real.size();
        Tensor z = Scores.latent(rng, n, latentDim());
        Var loss = updateGenerator(() -> BinaryCrossEntropy.keras(d.apply(g.apply(Var.constant(z), null), null),
                filled(1f, n, 1)));
        m.set("g_loss", loss.value().item());
    }

    /** The tutorial's {@code tf.concat([fake, real], axis=0)}. */
    private static Tensor fakeThenReal(Tensor fake, Tensor real) {
        if (!fake.sameShape(real)) {
            throw new IllegalArgumentException("dcgan: generated images " + Shape.str(fake.shape())
                    + " and real images " + Shape.str(real.shape()) + " differ in shape");
        }
        int[] shape = fake.shape();
        shape[0] *= 2;
        float[] data = new float[fake.size() * 2];
        System.arraycopy(fake.data, 0, data, 0, fake.size());
        System.arraycopy(real.data, 0, data, fake.size(), real.size());
        return new Tensor(data, shape);
    }
}
