package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's "No validation as Talos does it": a value Talos's own validation refuses makes
 * {@code genconfig}, {@code lint} and {@code plan} exit 2 with one line {@code file:line: field: reason},
 * pointing at the talconfig.yaml line the value came from, and nothing is written.
 *
 * <p>Each case edits a scratch copy of {@code fixtures/homelab/after/talconfig.yaml} (Talos v1.11.5).
 */
class TalosValidationCliTest {
    private static final String TALCONFIG = "after/talconfig.yaml";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                // the validSubnets patch of the top-level patches: the value sits on line 73
                Arguments.of("validSubnets /33", "validSubnets:\n            - 192.168.20.0/24", "validSubnets:\n            - 10.0.0.0/33",
                        ":73: machine.kubelet.nodeIP.validSubnets[0]: kubelet nodeIP subnet is not valid: \"10.0.0.0/33\""),
                Arguments.of("validSubnets with trailing garbage", "validSubnets:\n            - 192.168.20.0/24", "validSubnets:\n            - 192.168.20.0/24x",
                        ":73: machine.kubelet.nodeIP.validSubnets[0]: kubelet nodeIP subnet is not valid: \"192.168.20.0/24x\""),
                Arguments.of("endpoint port out of range", "endpoint: https://192.168.20.10:6443", "endpoint: https://192.168.20.10:99999",
                        ":9: cluster.controlPlane.endpoint: invalid controlplane endpoint: port number must be between 1 and 65535"));
    }

    static Stream<Arguments> commands() {
        return Stream.of(Arguments.of("genconfig"), Arguments.of("lint"), Arguments.of("plan"));
    }

    static Stream<Arguments> casesPerCommand() {
        return commands().flatMap(c -> cases().map(a -> Arguments.of(c.get()[0], a.get()[0], a.get()[1], a.get()[2], a.get()[3])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesPerCommand")
    void refusedWithOneLineAtTheTalconfigLine(String command, String name, String original, String replacement, String expected)
            throws IOException {
        Fixtures.copy("homelab", dir);
        replace(TALCONFIG, original, replacement);
        Path out = dir.resolve("clusterconfig");

        CliRun run = run(command, out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().lines()).as("stderr is one line: %s", run.err()).hasSize(1);
        assertThat(run.err()).startsWith(dir.resolve(TALCONFIG) + expected).contains("Talos refuses this config")
                .doesNotContain("Exception");
        assertThat(out).as("nothing written").doesNotExist();
    }

    @Test
    void etcdSubnetFromTheControlPlanePatchIsReportedAtItsLine() throws IOException {
        Fixtures.copy("homelab", dir);
        replace(TALCONFIG, "          advertisedSubnets:\n            - 192.168.20.0/24", "          advertisedSubnets:\n            - 192.168.20.0/24x");
        CliRun run = run("genconfig", dir.resolve("clusterconfig"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).startsWith(dir.resolve(TALCONFIG) + ":42: cluster.etcd.advertisedSubnets[0]: etcd advertised subnet is not valid: \"192.168.20.0/24x\"");
    }

    @Test
    void etcdPatchReachingWorkersIsRefusedAtThePatch() throws IOException {
        Fixtures.copy("homelab", dir);
        // a top-level patch reaches every node, workers included: Talos refuses etcd config on a worker.
        // Reported where the patch's etcd map starts (its first key, line 77).
        append(TALCONFIG, "  - |-\n    cluster:\n      etcd:\n        advertisedSubnets:\n          - 192.168.20.0/24\n");
        CliRun run = run("genconfig", dir.resolve("clusterconfig"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).startsWith(dir.resolve(TALCONFIG) + ":77: cluster.etcd: etcd config is only allowed on control plane machines (node talos-worker-gpu-0");
    }

    @Test
    void machineFilePermissionsAreWrittenAsIntegers() throws IOException {
        Fixtures.copy("homelab", dir);
        replace(TALCONFIG, "worker:\n", "worker:\n  machineFiles:\n    - content: a\n      path: /var/etc/a\n      permissions: 0o644\n      op: create\n"
                + "    - content: b\n      path: /var/etc/b\n      permissions: 0644\n      op: create\n"
                + "    - content: c\n      path: /var/etc/c\n      permissions: 420\n      op: create\n");
        append(TALCONFIG, "  - |-\n    machine:\n      files:\n        - content: d\n          path: /var/etc/d\n          permissions: 0644\n          op: create\n");
        Path out = dir.resolve("clusterconfig");
        CliRun run = run("genconfig", out);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String worker = Files.readString(out.resolve("homelab-talos-worker-gpu-0.yaml"));
        // talhelper: go-yaml reads all of them as 420 (in talconfig.yaml and in a patch), Talos's FileMode writes it as an octal !!int
        assertThat(worker.lines().filter(l -> l.contains("permissions:")).map(String::trim).toList())
                .containsExactly("permissions: 0o644", "permissions: 0o644", "permissions: 0o644", "permissions: 0o644");
    }

    private CliRun run(String command, Path out) {
        String secrets = dir.resolve("talsecret.yaml").toString();
        String talenv = dir.resolve("talenv.yaml").toString();
        String talconfig = dir.resolve(TALCONFIG).toString();
        return switch (command) {
            case "genconfig" -> CliRun.of("genconfig", "-c", talconfig, "-s", secrets, "-e", talenv, "-o", out.toString());
            case "lint" -> CliRun.of("lint", "-c", talconfig, "-e", talenv, "-s", secrets);
            case "plan" -> CliRun.of("plan", "--from", dir.resolve("before/talconfig.yaml").toString(), "--to", talconfig,
                    "-s", secrets, "-e", talenv);
            default -> throw new IllegalArgumentException(command);
        };
    }

    private void replace(String file, String original, String replacement) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(text).as(file).contains(original);
        Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(replacement)));
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + text);
    }
}
