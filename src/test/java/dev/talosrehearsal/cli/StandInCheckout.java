package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A checkout's layout for bin/talos-rehearsal (the launcher, an empty jar) with a stand-in JDK whose {@code java}
 * prints its arguments one per line instead of running anything: what the launcher would hand the JVM, read
 * without starting one.
 */
final class StandInCheckout {
    private final Path root;

    StandInCheckout(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin/talos-rehearsal"), root.resolve("bin/talos-rehearsal"));
        Files.createDirectories(root.resolve("target"));
        Files.createFile(root.resolve("target/talos-rehearsal.jar"));
        Path java = jdk().resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The stand-in JDK's home; without a {@code release} file until {@link #release} writes one. */
    Path jdk() {
        return root.resolve("jdk");
    }

    Path target(String name) {
        return root.resolve("target").resolve(name);
    }

    /** Gives the stand-in JDK the release file a JDK installs, e.g. {@code JAVA_VERSION="25.0.3"}. */
    StandInCheckout release(String javaVersion) throws IOException {
        Files.writeString(jdk().resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        return this;
    }

    /** The JVM options (everything before {@code -jar}) for {@code command}, with JAVA_HOME on the stand-in JDK. */
    List<String> jvmOptions(String... command) throws IOException, InterruptedException {
        return jvmOptions(Map.of("JAVA_HOME", jdk().toString()), command);
    }

    /** The same with {@code environment} instead (JAVA_OPTS and JAVA_HOME cleared first; set them there). */
    List<String> jvmOptions(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("sh", root.resolve("bin/talos-rehearsal").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("TALOS_REHEARSAL_CDS_TRAINING");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<String> arguments = out.lines().toList();
        return arguments.subList(0, arguments.indexOf("-jar"));
    }
}
