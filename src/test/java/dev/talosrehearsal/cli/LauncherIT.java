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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    /**
     * On Java 25 and later the launcher trains and maps the JVM's ahead-of-time cache instead of a class-data-sharing
     * archive; the JVM's warnings (the cache's, and JEP 498's about Netty's and protobuf's use of sun.misc.Unsafe) stay
     * out of the output. Needs a JDK 25 or newer under /usr/lib/jvm (this project builds and tests on 17).
     */
    @Test
    void onJava25TheLauncherTrainsAndMapsTheAheadOfTimeCache(@TempDir Path checkout) throws Exception {
        Optional<Path> jdk = jdkAtLeast(25);
        assumeTrue(jdk.isPresent(), "no JDK 25 or newer under /usr/lib/jvm: the ahead-of-time cache is for Java 25 and later");
        Path launcher = copyLayout(checkout);
        Map<String, String> java25 = Map.of("JAVA_HOME", jdk.get().toString());
        Run training = run(launcher, Map.of("JAVA_HOME", jdk.get().toString(), "TALOS_REHEARSAL_CDS_TRAINING", "1"), "--version");
        assertThat(training.exit).as(training.output).isZero();
        assertThat(checkout.resolve("target/talos-rehearsal.aot")).isNotEmptyFile();
        Run run = run(launcher, java25, "--version");
        assertThat(run.output).as("nothing but the version: no JVM warning").matches("talos-rehearsal \\S+\\n");
        Run loading = run(launcher, Map.of("JAVA_HOME", jdk.get().toString(), "JAVA_OPTS", "-Xlog:class+load=info"), "--version");
        assertThat(loading.output).contains("dev.talosrehearsal.cli.Main source: shared objects file");
        Files.writeString(checkout.resolve("target/talos-rehearsal.aot"), "not a cache");
        assertThat(run(launcher, java25, "--version").output).as("a stale cache only costs speed").matches("talos-rehearsal \\S+\\n");
    }

    /** A JDK under /usr/lib/jvm whose release file says {@code feature} or later. */
    private static Optional<Path> jdkAtLeast(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isRegularFile(home.resolve("release")) && Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> {
                        try {
                            Matcher m = version.matcher(Files.readString(home.resolve("release")));
                            return m.find() && Integer.parseInt(m.group(1)) >= feature;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted().findFirst();
        }
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
