package gan.train;

import gan.layers.io.Json;
import gan.report.ImageGrid;
import gan.report.LossPlot;
import gan.tensor.Kernels;
import gan.tensor.Parallel;
import gan.tensor.Rng;
import gan.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The training loop shared by every variant: epochs of steps, each step drawing real
 * examples and calling {@link GanModel#trainStep}; after each epoch the metrics plot, a
 * sample grid from fixed noise and checkpoints. All randomness after start-up (batches,
 * noise, labels, dropout) comes from one {@link Rng} seeded with the run's seed, whose state
 * goes into every checkpoint, so a resumed run continues bit-identically.
 *
 * <p>A stop request ({@link #requestStop}, from the Ctrl-C hook) is honoured between two
 * steps: the trainer saves {@code last.safetensors} at that step and returns.
 */
public final class Trainer {
    /** How a run ended. */
    public enum Outcome {
        /** Every step was done. */
        COMPLETED,
        /** Stopped on request; a checkpoint of the current step was saved. */
        INTERRUPTED
    }

    private final Variant variant;
    private final TrainingConfig config;
    private final Path outDir;
    private final Checkpoint resume;
    private final DataProvider dataProvider;
    private final PrintStream out;
    private final boolean interactive;
    private EpochEvaluation evaluation;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);

    private GanModel model;
    private Rng rng;
    private BatchSource batches;
    private RunDirectory run;
    private Path lastGood;
    private long step;
    private int stepsPerEpoch;

    /**
     * A trainer for {@code variant} with the final {@code config}, writing to {@code outDir},
     * continuing from {@code resume} if not null.
     */
    public Trainer(Variant variant, TrainingConfig config, Path outDir, Checkpoint resume,
                   DataProvider dataProvider, PrintStream out, boolean interactive) {
        this.variant = variant;
        this.config = config;
        this.outDir = outDir;
        this.resume = resume;
        this.dataProvider = dataProvider;
        this.out = out;
        this.interactive = interactive;
    }

    /** Sets what runs every {@code evalEvery} epochs (none by default). */
    public void setEvaluation(EpochEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    /** Asks the loop to save a checkpoint after the current step and return. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run} has returned or thrown; true if it did within the time. */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The model being trained (after {@link #run} has started it). */
    public GanModel model() {
        return model;
    }

    /** Steps completed so far. */
    public long step() {
        return step;
    }

    /** The run directory (after {@link #run} has opened it). */
    public RunDirectory runDirectory() {
        return run;
    }

    /** Trains until the configured number of steps or a stop request. */
    public Outcome run() {
        try {
            return train();
        } finally {
            finished.countDown();
        }
    }

    private Outcome train() {
        Parallel.setThreads(config.threads > 0 ? config.threads : Runtime.getRuntime().availableProcessors());
        boolean fresh = !java.nio.file.Files.exists(outDir);
        run = RunDirectory.open(outDir);
        TrainingData data;
        try {
            data = dataProvider.load(variant, config, out::println);
        } catch (RuntimeException e) {
            if (fresh) {
                run.deleteIfEmpty(); // no empty run folders left behind by a missing dataset
            }
            throw e;
        }
        out.println("data: " + data.description());
        rng = new Rng(config.seed);
        model = variant.create(config, rng);
        batches = new BatchSource(data, model.realPerStep(), model.drawsWithReplacement(),
                model.numClasses() > 0, rng);
        if (resume != null) {
            restore();
        }
        stepsPerEpoch = Math.max(1, data.size() / config.batchSize);
        long totalSteps = config.steps > 0 ? config.steps : (long) config.epochs * stepsPerEpoch;
        int epochs = (int) ((totalSteps + stepsPerEpoch - 1) / stepsPerEpoch);
        writeConfig(data, totalSteps);
        SampleSheet sheet = new SampleSheet(model, config, model.latentDim() > 0 ? null : samplePairs(data));
        // AWT registers shutdown hooks on first use, which fails once a Ctrl-C has begun
        // the JVM's shutdown: draw a plot now so that never happens mid-run.
        LossPlot.warmUp();
        List<String> names = model.metricNames();
        List<String> evalNames = evaluation != null && config.evalEvery > 0 ? evaluation.metricNames() : List.of();
        try (MetricsLog metrics = new MetricsLog(run.metrics(), names, evalNames, step)) {
            Progress progress = new Progress(out, interactive, names);
            out.printf(Locale.ROOT, "training %s: %d epochs of %d steps (%d steps to go), run folder %s%n",
                    variant.name(), epochs, stepsPerEpoch, Math.max(0, totalSteps - step), run.root());
            while (step < totalSteps) {
                int epoch = (int) (step / stepsPerEpoch) + 1;
                long epochEnd = Math.min(totalSteps, (long) epoch * stepsPerEpoch);
                Outcome o = runEpoch(epoch, epochs, epochEnd, metrics, progress, names);
                if (o == Outcome.INTERRUPTED) {
                    return o;
                }
                endOfEpoch(epoch, epochs, step == totalSteps, metrics, sheet);
            }
        }
        out.println("done: " + step + " steps; samples in " + run.root().resolve("samples")
                + ", last checkpoint " + run.last());
        return Outcome.COMPLETED;
    }

    /** pix2pix: the held-out pairs if the data has them, so samples show unseen sources. */
    private TrainingData samplePairs(TrainingData data) {
        TrainingData held = dataProvider.heldOut(variant, config, out::println);
        return held != null && held.size() > 0 ? held : data;
    }

    private void restore() {
        resume.requireVariant(variant.name());
        resume.restoreAll(model);
        rng.setState(resume.rngState);
        batches.restore(resume.dataOrder, resume.dataPosition);
        step = resume.step;
        lastGood = resume.file;
        out.println("resumed from " + resume.file + " at step " + step);
    }

    private Outcome runEpoch(int epoch, int epochs, long epochEnd, MetricsLog metrics, Progress progress,
                             List<String> names) {
        long epochStartStep = (long) (epoch - 1) * stepsPerEpoch;
        progress.startEpoch(epoch, epochs, (int) (epochEnd - epochStartStep));
        boolean[] accuracyPinned = new boolean[names.size()];
        for (int k = 0; k < names.size(); k++) {
            accuracyPinned[k] = names.get(k).contains("acc");
        }
        while (step < epochEnd) {
            if (stopRequested) {
                interrupt(metrics);
                return Outcome.INTERRUPTED;
            }
            float[] m = model.trainStep(batches.next(), rng);
            step++;
            metrics.add(epoch, step, m);
            checkFinite(m, names, epoch, metrics);
            for (int k = 0; k < m.length; k++) {
                accuracyPinned[k] &= m[k] >= 1f;
            }
            progress.step((int) (step - epochStartStep), m);
        }
        progress.endEpoch();
        for (int k = 0; k < names.size(); k++) {
            if (accuracyPinned[k]) {
                out.println("warning: epoch " + epoch + ": " + names.get(k) + " was 1.0 at every step; "
                        + "the discriminator wins outright and the generator may have stopped learning");
            }
        }
        return Outcome.COMPLETED;
    }

    private void checkFinite(float[] m, List<String> names, int epoch, MetricsLog metrics) {
        for (int k = 0; k < m.length; k++) {
            if (!Float.isFinite(m[k])) {
                metrics.flush();
                throw new GanException(String.format(Locale.ROOT,
                        "training diverged at step %d (epoch %d): %s is %s; stopped. %s", step, epoch,
                        names.get(k), m[k], lastGood == null ? "No checkpoint had been written yet."
                                : "The last good checkpoint is " + lastGood));
            }
        }
    }

    private void endOfEpoch(int epoch, int epochs, boolean lastEpoch, MetricsLog metrics, SampleSheet sheet) {
        metrics.flush();
        // checkpoints first: if a stop arrives now, the epoch's work is already safe
        Checkpoint.State state = state(epoch);
        if (epoch % Math.max(1, config.checkpointEvery) == 0 || lastEpoch) {
            Checkpoint.save(run.checkpoint(epoch), model, state);
        }
        Checkpoint.save(run.last(), model, state);
        lastGood = run.last();
        if (stopRequested) {
            return; // the JVM is shutting down: no plots, the loop saves and returns next
        }
        if (config.evalEvery > 0 && epoch % config.evalEvery == 0) {
            evaluate(epoch, metrics);
        }
        try {
            metrics.plot(run.lossPlot(), variant.name() + " training metrics");
            if (config.sampleEvery > 0 && (epoch % config.sampleEvery == 0 || lastEpoch)) {
                sheet.write(run.sample(epoch));
            }
        } catch (IOException e) {
            if (stopRequested) {
                return; // the JVM is shutting down under the write; the loop saves and reports next
            }
            throw new GanException("cannot write to " + run.root() + ": " + e.getMessage(), e);
        }
    }

    private void evaluate(int epoch, MetricsLog metrics) {
        if (evaluation == null) {
            out.println("note: --eval-every: no evaluation was configured; skipped");
            return;
        }
        try {
            metrics.addEvaluation(step, evaluation.evaluate(model, epoch, run, out::println));
        } catch (IOException e) {
            throw new GanException("evaluation after epoch " + epoch + " failed: " + e.getMessage(), e);
        }
    }

    private Checkpoint.State state(int completedEpochs) {
        return new Checkpoint.State(config, step, completedEpochs, rng.state(), batches.order(), batches.position());
    }

    private void interrupt(MetricsLog metrics) {
        metrics.flush();
        Checkpoint.save(run.last(), model, state((int) (step / stepsPerEpoch)));
        lastGood = run.last();
        out.println();
        out.println("interrupted at step " + step + ": checkpoint saved to " + run.last());
        out.println("continue with: java -jar gan/target/gan.jar train " + variant.name()
                + " --resume " + run.last());
    }

    private void writeConfig(TrainingData data, long totalSteps) {
        String json = "{\n"
                + "  \"variant\": " + Json.quote(variant.name()) + ",\n"
                + "  \"description\": " + Json.quote(variant.description()) + ",\n"
                + "  \"config\": " + ConfigCodec.toJson(config, 2) + ",\n"
                + "  \"data\": {\"kind\": " + Json.quote(variant.dataset().id) + ", \"examples\": " + data.size()
                + ", \"source\": " + Json.quote(data.description()) + "},\n"
                + "  \"steps_per_epoch\": " + stepsPerEpoch + ",\n"
                + "  \"total_steps\": " + totalSteps + ",\n"
                + "  \"real_per_step\": " + model.realPerStep() + ",\n"
                + "  \"draws_with_replacement\": " + model.drawsWithReplacement() + ",\n"
                + "  \"parameters\": {\"generator\": " + model.generator().countParams()
                + ", \"discriminator\": " + model.discriminator().countParams() + "},\n"
                + "  \"resumed_from\": " + (resume == null ? "null" : Json.quote(resume.file.toString())
                        + ", \"resumed_at_step\": " + resume.step) + ",\n"
                + "  \"versions\": {\"engine\": " + Json.quote(Versions.engine()) + ", \"jdk\": "
                + Json.quote(Versions.jdk()) + ", \"gemm\": " + Json.quote(Kernels.gemm().name())
                + ", \"threads\": " + Parallel.threads() + "},\n"
                + "  \"started\": " + Json.quote(Instant.now().toString()) + "\n"
                + "}\n";
        try {
            Files.writeString(run.config(), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GanException("cannot write " + run.config() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The grid drawn after each epoch: the same inputs every time. For pix2pix, one row per
     * pair of the first {@link #PAIR_ROWS} {@code pairs}: source | output | target.
     */
    private static final class SampleSheet {
        static final int PAIR_ROWS = 5;
        private final GanModel model;
        private final Tensor latent;
        private final int[] labels;
        private final TrainingData pairs;
        private final int batchSize;

        SampleSheet(GanModel model, TrainingConfig config, TrainingData pairs) {
            this.model = model;
            this.pairs = pairs;
            this.batchSize = Math.max(1, config.batchSize);
            Rng sampleRng = new Rng(config.seed ^ Sampling.SAMPLE_SALT);
            if (pairs == null) {
                latent = Sampling.latent(sampleRng, 100, model.latentDim());
                labels = Sampling.labels(100, model.numClasses(), -1);
            } else {
                latent = null;
                labels = null;
            }
        }

        void write(Path png) throws IOException {
            if (pairs == null) {
                ImageGrid.write(png, Sampling.generate(model, latent, labels), 10);
                return;
            }
            int n = Math.min(PAIR_ROWS, pairs.size());
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Batch b = pairs.batch(idx);
            int per = b.images.size() / n;
            float[] grid = new float[3 * n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(b.images.data, i * per, grid, (3 * i) * per, per);
                System.arraycopy(b.targets.data, i * per, grid, (3 * i + 2) * per, per);
            }
            translateInto(b.images, grid, per);
            int[] shape = b.images.shape();
            shape[0] = 3 * n;
            ImageGrid.write(png, new Tensor(grid, shape), 3);
        }

        /**
         * Translates {@code sources} in chunks of the training batch size (pix2pix's
         * BatchNorm always normalises with the statistics of the batch it is given, as in
         * training) into the middle column of {@code grid}.
         */
        private void translateInto(Tensor sources, float[] grid, int per) {
            int n = sources.dim(0);
            for (int start = 0; start < n; start += batchSize) {
                int m = Math.min(batchSize, n - start);
                int[] shape = sources.shape();
                shape[0] = m;
                Tensor src = new Tensor(Arrays.copyOfRange(sources.data, start * per, (start + m) * per), shape);
                Tensor fake = model.generate(src, null);
                for (int i = 0; i < m; i++) {
                    System.arraycopy(fake.data, i * per, grid, (3 * (start + i) + 1) * per, per);
                }
            }
        }
    }
}
