package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.sim.node.ConfigEdits.with;
import static dev.talosrehearsal.testing.Homelab.M0;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.after;
import static dev.talosrehearsal.testing.Homelab.before;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/talos-behaviour.md#apply-modes. */
class ApplyModesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static MachineConfig needingReboot(MachineConfig c) {
        return with(c, "/machine/env", JSON.objectNode().put("GRPC_GO_LOG_SEVERITY_LEVEL", "info"));
    }

    @Test
    void autoResolvesToNoRebootForKubeletNetworkAndClusterChanges() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig c = with(before(W0), "/machine/network/nameservers", JSON.arrayNode().add("192.168.20.1"));
        c = with(c, "/machine/kubelet/nodeIP/validSubnets", JSON.arrayNode().add("192.168.20.0/24"));
        c = with(c, "/cluster/network/dnsDomain", JSON.textNode("homelab.local"));
        // §2 lists .machine.install as immediately applicable: it is only read on upgrade.
        c = with(c, "/machine/install/wipe", JSON.booleanNode(true));

        ApplyOutcome outcome = node.apply(bytes(c), ApplyMode.AUTO, false, null);

        assertThat(outcome.mode()).isEqualTo(ApplyMode.NO_REBOOT);
        assertThat(outcome.modeDetails()).isEqualTo("Applied configuration without a reboot");
        assertThat(node.activeConfig()).isEqualTo(c);
        assertThat(node.persistedConfig()).isEqualTo(c);
    }

    @Test
    void autoResolvesToRebootForAChangeOutsideTheImmediateList() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig c = needingReboot(before(W0));

        ApplyOutcome outcome = node.apply(bytes(c), ApplyMode.AUTO, false, null);

        assertThat(outcome.mode()).isEqualTo(ApplyMode.REBOOT);
        assertThat(outcome.modeDetails()).isEqualTo("Applied configuration with a reboot");
        assertThat(node.isReachable()).isFalse();
        assertThat(node.persistedConfig()).isEqualTo(c);
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(node.isReachable()).isTrue();
        assertThat(node.activeConfig()).isEqualTo(c);
    }

    @Test
    void otherDocumentsNeverForceAReboot() {
        BootedHomelab cluster = new BootedHomelab();
        MachineConfig noExtensions = ConfigEdits.withoutExtensions(before(W0));
        assertThat(cluster.node(W0).apply(bytes(noExtensions), ApplyMode.AUTO, false, null).mode()).isEqualTo(ApplyMode.NO_REBOOT);
    }

    @Test
    void noRebootRefusesAChangeThatNeedsAReboot() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig was = node.activeConfig();

        for (ApplyMode mode : new ApplyMode[] {ApplyMode.NO_REBOOT, ApplyMode.TRY}) {
            assertThatThrownBy(() -> node.apply(bytes(needingReboot(before(W0))), mode, false, null))
                    .isInstanceOfSatisfying(NodeApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApiCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).startsWith("this config change can't be applied in immediate mode");
                    });
        }
        assertThat(node.activeConfig()).isSameAs(was);
        assertThat(node.isReachable()).isTrue();
    }

    /**
     * siderolabs/talos 995bc30d5 ("feat: drop apply config method reboot", v1.14.0-alpha.2 on; ApplyConfiguration in
     * v1alpha1_server.go at v1.14.0-rc.1): AUTO becomes NO_REBOOT whatever changed, and no mode is refused for a change
     * that Talos up to v1.13 applies only with a reboot; the reboot is left to the operator.
     */
    @Test
    void fromV114EveryModeAppliesAChangeThatUsedToNeedARebootWithoutOne() {
        for (ApplyMode mode : new ApplyMode[] {ApplyMode.AUTO, ApplyMode.NO_REBOOT, ApplyMode.TRY}) {
            BootedHomelab cluster = new BootedHomelab(TalosVersion.parse("v1.14.0-rc.1"));
            SimulatedNode node = cluster.node(W0);
            String bootId = node.bootId();
            MachineConfig c = needingReboot(before(W0));

            ApplyOutcome outcome = node.apply(bytes(c), mode, false, null);

            assertThat(outcome.mode()).as(mode.name()).isEqualTo(mode == ApplyMode.AUTO ? ApplyMode.NO_REBOOT : mode);
            assertThat(outcome.modeDetails()).as(mode.name()).startsWith("Applied configuration without a reboot");
            assertThat(node.isReachable()).isTrue();
            assertThat(node.bootId()).isEqualTo(bootId);
            assertThat(node.activeConfig()).isEqualTo(c);
            assertThat(node.events()).filteredOn(e -> e.kind() == NodeEvent.Kind.APPLIED).last()
                    .satisfies(e -> assertThat(e.message()).contains("(including machine.env, which Talos up to v1.13 applies only with a reboot)"));
        }
    }

    /** The same commit: REBOOT mode is refused outside maintenance mode, before anything is validated or applied. */
    @Test
    void fromV114RebootModeIsUnimplementedAndUpToV113ItReboots() {
        SimulatedNode node = new BootedHomelab(TalosVersion.parse("v1.14.0-rc.1")).node(W0);
        MachineConfig was = node.activeConfig();

        assertThatThrownBy(() -> node.apply(bytes(after(W0)), ApplyMode.REBOOT, false, null))
                .isInstanceOfSatisfying(NodeApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ApiCode.UNIMPLEMENTED);
                    assertThat(e.getMessage()).isEqualTo("the REBOOT mode is not supported, please use AUTO or NO_REBOOT modes instead");
                });
        assertThat(node.activeConfig()).isSameAs(was);
        assertThat(node.isReachable()).isTrue();

        SimulatedNode older = new BootedHomelab(TalosVersion.parse("v1.13.9")).node(W0);
        assertThat(older.apply(bytes(after(W0)), ApplyMode.REBOOT, false, null).mode()).isEqualTo(ApplyMode.REBOOT);
        assertThat(older.isReachable()).isFalse();
    }

    @Test
    void stagedTakesEffectOnTheNextReboot() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);

        ApplyOutcome outcome = node.apply(bytes(after(M0)), ApplyMode.STAGED, false, null);

        assertThat(outcome.mode()).isEqualTo(ApplyMode.STAGED);
        assertThat(outcome.modeDetails()).isEqualTo("Staged configuration to be applied after the next reboot");
        cluster.clock.advance(Duration.ofMinutes(5));
        assertThat(node.activeConfig()).isEqualTo(before(M0));
        assertThat(node.kubeletNodeIp()).contains("100.101.0.10");
        assertThat(node.stagedPending()).isTrue();

        node.reboot();
        cluster.clock.advance(Duration.ofSeconds(30));

        assertThat(node.activeConfig()).isEqualTo(after(M0));
        assertThat(node.stagedPending()).isFalse();
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
    }

    @Test
    void tryRevertsAfterItsTimeout() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);

        ApplyOutcome outcome = node.apply(bytes(after(M0)), ApplyMode.TRY, false, Duration.ofSeconds(90));

        assertThat(outcome.mode()).isEqualTo(ApplyMode.TRY);
        assertThat(node.activeConfig()).isEqualTo(after(M0));
        assertThat(node.persistedConfig()).isEqualTo(before(M0));
        cluster.clock.advance(Duration.ofSeconds(89));
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
        cluster.clock.advance(Duration.ofSeconds(1));
        assertThat(node.tryPending()).isFalse();
        assertThat(node.activeConfig()).isEqualTo(before(M0));
        cluster.clock.advance(Duration.ofSeconds(5));
        assertThat(node.kubeletNodeIp()).contains("100.101.0.10");
        assertThat(node.events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.TRY_REVERTED);
    }

    @Test
    void tryWithoutTimeoutRevertsAfterOneMinute() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        node.apply(bytes(after(W0)), ApplyMode.TRY, false, null);
        cluster.clock.advance(Duration.ofSeconds(59));
        assertThat(node.tryPending()).isTrue();
        cluster.clock.advance(Duration.ofSeconds(1));
        assertThat(node.tryPending()).isFalse();
    }

    @Test
    void aNonTryApplyConfirmsAPendingTry() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        node.apply(bytes(after(W0)), ApplyMode.TRY, false, null);
        node.apply(bytes(after(W0)), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofMinutes(2));
        assertThat(node.activeConfig()).isEqualTo(after(W0));
        assertThat(node.persistedConfig()).isEqualTo(after(W0));
        assertThat(node.events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.TRY_CONFIRMED).doesNotContain(NodeEvent.Kind.TRY_REVERTED);
    }

    @Test
    void aRebootDuringTryBootsThePersistedConfig() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);
        node.apply(bytes(after(M0)), ApplyMode.TRY, false, Duration.ofMinutes(10));
        node.reboot();
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(node.isReachable()).isTrue();
        assertThat(node.activeConfig()).isEqualTo(before(M0));
        assertThat(node.tryPending()).isFalse();
        assertThat(node.kubeletNodeIp()).contains("100.101.0.10");
    }

    @Test
    void dryRunChangesNothingAndReturnsTheDiffWithSecretsRedacted() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);

        ApplyOutcome outcome = node.apply(bytes(after(M0)), ApplyMode.AUTO, true, null);

        assertThat(outcome.mode()).isEqualTo(ApplyMode.NO_REBOOT);
        assertThat(outcome.modeDetails()).startsWith(
                "Dry run summary:\nApplied configuration without a reboot (skipped in dry-run).\nConfig diff:\n\n");
        assertThat(outcome.modeDetails()).contains("-                - 100.64.0.0/10", "+                - 192.168.20.0/24",
                "TS_AUTHKEY=<redacted>");
        assertThat(outcome.modeDetails()).doesNotContain("tskey-auth", before(M0).at("/machine/token").asText(),
                before(M0).at("/cluster/secret").asText());
        cluster.clock.advance(Duration.ofMinutes(1));
        assertThat(node.activeConfig()).isEqualTo(before(M0));
        assertThat(node.persistedConfig()).isEqualTo(before(M0));
        assertThat(node.events()).extracting(NodeEvent::kind).doesNotContain(NodeEvent.Kind.SERVICE_RESTARTING);

        assertThat(node.apply(bytes(before(M0)), ApplyMode.AUTO, true, null).modeDetails()).endsWith("Config diff:\n\nNo changes.");
    }

    @Test
    void somethingThatIsNotAMachineConfigIsAnInvalidArgument() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        for (String data : new String[] {"{{{ not yaml", "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: x\n", ""}) {
            assertThatThrownBy(() -> node.apply(data.getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null))
                    .isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void concurrentApplyFailsWithFailedPreconditionFromTheReleasesThatGuardIt() {
        // siderolabs/talos 951922dfb "fix: guard apply config API call", released in v1.12.9 and v1.13.3
        for (String guarded : new String[] {"v1.12.9", "v1.13.3", "v1.13.9"}) {
            SimulatedNode node = new BootedHomelab(TalosVersion.parse(guarded)).node(W0);
            try (SimulatedNode.ApplyCall held = node.beginApply()) {
                assertThatThrownBy(() -> node.apply(bytes(after(W0)), ApplyMode.AUTO, false, null)).as(guarded)
                        .isInstanceOfSatisfying(NodeApiException.class, e -> {
                            assertThat(e.code()).isEqualTo(ApiCode.FAILED_PRECONDITION);
                            assertThat(e.getMessage()).isEqualTo("another apply configuration is already in progress");
                        });
            }
            assertThat(node.apply(bytes(after(W0)), ApplyMode.AUTO, false, null).mode()).isEqualTo(ApplyMode.NO_REBOOT);
        }
        for (String unguarded : new String[] {"v1.11.5", "v1.12.8", "v1.13.2"}) {
            SimulatedNode old = new BootedHomelab(TalosVersion.parse(unguarded)).node(W0);
            try (SimulatedNode.ApplyCall held = old.beginApply()) {
                assertThat(old.apply(bytes(after(W0)), ApplyMode.AUTO, false, null).mode()).as(unguarded).isEqualTo(ApplyMode.NO_REBOOT);
            }
        }
    }

    @Test
    void applyModesKeepTalosNumbering() {
        assertThat(ApplyMode.forNumber(0)).isEqualTo(ApplyMode.REBOOT);
        assertThat(ApplyMode.TRY.number()).isEqualTo(4);
        assertThat(ApiCode.FAILED_PRECONDITION.number()).isEqualTo(9);
        assertThat(ApiCode.UNAVAILABLE.number()).isEqualTo(14);
    }
}
