package gan.autograd.ops;

/**
 * Temporary arrays of the convolutions (column matrices, gathered gradients), kept per
 * thread and grown on demand, so a training step in steady state allocates only the
 * arrays it returns. An array is only used inside one forward or one backward call and
 * never held across calls (a backward closure can run after another forward of the same
 * op), and its old contents are always overwritten before they are read, so the cache
 * cannot change any result.
 */
final class Scratch {
    /** What an array is for: two uses within one call must not share an array. */
    enum Slot {
        /** The column matrix of a group (or the padded planes that stand for it), or its gradient. */
        COLUMNS,
        /** A group of images or gradients as [channels, count·pixels]. */
        GROUP,
        /** A group as [count·pixels, channels]. */
        TRANSPOSED,
        /** A weight gradient computed transposed, summed over the groups. */
        WEIGHT_GRAD,
        /** Zero-padded image planes of the direct convolution. */
        PADDED,
        /** One output or gradient plane of the direct convolution. */
        PLANE,
        /** The per-phase sub-kernels of {@link PhaseDecomposition}. */
        SUB_KERNELS,
        /** The kernel rearranged as [outChannels·taps, channels] for {@link TapConvolution}. */
        TAP_WEIGHTS,
        /** The kernel cut into the column blocks of sliced products ({@link ColumnGroups#columnBlocks}). */
        COLUMN_BLOCKS
    }

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[Slot.values().length][]);

    private Scratch() {}

    /** An array of at least {@code size} floats with arbitrary contents. */
    static float[] get(Slot slot, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("scratch " + slot + ": " + size + " floats do not fit in an array");
        }
        float[][] all = BUFFERS.get();
        float[] a = all[slot.ordinal()];
        if (a == null || a.length < size) {
            a = new float[(int) size];
            all[slot.ordinal()] = a;
        }
        return a;
    }
}
