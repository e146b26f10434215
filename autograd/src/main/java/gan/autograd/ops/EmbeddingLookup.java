package gan.autograd.ops;

import gan.autograd.Var;
import gan.tensor.Arena;
import gan.tensor.Shape;
import gan.tensor.Tensor;

/**
 * Row lookup {@code y[n] = table[labels[n]]} for a table [V, D]: the label embedding of the
 * conditional GANs. Labels are integers and get no gradient; the table's gradient adds
 * each output row back into the row it was read from, so a label seen twice in a batch
 * receives both contributions.
 */
public final class EmbeddingLookup {
    private EmbeddingLookup() {}

    /** Rows of {@code table} selected by {@code labels}, shape [labels.length, D]. */
    public static Var apply(Var table, int[] labels) {
        if (table.value().rank() != 2) {
            throw new IllegalArgumentException("embedding: table " + Shape.str(table.shape()) + " is not [V, D]");
        }
        int v = table.dim(0);
        int d = table.dim(1);
        int[] rows = labels.clone();
        for (int n = 0; n < rows.length; n++) {
            if (rows[n] < 0 || rows[n] >= v) {
                throw new IllegalArgumentException("embedding: label " + rows[n] + " at position " + n
                        + " is outside [0, " + v + ") for table " + Shape.str(table.shape()));
            }
        }
        float[] t = table.data();
        float[] y = Arena.floats(rows.length * d);
        for (int n = 0; n < rows.length; n++) {
            System.arraycopy(t, rows[n] * d, y, n * d, d);
        }
        // dtable[labels[n]] += dy[n]
        return Var.result(new Tensor(y, rows.length, d), "embedding", dy -> {
            float[] dt = table.gradData();
            for (int n = 0; n < rows.length; n++) {
                int dst = rows[n] * d;
                int src = n * d;
                for (int j = 0; j < d; j++) {
                    dt[dst + j] += dy.data[src + j];
                }
            }
        }, table);
    }
}
