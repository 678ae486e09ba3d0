package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.OfficeFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose kube-apiserver listens on 7443 ({@code cluster.controlPlane.localAPIServerPort}, fixtures/office
 * otherwise): Talos serves the API on that port (siderolabs/talos internal/app/machined/pkg/controllers/k8s/control_plane.go,
 * LocalPort from K8sAPIServerConfig().APIPort()), so a Tailscale TCPForward must name it, and the gates dial each
 * host's own name there.
 */
class RehearseApiServerPortTest {
    @TempDir
    Path dir;

    @BeforeEach
    void officeOn7443() {
        OfficeFixture.copy(dir);
        for (String variant : new String[] {"before", "after"}) {
            OfficeFixture.edit(dir, variant, "endpoint: https://10.40.0.5:6443", "endpoint: https://10.40.0.5:7443");
            OfficeFixture.edit(dir, variant, "patches:\n  - |-\n    machine:",
                    "patches:\n  - |-\n    cluster:\n      controlPlane:\n        localAPIServerPort: 7443\n  - |-\n    machine:");
        }
    }

    @Test
    void aServeConfigForwardingToThePortTheApiServerListensOnPasses() {
        OfficeFixture.edit(dir, "after", "\"TCPForward\": \"127.0.0.1:6443\"", "\"TCPForward\": \"127.0.0.1:7443\"");

        CliRun run = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[1/3] cp-a gate tailnet-api … ok").contains("[3/3] cp-c gate tailnet-host … ok");
    }

    /** Lint names the stale forward; with its error allowed, the gate catches it on its own and cp-a goes back. */
    @Test
    void aServeConfigStillForwardingTo6443FailsLintAndTheTailnetGateOnTheFirstControlPlane() {
        CliRun run = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--allow-lint-errors");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String verdict = run.out().substring(run.out().indexOf("REHEARSAL FAILED:"));
        assertThat(verdict).contains("gate tailnet-api on cp-a").contains("kube.tail7c3e2.ts.net:443")
                .contains("lint serve-forward-misses-apiserver at " + dir.resolve("after/talconfig.yaml") + ":");
        assertThat(run.out()).contains("rollback cp-a … ok").doesNotContain("[2/3] cp-b");
    }
}
