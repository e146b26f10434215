package gan.train;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The metric rows of a run kept in memory for {@code losses.png}: the steps in one
 * {@code long[]} and the values row after row in one {@code float[]}, both grown by half
 * when full. A row costs {@code 8 + 4·columns} bytes and no object of its own. These rows
 * are the only thing a training run keeps per step (heap dumps of cgan-mul, issue #6); as a
 * {@code List<float[]>} with boxed steps they cost two objects and about 70 bytes a step
 * for six metrics. The plot spans the whole run, so every row is kept, but compactly.
 */
final class MetricsHistory {
    private static final int INITIAL_ROWS = 1024;

    private final int columns;
    private long[] steps = new long[INITIAL_ROWS];
    private float[] values;
    private int size;

    /** An empty history of rows of {@code columns} values. */
    MetricsHistory(int columns) {
        if (columns < 0) {
            throw new IllegalArgumentException("columns must be >= 0, got " + columns);
        }
        this.columns = columns;
        this.values = new float[INITIAL_ROWS * columns];
    }

    /** Appends the row of {@code step}: exactly {@code columns} values, copied. */
    void add(long step, float[] row) {
        if (row.length != columns) {
            throw new IllegalArgumentException("a row has " + columns + " values, got " + row.length);
        }
        if (size == steps.length) {
            int rows = Math.addExact(size, Math.max(1, size >> 1));
            steps = Arrays.copyOf(steps, rows);
            values = Arrays.copyOf(values, Math.multiplyExact(rows, columns));
        }
        steps[size] = step;
        System.arraycopy(row, 0, values, size * columns, columns);
        size++;
    }

    /** Number of rows. */
    int size() {
        return size;
    }

    /** The step of row {@code i}. */
    long step(int i) {
        return steps[checkRow(i)];
    }

    /** Value {@code k} of row {@code i}. */
    float get(int i, int k) {
        return values[checkRow(i) * columns + checkColumn(k)];
    }

    /** Sets value {@code k} of row {@code i} (evaluation figures arrive after their row). */
    void set(int i, int k, float v) {
        values[checkRow(i) * columns + checkColumn(k)] = v;
    }

    /** A copy of row {@code i}. */
    float[] row(int i) {
        int from = checkRow(i) * columns;
        return Arrays.copyOfRange(values, from, from + columns);
    }

    /** The steps of all rows, a copy. */
    long[] steps() {
        return Arrays.copyOf(steps, size);
    }

    /**
     * The rows as the plot takes them: a read-only view whose {@code get} copies one row,
     * so rows exist as objects only while a plot is drawn.
     */
    List<float[]> rows() {
        return new AbstractList<>() {
            @Override
            public float[] get(int i) {
                return row(i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Bytes of the arrays holding the rows, spare capacity included: what the history retains. */
    long retainedBytes() {
        return 8L * steps.length + 4L * values.length;
    }

    private int checkRow(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        return i;
    }

    private int checkColumn(int k) {
        if (k < 0 || k >= columns) {
            throw new IndexOutOfBoundsException("column " + k + " of " + columns);
        }
        return k;
    }
}
