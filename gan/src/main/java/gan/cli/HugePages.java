package gan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Transparent huge pages for the JVM's heap where Linux hands them out only on request.
 * With the kernel's THP setting at "madvise" (Debian's default) the JVM uses 4 KB pages
 * unless started with {@code -XX:+UseTransparentHugePages}. A cGAN training step writes
 * about 400 MB of fresh arrays and streams column matrices of several MB through im2col and
 * the GEMMs' packing, so TLB misses cost it: {@code train cgan --steps 50}, three runs each
 * alternated on the 2-core Zen 5 machine, 0.610 / 0.589 / 0.596 s/step with 4 KB pages,
 * 0.556 / 0.523 / 0.568 with the flag. The restarted child ({@link Relauncher}) and the JMH
 * forks of {@code bench/} get the flag; nothing is added when the user already set a
 * page-size flag, on other systems, or where THP is "always" (used anyway) or "never".
 */
public final class HugePages {
    /** The kernel's THP mode, the current one in brackets: "always [madvise] never". */
    static final Path SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    static final String FLAG = "-XX:+UseTransparentHugePages";

    private HugePages() {}

    /** The flags for a JVM started from this one with {@code jvmArgs}: the THP flag, or none. */
    public static List<String> jvmFlags(List<String> jvmArgs) {
        String setting;
        try {
            setting = Files.readString(SETTING);
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux, or no THP support: nothing to ask for
        }
        return jvmFlags(System.getProperty("os.name", ""), setting, jvmArgs);
    }

    /** Whether a JVM started with {@code jvmArgs} asked for transparent huge pages. */
    public static boolean inUse(List<String> jvmArgs) {
        return jvmArgs.contains(FLAG);
    }

    /** {@link #jvmFlags(List)} for the given system name and THP setting (tests feed both). */
    static List<String> jvmFlags(String osName, String setting, List<String> jvmArgs) {
        boolean userChose = jvmArgs.stream()
                .anyMatch(a -> a.contains("TransparentHugePages") || a.contains("LargePages"));
        if (userChose || !osName.startsWith("Linux") || !setting.contains("[madvise]")) {
            return List.of();
        }
        return List.of(FLAG);
    }
}
