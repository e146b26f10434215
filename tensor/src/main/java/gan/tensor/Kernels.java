package gan.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chooses, once at start-up, the kernels the engine runs on, and logs the choice as one
 * line on stderr.
 *
 * <p>The system property {@code gan.gemm} ({@code vector}, {@code jblas} or {@code java})
 * forces a GEMM backend; by default the first available of vector, jblas, java is used.
 * The vector backend needs the incubator module ({@code --add-modules
 * jdk.incubator.vector}), which a jar manifest cannot enable: without it the class is
 * never loaded, and the log line says how to enable it.
 */
public final class Kernels {
    /** The system property that forces a GEMM backend. */
    public static final String GEMM_PROPERTY = "gan.gemm";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "gan.tensor.VectorGemm";
    private static final String VECTOR_PLANES_CLASS = "gan.tensor.VectorPlaneCorrelation";
    private static final String VECTOR_COPY_CLASS = "gan.tensor.VectorStridedCopy";
    private static final String VECTOR_ACTIVATIONS_CLASS = "gan.tensor.VectorActivations";

    private static volatile Gemm gemm;
    private static final Choice<PlaneCorrelation> PLANES =
            new Choice<>("plane correlation", Kernels::availablePlaneCorrelations);
    private static final Choice<StridedCopy> COPIES = new Choice<>("strided copy", Kernels::availableStridedCopies);
    private static final Choice<Activations> ACTIVATIONS = new Choice<>("activations", Kernels::availableActivations);
    private static List<Gemm> available;

    private Kernels() {}

    /** The GEMM backend in use. */
    public static Gemm gemm() {
        Gemm g = gemm;
        if (g == null) {
            synchronized (Kernels.class) {
                if (gemm == null) {
                    gemm = choose(System.getProperty(GEMM_PROPERTY, "auto"));
                    System.err.println("gan: GEMM backend " + gemm.description() + ", "
                            + Parallel.threads() + " threads" + vectorHint());
                }
                g = gemm;
            }
        }
        return g;
    }

    /** Replaces the GEMM backend (tests and benchmarks compare backends this way). */
    public static synchronized void setGemm(Gemm g) {
        if (g == null) {
            throw new IllegalArgumentException("Kernels.setGemm: backend must not be null");
        }
        gemm = g;
    }

    /**
     * The plane correlation kernel of few-channel convolutions: the Vector API one when the
     * incubator module is present, the plain Java one otherwise.
     */
    public static PlaneCorrelation planeCorrelation() {
        return PLANES.get();
    }

    /** Replaces the plane correlation kernel (tests compare the two this way). */
    public static void setPlaneCorrelation(PlaneCorrelation p) {
        PLANES.set(p);
    }

    /** Every plane correlation kernel usable in this JVM, fastest first; always ends with java. */
    public static List<PlaneCorrelation> availablePlaneCorrelations() {
        return vectorFirst(VECTOR_PLANES_CLASS, PlaneCorrelation.class, new JavaPlaneCorrelation());
    }

    /**
     * The strided copy of strided convolutions' im2col and col2im: the Vector API one when
     * the incubator module is present, the plain Java one otherwise.
     */
    public static StridedCopy stridedCopy() {
        return COPIES.get();
    }

    /** Replaces the strided copy kernel (tests compare the two this way). */
    public static void setStridedCopy(StridedCopy c) {
        COPIES.set(c);
    }

    /** Every strided copy kernel usable in this JVM, fastest first; always ends with java. */
    public static List<StridedCopy> availableStridedCopies() {
        return vectorFirst(VECTOR_COPY_CLASS, StridedCopy.class, new JavaStridedCopy());
    }

    /**
     * The transcendental activations (tanh, SELU): the Vector API ones when the incubator
     * module is present, the plain Java ones otherwise.
     */
    public static Activations activations() {
        return ACTIVATIONS.get();
    }

    /** Every activation kernel usable in this JVM, fastest first; always ends with java. */
    public static List<Activations> availableActivations() {
        return vectorFirst(VECTOR_ACTIVATIONS_CLASS, Activations.class, new JavaActivations());
    }

