package gan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the Vector API on without asking the user for JVM flags. A jar's manifest cannot
 * add an incubator module, so when {@code jdk.incubator.vector} is missing from the boot
 * layer, {@code main} starts the same java binary again with the same class path and JVM
 * arguments plus {@code --add-modules jdk.incubator.vector} (and {@link HugePages}' flag
 * where it applies), shares the terminal with it, and exits with its exit code.
 * {@code GAN_NO_RELAUNCH=1} in the child's environment prevents a loop; setting it yourself
 * disables the restart.
 *
 * <p>Ctrl-C reaches the child directly (the terminal signals the whole process group), so
 * the parent only waits for it; if the parent alone is stopped it passes the stop on, so
 * the child still saves its checkpoint.
 */
final class Relauncher {
    static final String MODULE = "jdk.incubator.vector";
    static final String ENV = "GAN_NO_RELAUNCH";

    private Relauncher() {}

    /** Whether this JVM should restart itself with the Vector API module. */
    static boolean wanted() {
        return ModuleLayer.boot().findModule(MODULE).isEmpty() && System.getenv(ENV) == null;
    }

    /** The child's command line, or empty if the java binary cannot be found. */
    static Optional<List<String>> command(String[] args) {
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(jvmArgs);
        cmd.addAll(HugePages.jvmFlags(jvmArgs));
        cmd.add("--add-modules");
        cmd.add(MODULE);
        if (Runtime.version().feature() >= 22) {
            // the child runs from -cp, where gan.jar's Enable-Native-Access manifest entry does
            // not apply; without this, JDK 22+ warns when jblas loads its native library
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /**
     * Runs the child and returns its exit code, or null (after one warning line on
     * {@code err}) if it could not be started: the caller then goes on without the vector path.
     */
    static Integer relaunch(String[] args, PrintStream err) {
        Optional<List<String>> cmd = command(args);
        if (cmd.isEmpty()) {
            err.println("warning: cannot find the java binary to restart with the Vector API; continuing without it");
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(cmd.get()).inheritIO();
        pb.environment().put(ENV, "1");
        Process child;
        try {
            child = pb.start();
        } catch (IOException | RuntimeException e) {
            err.println("warning: cannot restart with the Vector API (" + e.getMessage() + "); continuing without it");
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> waitForChild(child), "gan-wait-for-child"));
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the run is over
            }
        }
    }

    /** On the parent's shutdown: stop the child if it still runs, and let it save first. */
    private static void waitForChild(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy(); // SIGTERM: the child's own hook writes its checkpoint
        try {
            child.waitFor(300, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
