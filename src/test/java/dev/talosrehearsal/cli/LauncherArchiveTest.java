package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which archive bin/talos-rehearsal trains and maps, by the Java that runs it (read from the JDK's release file, not by
 * starting a JVM): the class-data-sharing archive up to Java 24, the ahead-of-time cache from Java 25 on (a rehearsal
 * 3.0 s instead of 3.9 s, docs/benchmarks.md). Read from a stand-in {@code java} that prints its arguments.
 */
class LauncherArchiveTest {
    private static final String TRAINING = "TALOS_REHEARSAL_CDS_TRAINING";
    private static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private StandInCheckout checkout;

    @BeforeEach
    void checkoutWithAStandInJava(@TempDir Path root) throws IOException {
        checkout = new StandInCheckout(root);
        Files.createFile(checkout.target("talos-rehearsal.jsa"));
        Files.createFile(checkout.target("talos-rehearsal.aot"));
    }

    @Test
    void java17MapsTheClassDataSharingArchive() throws Exception {
        checkout.release("17.0.15");
        assertThat(checkout.jvmOptions("rehearse", "dir"))
                .contains("-XX:SharedArchiveFile=" + checkout.target("talos-rehearsal.jsa"), "-Xlog:cds*=off")
                .noneMatch(o -> o.contains("AOT") || o.startsWith("-Xlog:aot"))
                .doesNotContain(QUIET_UNSAFE);
    }

    @Test
    void java25MapsTheAheadOfTimeCacheAndKeepsTheJvmsWarningsOutOfTheOutput() throws Exception {
        checkout.release("25.0.3");
        assertThat(checkout.jvmOptions("rehearse", "dir"))
                .contains("-XX:AOTCache=" + checkout.target("talos-rehearsal.aot"), "-Xlog:aot*=off", "-Xlog:cds*=off", QUIET_UNSAFE)
                .noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void java24HasNoAheadOfTimeCacheYetButWarnsAboutUnsafe() throws Exception {
        checkout.release("24.0.2");
        assertThat(checkout.jvmOptions("rehearse", "dir"))
                .contains("-XX:SharedArchiveFile=" + checkout.target("talos-rehearsal.jsa"), QUIET_UNSAFE)
                .noneMatch(o -> o.contains("AOT"));
    }

    @Test
    void trainingRecordsTheArchiveOfTheJavaThatRuns() throws Exception {
        Map<String, String> training = Map.of("JAVA_HOME", checkout.jdk().toString(), TRAINING, "1");
        checkout.release("17.0.15");
        assertThat(checkout.jvmOptions(training, "rehearse", "dir")).contains("-XX:ArchiveClassesAtExit=" + checkout.target("talos-rehearsal.jsa"));
        checkout.release("25.0.3");
        assertThat(checkout.jvmOptions(training, "rehearse", "dir")).contains("-XX:AOTCacheOutput=" + checkout.target("talos-rehearsal.aot"));
        assertThat(checkout.target("talos-rehearsal.aot")).as("the old cache is removed before training").doesNotExist();
    }

    @Test
    void withoutTheArchiveOfItsJavaTheJvmUsesOnlyItsOwn() throws Exception {
        checkout.release("25.0.3");
        Files.delete(checkout.target("talos-rehearsal.aot"));
        assertThat(checkout.jvmOptions("rehearse", "dir")).as("Java 17's archive is no use to Java 25")
                .contains("-Xshare:auto").noneMatch(o -> o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:AOTCache"));
    }

    @Test
    void theReleaseIsFoundThroughTheSymbolicLinksOfTheJavaOnThePath(@TempDir Path elsewhere) throws Exception {
        checkout.release("25.0.3");
        // as Debian installs it: /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/<jdk>/bin/java
        Path alternatives = Files.createSymbolicLink(Files.createDirectories(elsewhere.resolve("etc/alternatives")).resolve("java"),
                checkout.jdk().resolve("bin/java"));
        Path usrBin = Files.createDirectories(elsewhere.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("java"), usrBin.relativize(alternatives));
        List<String> options = checkout.jvmOptions(Map.of("PATH", usrBin + ":/usr/bin:/bin"), "rehearse", "dir");
        assertThat(options).contains("-XX:AOTCache=" + checkout.target("talos-rehearsal.aot"));
    }

    @Test
    void aJavaWithoutAReleaseFileIsTreatedAsJava17() throws Exception {
        assertThat(checkout.jvmOptions("rehearse", "dir")).contains("-XX:SharedArchiveFile=" + checkout.target("talos-rehearsal.jsa"))
                .doesNotContain(QUIET_UNSAFE);
    }
}
