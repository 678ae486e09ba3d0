package dev.talosrehearsal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.sim.node.NodeFaults;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResults;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import dev.talosrehearsal.testing.Homelab;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every apply mode, from the real Talos client over mTLS to the node models of the seed's cluster. */
class SimulatedClusterApplyTest {
    static final TalConfig before = Homelab.talconfig("before");
    static final RenderedCluster afterConfigs = Homelab.rendered("after");
    SimulatedTalosNodes cluster;
    TalosClient client;

    private void start(TalosVersion version) {
        cluster = SimulatedTalosNodes.start(new SimulatedTalosNodes.Spec(Homelab.rendered("before"), version,
                Homelab.inventory(), Homelab.secrets(), null, NodeTimings.DEFAULT, new SimClock()));
        TalosConfig.Context ctx = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        client = TalosClient.connect(ctx, ctx.endpoints().get(0), new TalosClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    private static byte[] after(String host) {
        return afterConfigs.node(host).orElseThrow().config().toYaml().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void autoAppliesTheMigrationWithoutARebootAndTheNodeMovesToTheLan() {
        start(before.talosVersion());
        ApplyResult result = client.apply("192.168.20.20", after("talos-worker-gpu-0"), ApplyMode.AUTO, false, null);

        assertThat(result.mode()).isEqualTo(ApplyMode.NO_REBOOT);
        assertThat(cluster.node("talos-worker-gpu-0").kubeletNodeIp()).contains("192.168.20.20");
        assertThat(cluster.node("talos-worker-gpu-0").persistedConfig().toYaml()).isEqualTo(afterConfigs.node("talos-worker-gpu-0").orElseThrow().config().toYaml());
    }

    @Test
    void stagedWaitsForTheNextRebootAndRebootModeRebootsNow() {
        start(before.talosVersion());
        ApplyResult staged = client.apply("192.168.20.21", after("talos-worker-gpu-1"), ApplyMode.STAGED, false, null);
        assertThat(staged.details()).isEqualTo("Staged configuration to be applied after the next reboot");
        assertThat(cluster.node("talos-worker-gpu-1").kubeletNodeIp()).contains("100.101.0.21");

        ApplyResult reboot = client.apply("192.168.20.20", after("talos-worker-gpu-0"), ApplyMode.REBOOT, false, null);
        assertThat(reboot.mode()).isEqualTo(ApplyMode.REBOOT);
        assertThat(cluster.node("talos-worker-gpu-0").isReachable()).isFalse();
        assertThatThrownBy(() -> client.version(java.util.List.of("192.168.20.20")).get(0).orThrow())
                .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.UNAVAILABLE));

        cluster.clock().advance(Duration.ofMinutes(1));
        assertThat(cluster.node("talos-worker-gpu-0").isReachable()).isTrue();
        assertThat(cluster.node("talos-worker-gpu-0").kubeletNodeIp()).contains("192.168.20.20");
    }

    @Test
    void noRebootAndTryAreRefusedForAChangeThatNeedsAReboot() {
        start(before.talosVersion());
        byte[] needsReboot = Homelab.rendered("before").node("talos-worker-gpu-1").orElseThrow().config().toYaml()
                .replace("    kubelet:\n", "    env:\n        HTTP_PROXY: http://proxy.lan:3128\n    kubelet:\n")
                .getBytes(StandardCharsets.UTF_8);
        for (ApplyMode mode : new ApplyMode[] {ApplyMode.NO_REBOOT, ApplyMode.TRY}) {
            assertThatThrownBy(() -> client.apply("192.168.20.21", needsReboot, mode, false, Duration.ofMinutes(1)))
                    .isInstanceOf(TalosApiException.class)
                    .hasMessageContaining("can't be applied in immediate mode")
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }

    /**
     * Issue 12: configs that Talos's validation refuses are refused by the simulated node as machined does,
     * InvalidArgument with the validation error's text, and change nothing
     * (docs/talos-behaviour.md#validation).
     */
    @Test
    void aConfigTalosValidationRefusesIsAnInvalidArgumentWithTalossMessage() {
        start(before.talosVersion());
        String good = afterConfigs.node("talos-worker-gpu-1").orElseThrow().config().toYaml();
        String before = cluster.node("talos-worker-gpu-1").persistedConfig().toYaml();
        String[][] cases = {
                {"- 192.168.20.0/24\n", "- 10.0.0.0/33\n", "kubelet nodeIP subnet is not valid: \"10.0.0.0/33\""},
                {"- 192.168.20.0/24\n", "- 192.168.20.0/24x\n", "kubelet nodeIP subnet is not valid: \"192.168.20.0/24x\""},
                {"https://192.168.20.10:6443", "https://192.168.20.10:99999", "invalid controlplane endpoint: port number must be between 1 and 65535"}};
        for (String[] c : cases) {
            assertThat(good).contains(c[0]);
            byte[] bad = good.replace(c[0], c[1]).getBytes(StandardCharsets.UTF_8);
            for (boolean dryRun : new boolean[] {true, false}) {
                assertThatThrownBy(() -> client.apply("192.168.20.21", bad, ApplyMode.AUTO, dryRun, null))
                        .isInstanceOf(TalosApiException.class)
                        // v1.11: go-multierror's flat list, as machined returns it from Validate
                        .hasMessageContaining("1 error occurred:\n\t* " + c[2])
                        .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            }
        }
        assertThat(cluster.node("talos-worker-gpu-1").persistedConfig().toYaml()).as("nothing applied").isEqualTo(before);
    }

    @Test
    void garbageAndConfigsWithoutTheV1alpha1DocumentAreInvalidArguments() {
        start(before.talosVersion());
        for (String bad : new String[] {"\u0000\u0001 not yaml: [", "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: x\nenvironment: [A=b]\n"}) {
            assertThatThrownBy(() -> client.apply("192.168.20.21", bad.getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null))
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Test
    void etcdMembersAreReadFromTheLocalMemberAsTalosctlDoesSoALostQuorumStillShowsTheMembers() {
        // talosctl etcd members sends query_local: true (cmd/talosctl/cmd/talos/etcd.go); a cluster-wide read needs quorum
        start(before.talosVersion());
        cluster.node("talos-master-1").faults().etcdUnhealthy(true);
        cluster.node("talos-master-2").faults().etcdUnhealthy(true);

        List<TalosResults.EtcdMemberInfo> members = client.etcdMembers(List.of("192.168.20.10")).get(0).orThrow();

        assertThat(members).extracting(TalosResults.EtcdMemberInfo::hostname)
                .containsExactlyInAnyOrder("talos-master-0", "talos-master-1", "talos-master-2");
    }

    @Test
    void anUnknownNodeIsAnErrorNamingIt() {
        start(before.talosVersion());
        assertThatThrownBy(() -> client.apply("192.168.20.99", after("talos-worker-gpu-0"), ApplyMode.AUTO, false, null))
                .isInstanceOf(TalosApiException.class).hasMessageContaining("192.168.20.99");
    }

    @Test
    void fromTalos1129ASecondApplyWhileOneIsInProgressFailsWithFailedPrecondition() throws Exception {
        start(TalosVersion.parse("v1.12.9"));
        cluster.node("talos-worker-gpu-0").faults().latency(new NodeFaults.Latency("ApplyConfiguration", Duration.ofMillis(1500)));
        CompletableFuture<ApplyResult> first = CompletableFuture.supplyAsync(
                () -> client.apply("192.168.20.20", after("talos-worker-gpu-0"), ApplyMode.AUTO, false, null));
        // wait until the first apply holds the node (it stays in progress for the injected 1.5 s)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::applyInProgress);
        assertThatThrownBy(() -> client.apply("192.168.20.20", after("talos-worker-gpu-0"), ApplyMode.AUTO, false, null))
                .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.FAILED_PRECONDITION))
                .hasMessageContaining("another apply configuration is already in progress");
        assertThat(first.get().mode()).isEqualTo(ApplyMode.NO_REBOOT);
    }

    /** Machined's "apply in progress" flag, probed the way a second apply would meet it. */
    private boolean applyInProgress() {
        try (var probe = cluster.node("talos-worker-gpu-0").beginApply()) {
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Fault applyAnswerTimesOut: the node applied the config, the client's call ends in DEADLINE_EXCEEDED, once. */
    @Test
    void anApplyWhoseAnswerIsLostTookEffectOnTheNodeAndTheClientSeesDeadlineExceeded() {
        start(before.talosVersion());
        cluster.node("talos-worker-gpu-0").faults().applyAnswerTimesOut(true);
        byte[] config = after("talos-worker-gpu-0");

        assertThat(client.apply("192.168.20.20", config, ApplyMode.AUTO, true, null).details()).startsWith("Dry run summary:");
        assertThatThrownBy(() -> client.apply("192.168.20.20", config, ApplyMode.AUTO, false, null))
                .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

        assertThat(cluster.node("talos-worker-gpu-0").kubeletNodeIp()).contains("192.168.20.20");
        assertThat(client.apply("192.168.20.20", config, ApplyMode.AUTO, false, null).mode()).isEqualTo(ApplyMode.NO_REBOOT);
    }
}
