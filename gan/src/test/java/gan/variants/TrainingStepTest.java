package gan.variants;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gan.layers.Module;
import gan.layers.Parameter;
import gan.tensor.Arena;
import gan.tensor.Rng;
import gan.train.Batch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One training step of every variant on a tiny random batch: finite metrics, both networks
 * move, and the generator's half leaves the discriminator's weights alone.
 */
class TrainingStepTest {
    private static final String[] ALL = {"gan", "cgan", "acgan", "dcgan", "cgan-mul", "cgan-cifar", "pix2pix"};

    @ParameterizedTest
    @ValueSource(strings = {"gan", "cgan", "acgan", "dcgan", "cgan-mul", "cgan-cifar", "pix2pix"})
    void fullStepReturnsFiniteMetricsAndMovesBothNetworks(String name) {
        AdversarialModel model = Fixtures.model(name, 4, 11);
        Rng rng = new Rng(5);
        Batch batch = Fixtures.batch(model, rng);
        Map<String, float[]> g0 = Fixtures.snapshot(model.generator());
        Map<String, float[]> d0 = Fixtures.snapshot(model.discriminator());
        float[] metrics = model.trainStep(batch, rng);
        assertEquals(model.metricNames().size(), metrics.length);
        for (int i = 0; i < metrics.length; i++) {
            assertTrue(Float.isFinite(metrics[i]), name + " " + model.metricNames().get(i) + " = " + metrics[i]);
        }
        float acc = metrics[model.metricNames().indexOf("d_acc")];
        assertTrue(acc >= 0f && acc <= 1f, "accuracy " + acc);
        for (String extra : List.of("d_class_real", "d_class_fake", "g_class", "l1")) {
            int i = model.metricNames().indexOf(extra);
            assertTrue(i < 0 || metrics[i] > 0f, name + " " + extra);
        }
        assertEquals(name.equals("acgan"), model.metricNames().contains("g_class"));
        assertEquals(name.equals("pix2pix"), model.metricNames().contains("l1"));
        assertTrue(Fixtures.changed(g0, Fixtures.snapshot(model.generator())).size() > 0, name + ": G unchanged");
        assertTrue(Fixtures.changed(d0, Fixtures.snapshot(model.discriminator())).size() > 0, name + ": D unchanged");
    }

