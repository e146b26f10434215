package gan.tensor;

/** Run by {@link VectorSwitchTest} in a child JVM started without the incubator module. */
public final class NoVectorMain {
    private NoVectorMain() {}

    /** Prints what the test checks: module state, available backends, a checked product. */
    public static void main(String[] args) {
        System.out.println(Kernels.vectorModulePresent() ? "module present" : "module absent");
        StringBuilder names = new StringBuilder("available:");
        for (Gemm g : Kernels.available()) {
            names.append(' ').append(g.name());
        }
        System.out.println(names);
        float[] c = new float[4];
        Kernels.gemm().sgemm(false, true, 2, 2, 3, new float[] {1, 2, 3, 4, 5, 6}, 0,
                new float[] {1, 0, 0, 0, 1, 1}, 0, 0f, c, 0);
        boolean ok = c[0] == 1 && c[1] == 5 && c[2] == 4 && c[3] == 11;
        System.out.println(ok ? "result ok" : "result wrong " + java.util.Arrays.toString(c));
        System.out.println("strided copy: " + Kernels.stridedCopy().name());
        float[] y = new float[1];
        Kernels.activations().tanh(new float[] {0.5f}, y, 0, 1);
        System.out.println("activations: " + Kernels.activations().name() + (y[0] == (float) Math.tanh(0.5) ? " ok" : " wrong"));
    }
}
