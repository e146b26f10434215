package gan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HugePagesTest {
    @Test
    void asksForHugePagesOnlyOnLinuxInMadviseMode() {
        assertEquals(List.of(HugePages.FLAG), HugePages.jvmFlags("Linux", "always [madvise] never\n", List.of()));
        assertEquals(List.of(), HugePages.jvmFlags("Linux", "[always] madvise never\n", List.of()), "used anyway");
        assertEquals(List.of(), HugePages.jvmFlags("Linux", "always madvise [never]\n", List.of()), "switched off");
        assertEquals(List.of(), HugePages.jvmFlags("Mac OS X", "always [madvise] never\n", List.of()));
    }

    @Test
    void leavesThePageSizeToAUserWhoChoseOne() {
        assertEquals(List.of(), HugePages.jvmFlags("Linux", "always [madvise] never",
                List.of("-Xmx2g", "-XX:-UseTransparentHugePages")));
        assertEquals(List.of(), HugePages.jvmFlags("Linux", "always [madvise] never", List.of("-XX:+UseLargePages")));
    }

    @Test
    void theRestartedChildGetsTheFlagsThisMachineCallsFor() {
        List<String> cmd = Relauncher.command(new String[] {"info"}).orElseThrow();
        List<String> flags = HugePages.jvmFlags(java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments());
        assertEquals(flags.isEmpty() ? 0 : 1, cmd.stream().filter(HugePages.FLAG::equals).count(), cmd.toString());
    }
}