    /**
     * Steps that borrow their big arrays from an arena compute exactly what steps with fresh
     * arrays compute. The arena poisons every array it takes back with NaN, so a step that
     * used an array after its scope (a parameter's gradient, the fakes of the last step)
     * would differ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gan", "cgan", "acgan", "dcgan", "cgan-mul", "cgan-cifar", "pix2pix"})
    void stepsFromAnArenaMatchStepsWithFreshArraysToTheBit(String name) {
        AdversarialModel pooled = Fixtures.model(name, 4, 21);
        AdversarialModel fresh = Fixtures.model(name, 4, 21);
        Arena arena = new Arena(true);
        pooled.setArena(arena);
        fresh.setArena(null);
        Rng rngPooled = new Rng(9);
        Rng rngFresh = new Rng(9);
        for (int step = 0; step < 3; step++) {
            float[] a = pooled.trainStep(Fixtures.batch(pooled, rngPooled), rngPooled);
            float[] b = fresh.trainStep(Fixtures.batch(fresh, rngFresh), rngFresh);
            assertArrayEquals(b, a, name + ": metrics of step " + step);
        }
        assertTrue(arena.heldFloats() > 0, name + ": the arena lent nothing, so this test tests nothing");
        for (boolean gen : new boolean[] {true, false}) {
            Map<String, float[]> p = Fixtures.snapshot(gen ? pooled.generator() : pooled.discriminator());
            Map<String, float[]> f = Fixtures.snapshot(gen ? fresh.generator() : fresh.discriminator());
            assertEquals(f.keySet(), p.keySet());
            for (String k : f.keySet()) {
                assertArrayEquals(f.get(k), p.get(k), name + ": " + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gan", "cgan", "acgan", "dcgan", "cgan-mul", "cgan-cifar", "pix2pix"})
    void discriminatorHalfTrainsOnlyTheDiscriminator(String name) {
        AdversarialModel model = Fixtures.model(name, 4, 12);
        Rng rng = new Rng(6);
        Batch batch = Fixtures.batch(model, rng);
        Map<String, float[]> g0 = Fixtures.snapshot(model.generator());
        Map<String, float[]> d0 = Fixtures.snapshot(model.discriminator());
        StepMetrics m = new StepMetrics(model.metricNames());
        model.trainDiscriminator(batch, rng, m);
        List<String> gChanged = Fixtures.changed(g0, Fixtures.snapshot(model.generator()));
        assertTrue(gChanged.stream().allMatch(TrainingStepTest::isMovingStatistic), name + ": " + gChanged);
        assertTrue(changedTrainable(model.discriminator(), d0) > 0, name + ": D's weights did not move");
        assertTrue(Float.isFinite(m.get("d_loss_real")) && Float.isFinite(m.get("d_loss_fake")));
        assertTrue(Float.isNaN(m.get("g_loss")), "G's loss belongs to the other half");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gan", "cgan", "acgan", "dcgan", "cgan-mul", "cgan-cifar", "pix2pix"})
    void generatorHalfLeavesTheFrozenDiscriminatorsWeightsAlone(String name) {
        AdversarialModel model = Fixtures.model(name, 4, 13);
        Rng rng = new Rng(7);
        Batch batch = Fixtures.batch(model, rng);
        model.trainStep(batch, rng);
        Map<String, float[]> g0 = Fixtures.snapshot(model.generator());
        Map<String, float[]> d0 = Fixtures.snapshot(model.discriminator());
        StepMetrics m = new StepMetrics(model.metricNames());
        model.trainGenerator(batch, rng, m);
        assertTrue(Float.isFinite(m.get("g_loss")));
        assertTrue(changedTrainable(model.generator(), g0) > 0, name + ": G's weights did not move");
        assertEquals(0, changedTrainable(model.discriminator(), d0), name + ": frozen D's weights moved");
        for (Parameter p : model.discriminator().parameters()) {
            assertNull(p.grad(), name + ": frozen D computed a weight gradient");
            assertTrue(!p.trainable() || p.var().requiresGrad(), name + ": D left frozen after G's half");
        }
        List<String> statsChanged = Fixtures.changed(d0, Fixtures.snapshot(model.discriminator()));
        boolean hasBatchNorm = d0.keySet().stream().anyMatch(TrainingStepTest::isMovingStatistic);
        // Every listing with BatchNorm in D keeps it training while D is frozen (cgan-mul: standalone Keras 2).
        assertEquals(hasBatchNorm, !statsChanged.isEmpty(),
                name + ": moving statistics of the frozen D changed: " + statsChanged);
    }

    /**
     * Keras computes a compiled model's binary cross-entropy from the logits behind D's
     * sigmoid, so a D that rejects every fake with certainty (p far below the 1e-7 clip)
     * still gives G a gradient; the clipped form would give none and G would not move.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gan", "cgan", "acgan", "dcgan", "cgan-mul", "cgan-cifar", "pix2pix"})
    void generatorLearnsEvenWhenTheDiscriminatorIsCertain(String name) {
        AdversarialModel model = Fixtures.model(name, 4, 14);
        Rng rng = new Rng(8);
        Batch batch = Fixtures.batch(model, rng);
        List<Parameter> outputBias = model.discriminator().namedParameters().entrySet().stream()
                .filter(e -> e.getKey().endsWith("bias") && e.getValue().value().size() == 1)
                .map(Map.Entry::getValue).toList();
        assertEquals(1, outputBias.size(), name + ": expected one bias feeding D's real/fake sigmoid");
        outputBias.get(0).value().data[0] = -80f;
        Map<String, float[]> g0 = Fixtures.snapshot(model.generator());
        StepMetrics m = new StepMetrics(model.metricNames());
        model.trainGenerator(batch, rng, m);
        assertTrue(m.get("g_loss") > 20f, name + ": G's loss " + m.get("g_loss") + " looks capped by the clip");
        assertTrue(changedTrainable(model.generator(), g0) > 0, name + ": G got no gradient through a certain D");
    }

    @org.junit.jupiter.api.Test
    void everyVariantIsCovered() {
        assertEquals(List.of(ALL), Variants.names());
    }

    private static boolean isMovingStatistic(String path) {
        return path.endsWith("running_mean") || path.endsWith("running_var");
    }

    private static int changedTrainable(Module m, Map<String, float[]> before) {
        int n = 0;
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            float[] now = e.getValue().value().data;
            if (e.getValue().trainable() && !Arrays.equals(before.get(e.getKey()), now)) {
                n++;
            }
        }
        assertFalse(before.isEmpty());
        return n;
    }
}
