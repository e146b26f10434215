package gan.cli;

import gan.tensor.Kernels;
import gan.train.Versions;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code gan info}: the JVM, cores, threads, GEMM backend and whether the Vector API is on. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the JDK, cores, threads, GEMM backend and Vector API status.")
final class InfoCommand implements Callable<Integer> {
    private final CliContext ctx;

    InfoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out.println("gan engine  " + Versions.engine());
        ctx.out.println("JDK         " + Versions.jdk() + ", " + System.getProperty("java.vm.name"));
        ctx.out.println("OS          " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ctx.out.println("cores       " + Runtime.getRuntime().availableProcessors());
        ctx.out.println("max heap    " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        ctx.out.println("huge pages  " + (HugePages.inUse(ManagementFactory.getRuntimeMXBean().getInputArguments())
                ? "on (" + HugePages.FLAG + ")" : "off"));
        // threads, GEMM backend, Vector API module and jblas status, one per line
        ctx.out.println(Kernels.description());
        return 0;
    }
}
