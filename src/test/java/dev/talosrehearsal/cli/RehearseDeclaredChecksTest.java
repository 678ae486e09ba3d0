package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.OfficeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code checks.yaml}: the user's own verification, run after the migration and after the rollback drill. */
class RehearseDeclaredChecksTest {
    @TempDir
    Path tmp;

    @Test
    void theUsersChecksRunBesideTheBuiltInListAndPass() throws Exception {
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        Files.writeString(dir.resolve("checks.yaml"), """
                afterMigration:
                  nodeIpsIn: [10.40.0.0/24]
                  etcdPeersIn: [10.40.0.0/24]
                  apiThrough: [kube.tail7c3e2.ts.net:443]
                afterRollback:
                  nodeIpsIn: [10.40.0.0/24]
                """);

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("PASS declared node-ip build-1: Ready, InternalIP 10.40.0.31")
                .contains("PASS declared etcd cp-c: peer URL https://10.40.0.13:2380")
                .contains("PASS declared api-through-tailnet kube.tail7c3e2.ts.net:443: API answered");
    }

    @Test
    void aCheckThatFailsAfterTheRollbackFailsTheRehearsal() throws Exception {
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        // before/ serves no Tailscale service: after the rollback drill the API is no longer reachable there
        Files.writeString(dir.resolve("checks.yaml"), "afterRollback:\n  apiThrough: [kube.tail7c3e2.ts.net:443]\n");

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("REHEARSAL FAILED")
                .contains("verification after rollback: FAIL declared api-through-tailnet kube.tail7c3e2.ts.net:443");
    }

    /** kubectl queries with expected output, run with the real kubectl against the simulated cluster's API. */
    @Test
    void kubectlQueriesPassOnTheirExpectedOutputAndFailTheRehearsalWithout() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.talosrehearsal.kube.Kubectl.find().isPresent(),
                dev.talosrehearsal.kube.Kubectl.MISSING);
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        Files.writeString(dir.resolve("checks.yaml"), """
                afterMigration:
                  kubectl:
                    - args: get nodes -o wide
                      expect: 10.40.0.31
                    - args: [get, nodes, build-1, -o, "jsonpath={.status.addresses[0].address}"]
                      expect: 10.40.0.31
                    - args: get nodes -o wide
                      expect: 172.31.255.254
                    - args: get endpoints kubernetes
                      expect: 10.40.0.11:6443,10.40.0.12:6443,10.40.0.13:6443
                """);

        CliRun run = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("PASS declared kubectl get nodes -o wide: the output contains '10.40.0.31'")
                .contains("PASS declared kubectl get nodes build-1 -o jsonpath={.status.addresses[0].address}: the output contains '10.40.0.31'")
                .contains("verification: FAIL declared kubectl get nodes -o wide: the output does not contain '172.31.255.254'")
                // the API servers' own Service, as on a real cluster (sim/kube/KubernetesServiceMirror)
                .contains("PASS declared kubectl get endpoints kubernetes: the output contains '10.40.0.11:6443,10.40.0.12:6443,10.40.0.13:6443'");
    }

    @Test
    void aKubectlQueryWithItsOwnKubeconfigIsBadInput() throws Exception {
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        Files.writeString(dir.resolve("checks.yaml"), "afterMigration:\n  kubectl:\n    - args: get nodes --kubeconfig /tmp/x\n");

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith(dir.resolve("checks.yaml") + ":3:").contains("--kubeconfig is the rehearsal's own");
    }

    @Test
    void aMistypedKeyIsBadInputAtItsLine() throws Exception {
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        Files.writeString(dir.resolve("checks.yaml"), "afterMigration:\n  nodeIpIn: [10.40.0.0/24]\n");

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith(dir.resolve("checks.yaml") + ":2:").contains("unknown key 'nodeIpIn'").contains("did you mean 'nodeIpsIn'");
    }
}
