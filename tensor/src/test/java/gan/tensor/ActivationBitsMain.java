package gan.tensor;

/**
 * Run by {@link ActivationsTest} in a child JVM whose flags pick the JIT tier: prints a
 * checksum of the vector kernel's tanh and SELU bits on the test's inputs.
 */
public final class ActivationBitsMain {
    private ActivationBitsMain() {}

    /** Prints "bits " and the checksum. */
    public static void main(String[] args) {
        System.out.println("bits " + ActivationsTest.checksum(new VectorActivations()));
    }
}
