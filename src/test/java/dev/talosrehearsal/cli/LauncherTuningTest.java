package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options bin/talos-rehearsal picks per command, read from a stand-in {@code java} that prints its arguments:
 * C1 only for the short commands (a rehearsal is a second faster), but C2 kept where a secrets bundle to keep is generated,
 * whose RSA-4096 key takes 5-14 s C1-only against about a second with C2 (measured 2026-12-06, docs/benchmarks.md).
 */
class LauncherTuningTest {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path checkout;

    @BeforeEach
    void checkoutWithAStandInJava() throws IOException {
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(Path.of("bin/talos-rehearsal"), checkout.resolve("bin/talos-rehearsal"));
        Files.createDirectories(checkout.resolve("target"));
        Files.createFile(checkout.resolve("target/talos-rehearsal.jar"));
        Path java = checkout.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> jvmArguments(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("sh", checkout.resolve("bin/talos-rehearsal").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", checkout.resolve("jdk").toString());
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<String> arguments = out.lines().toList();
        return arguments.subList(0, arguments.indexOf("-jar"));
    }

    @Test
    void shortCommandsRunC1OnlyWithTheSerialCollector() throws Exception {
        for (String[] command : List.of(new String[] {"rehearse", "fixtures/homelab"}, new String[] {"genconfig", "--dry-run"},
                new String[] {"apply", "--journal", "j"}, new String[] {"bench", "rollout"},
                new String[] {"lint"} /* without a secrets file it renders with a throwaway bundle, which has no RSA key */)) {
            assertThat(jvmArguments(command)).as(String.join(" ", command)).contains(C1_ONLY)
                    .containsAll(FreshJvmRun.LAUNCHER_OPTIONS);
        }
    }

    @Test
    void commandsThatGenerateASecretsBundleKeepC2() throws Exception {
        for (String[] command : List.of(new String[] {"gensecret"}, new String[] {"init", "--from", "talconfig.yaml", "dir"},
                new String[] {"genconfig", "--new-secrets"})) {
            assertThat(jvmArguments(command)).as(String.join(" ", command)).doesNotContain(C1_ONLY)
                    .containsAll(FreshJvmRun.LAUNCHER_OPTIONS_GENERATING_A_BUNDLE);
        }
    }
}