    /** The Vector API kernel {@code vectorClass} if the module is present and it loads, then {@code java}. */
    private static <T> List<T> vectorFirst(String vectorClass, Class<T> type, T java) {
        List<T> list = new ArrayList<>();
        T v = vectorModulePresent() ? load(vectorClass, type) : null;
        if (v != null) {
            list.add(v);
        }
        list.add(java);
        return list;
    }

    /** One kernel in use: the first available, chosen on first use; tests may replace it. */
    private static final class Choice<T> {
        private final String name;
        private final Supplier<List<T>> available;
        private volatile T chosen;

        Choice(String name, Supplier<List<T>> available) {
            this.name = name;
            this.available = available;
        }

        T get() {
            T c = chosen;
            if (c == null) {
                synchronized (this) {
                    if (chosen == null) {
                        chosen = available.get().get(0);
                    }
                    c = chosen;
                }
            }
            return c;
        }

        void set(T kernel) {
            if (kernel == null) {
                throw new IllegalArgumentException("Kernels: the " + name + " kernel must not be null");
            }
            chosen = kernel;
        }
    }

    /** Every backend usable in this JVM, fastest first; always ends with java. */
    public static synchronized List<Gemm> available() {
        if (available == null) {
            List<Gemm> list = new ArrayList<>();
            Gemm v = vectorOrNull();
            if (v != null) {
                list.add(v);
            }
            if (JblasGemm.loadError() == null) {
                list.add(new JblasGemm());
            }
            list.add(new JavaGemm());
            available = Collections.unmodifiableList(list);
        }
        return available;
    }

    /** Whether the Vector API incubator module is in the boot layer. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** A human-readable summary for {@code gan info}: backend, lanes, threads, modules. */
    public static String description() {
        StringBuilder s = new StringBuilder();
        s.append("GEMM backend: ").append(gemm().description()).append('\n');
        s.append("plane correlation (few-channel convolutions): ").append(planeCorrelation().name()).append('\n');
        s.append("strided copy (strided im2col): ").append(stridedCopy().name()).append('\n');
        s.append("activations (tanh, SELU): ").append(activations().name()).append('\n');
        s.append("threads: ").append(Parallel.threads()).append('\n');
        s.append("Vector API module (").append(VECTOR_MODULE).append("): ")
                .append(vectorModulePresent() ? "present" : "absent (run java with --add-modules " + VECTOR_MODULE + ")")
                .append('\n');
        String jblas = JblasGemm.loadError();
        s.append("jblas native BLAS: ").append(jblas == null ? "loaded" : "unavailable: " + jblas).append('\n');
        s.append("available backends:");
        for (Gemm g : available()) {
            s.append(' ').append(g.name());
        }
        return s.toString();
    }

    /** The backend named by a {@code gan.gemm} value ("auto" = first available). */
    static Gemm choose(String wanted) {
        switch (wanted) {
            case "vector":
                Gemm v = vectorOrNull();
                if (v == null) {
                    throw new IllegalStateException("-D" + GEMM_PROPERTY + "=vector, but the Vector API is unavailable: "
                            + "run java with --add-modules " + VECTOR_MODULE);
                }
                return v;
            case "jblas":
                return new JblasGemm();
            case "java":
                return new JavaGemm();
            case "auto":
                return firstAvailable();
            default:
                throw new IllegalArgumentException("-D" + GEMM_PROPERTY + "=" + wanted
                        + " is not a GEMM backend; use vector, jblas or java");
        }
    }

    private static Gemm firstAvailable() {
        Gemm v = vectorOrNull();
        if (v != null) {
            return v;
        }
        String why = JblasGemm.loadError();
        if (why == null) {
            return new JblasGemm();
        }
        System.err.println("gan: warning: jblas native BLAS unavailable (" + why + "), using plain Java GEMM");
        return new JavaGemm();
    }

    /** The vector backend, loaded by name so it is never linked when the module is absent. */
    private static Gemm vectorOrNull() {
        return vectorModulePresent() ? load(VECTOR_CLASS, Gemm.class) : null;
    }

    /** A Vector API kernel class, by name, or null (with a warning) if it cannot be loaded. */
    private static <T> T load(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.err.println("gan: warning: Vector API kernels failed to load (" + e + ")");
            return null;
        }
    }

    private static String vectorHint() {
        return vectorModulePresent() ? "" : " (add --add-modules " + VECTOR_MODULE + " for the Vector API kernels)";
    }
}
