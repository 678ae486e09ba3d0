package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.talosrehearsal.cli.bench.FreshJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/talos-rehearsal, the launcher the README tells people to use: it runs the packaged jar, maps the
 * class-data-sharing archive that {@code mvn package} trained, and never lets that archive get in the
 * way (missing, stale or foreign archives only cost speed, and the JVM's messages about them stay out of
 * the tool's output).
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("bin", "talos-rehearsal").toAbsolutePath();
    private static final Path JAR = Path.of("target", "talos-rehearsal.jar").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", FreshJvm.ARCHIVE_NAME).toAbsolutePath();

    @Test
    void runsTheJar() throws Exception {
        Run run = run(LAUNCHER, Map.of(), "--version");
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).startsWith("talos-rehearsal ");
    }

    @Test
    void loadsTheToolsClassesFromTheTrainedArchive() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "no " + ARCHIVE + ": packaged with -DskipCdsTraining");
        assumeTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) >= 0,
                ARCHIVE + " is older than the jar: packaged with -DskipCdsTraining after an earlier build");
        Run run = run(LAUNCHER, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "--version");
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("dev.talosrehearsal.cli.Main source: shared objects file (top)");
    }

    @Test
    void worksThroughASymbolicLinkElsewhere(@TempDir Path home) throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(home.resolve("bin")).resolve("talos-rehearsal"), LAUNCHER);
        Run run = run(link, Map.of(), "--version");
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).startsWith("talos-rehearsal ");
    }

    @Test
    void aStaleArchiveOnlyCostsSpeed(@TempDir Path checkout) throws Exception {
        Path launcher = copyLayout(checkout);
        Files.writeString(checkout.resolve("target").resolve(FreshJvm.ARCHIVE_NAME), "not an archive");
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).as("nothing but the version: no JVM message about the archive").matches("talos-rehearsal \\S+\\n");
    }

    @Test
    void withoutTheArchiveItStillRuns(@TempDir Path checkout) throws Exception {
        Path launcher = copyLayout(checkout);
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).matches("talos-rehearsal \\S+\\n");
    }

    @Test
    void withoutABuildItSaysHowToBuild(@TempDir Path checkout) throws Exception {
        Path launcher = copyLayout(checkout);
        Files.delete(checkout.resolve("target").resolve("talos-rehearsal.jar"));
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(run.output).contains("not found; build it first: mvn -B -ntp package");
    }

    /** bin/ and target/ of a checkout elsewhere, the jar linked rather than copied (it is large). */
    private static Path copyLayout(Path checkout) throws IOException {
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        Path target = Files.createDirectories(checkout.resolve("target"));
        Path launcher = Files.copy(LAUNCHER, bin.resolve("talos-rehearsal"));
        launcher.toFile().setExecutable(true);
        Files.createSymbolicLink(target.resolve("talos-rehearsal.jar"), JAR);
        return launcher;
    }

    private static Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("TALOS_REHEARSAL_CDS_TRAINING");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private record Run(int exit, String output) {}
}
