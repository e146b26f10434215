package gan.train;

import gan.report.LossPlot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-step metrics of a run: {@code metrics.csv} (columns epoch, step, the model's
 * metric names, then any evaluation figures) and the rows kept in memory for
 * {@code losses.png}, compactly in a {@link MetricsHistory}. Evaluation columns are empty
 * except on the step after which the evaluation ran. On resume the rows already written up to the checkpoint's step are read
 * back and any later ones (from an interrupted stretch that was never checkpointed)
 * dropped, so the file describes one continuous run.
 */
public final class MetricsLog implements AutoCloseable {
    private final Path csv;
    private final List<String> names;
    private final List<String> evalNames;
    private final MetricsHistory history;
    private final BufferedWriter out;
    private String lastPrefix;
    private int lastLineLength;

    /**
     * Opens {@code csv} for a run whose model reports {@code names}; keeps existing rows with
     * step at most {@code keepUpTo} (0 for a fresh run: the file is started anew).
     */
    public MetricsLog(Path csv, List<String> names, long keepUpTo) {
        this(csv, names, List.of(), keepUpTo);
    }

    /** As above, with columns {@code evalNames} for the figures of {@link #addEvaluation}. */
    public MetricsLog(Path csv, List<String> names, List<String> evalNames, long keepUpTo) {
        this.csv = csv;
        this.names = List.copyOf(names);
        this.evalNames = List.copyOf(evalNames);
        this.history = new MetricsHistory(this.names.size() + this.evalNames.size());
        StringBuilder kept = new StringBuilder(header()).append('\n');
        try {
            if (keepUpTo > 0 && Files.exists(csv)) {
                readBack(kept, keepUpTo);
            }
            Files.writeString(csv, kept, StandardCharsets.UTF_8);
            out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new GanException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    private String header() {
        List<String> all = new ArrayList<>(names);
        all.addAll(evalNames);
        return "epoch,step," + String.join(",", all);
    }

    /**
     * Keeps the rows up to {@code keepUpTo} whose training columns match; evaluation columns
     * are matched by name, so a run resumed with or without {@code --eval-every} keeps them.
     */
    private void readBack(StringBuilder kept, long keepUpTo) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String trainingHeader = "epoch,step," + String.join(",", names);
        if (lines.isEmpty() || !(lines.get(0) + ",").startsWith(trainingHeader + ",")) {
            return; // another model's columns: start the file anew rather than mix them
        }
        List<String> oldColumns = Arrays.asList(lines.get(0).split(",", -1));
        int[] evalColumn = new int[evalNames.size()];
        for (int j = 0; j < evalColumn.length; j++) {
            evalColumn[j] = oldColumns.indexOf(evalNames.get(j));
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != oldColumns.size()) {
                continue;
            }
            long step = Long.parseLong(f[1]);
            if (step > keepUpTo) {
                break;
            }
            float[] v = new float[names.size() + evalNames.size()];
            for (int k = 0; k < names.size(); k++) {
                v[k] = Float.parseFloat(f[k + 2]);
            }
            for (int j = 0; j < evalColumn.length; j++) {
                v[names.size() + j] = evalColumn[j] < 0 || f[evalColumn[j]].isEmpty() ? Float.NaN
                        : Float.parseFloat(f[evalColumn[j]]);
            }
            history.add(step, v);
            // the training columns exactly as written, so a resumed file matches a straight run's
            String prefix = String.join(",", Arrays.copyOfRange(f, 0, names.size() + 2));
            kept.append(prefix).append(evalFields(v)).append('\n');
        }
    }

    /** Records the metrics of global step {@code step} (1-based) of epoch {@code epoch} (1-based). */
    public void add(int epoch, long step, float[] values) {
        float[] row = Arrays.copyOf(values, names.size() + evalNames.size());
        Arrays.fill(row, values.length, row.length, Float.NaN);
        history.add(step, row);
        StringBuilder sb = new StringBuilder().append(epoch).append(',').append(step);
        for (float v : values) {
            sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        lastPrefix = sb.toString();
        write(lastPrefix + evalFields(row) + "\n");
    }

    /**
     * Fills the evaluation columns of the last row, which must be step {@code step}, with
     * {@code figures} (by column name; NaN stays empty), rewriting that line of the file.
     */
    public void addEvaluation(long step, Map<String, Double> figures) {
        int last = history.size() - 1;
        if (lastPrefix == null || history.step(last) != step) {
            throw new IllegalStateException("metrics.csv: evaluation of step " + step + " but the last row written is "
                    + (last < 0 ? "none" : "step " + history.step(last)));
        }
        for (Map.Entry<String, Double> e : figures.entrySet()) {
            int j = evalNames.indexOf(e.getKey());
            if (j < 0) {
                throw new IllegalArgumentException("metrics.csv: evaluation figure '" + e.getKey()
                        + "' has no column; columns are " + evalNames);
            }
            history.set(last, names.size() + j, e.getValue().floatValue());
        }
        try {
            out.flush();
            try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() - lastLineLength);
            }
        } catch (IOException e) {
            throw new GanException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        write(lastPrefix + evalFields(history.row(last)) + "\n");
        flush();
    }

    /** The evaluation columns of {@code row}, each preceded by a comma; empty where NaN. */
    private String evalFields(float[] row) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < evalNames.size(); j++) {
            float v = row[names.size() + j];
            sb.append(',').append(Float.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v));
        }
        return sb.toString();
    }

    private void write(String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new GanException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        lastLineLength = line.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Pushes buffered rows to the file. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new GanException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Number of rows. */
    public int size() {
        return history.size();
    }

    /** Bytes the in-memory rows retain (see {@link MetricsHistory}): about 8 + 4·columns per row. */
    long retainedBytes() {
        return history.retainedBytes();
    }

    /** Redraws the loss plot from every row so far, the evaluation figures in panels below. */
    public void plot(Path png, String title) throws IOException {
        int window = Math.max(1, Math.min(100, history.size() / 20));
        LossPlot.write(png, title, names, history.steps(), history.rows(), window, evalNames);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new GanException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }
}
