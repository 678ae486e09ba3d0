package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.testing.Homelab.M1;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.after;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A simulated node's boot ID, what talosctl's {@code reboot --wait} compares to confirm a reboot
 * (talos cmd/talosctl/pkg/talos/action/tracker.go, getBootID and BootIDChangedPostCheckFn, v1.13 and v1.14): the
 * kernel's /proc/sys/kernel/random/boot_id, a random version-4 UUID drawn at every boot (random(4)).
 */
class BootIdTest {
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void everyBootDrawsANewVersion4Uuid() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        String first = node.bootId();

        node.reboot();
        assertThatThrownBy(node::bootId).isInstanceOfSatisfying(NodeApiException.class,
                e -> assertThat(e.code()).isEqualTo(ApiCode.UNAVAILABLE)); // down: nothing to read
        cluster.clock.advance(Duration.ofSeconds(30));

        assertThat(first).matches(UUID_V4);
        assertThat(node.bootId()).matches(UUID_V4).isNotEqualTo(first);
        assertThat(cluster.node(M1).bootId()).isNotEqualTo(first); // one per node
    }

    /**
     * The kernel draws the boot ID at random, so a cluster started again does not boot with the IDs of an earlier run;
     * a journal of that run names them, and a resume must not take an old ID for "not rebooted yet".
     */
    @Test
    void aClusterStartedAgainBootsWithOtherBootIds() {
        String first = new BootedHomelab().node(W0).bootId();

        assertThat(new BootedHomelab().node(W0).bootId()).isNotEqualTo(first);
    }

    /** An apply that needs no reboot leaves the kernel running: same boot. */
    @Test
    void anApplyWithoutARebootKeepsTheBootId() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        String before = node.bootId();

        assertThat(node.apply(bytes(after(W0)), ApplyMode.AUTO, false, null).mode()).isEqualTo(ApplyMode.NO_REBOOT);
        cluster.clock.advance(Duration.ofMinutes(1));

        assertThat(node.bootId()).isEqualTo(before);
    }

    /**
     * Fault rebootIgnored: machined answers Reboot before its reboot sequence runs (v1alpha1_server.go, Reboot), and a
     * sequence that cannot take the sequencer's lock fails with runtime.ErrLocked, only logged (v1alpha1_controller.go,
     * Run). The node stays up on the same boot; with a count, a later reboot happens.
     */
    @Test
    void aNodeWhoseRebootSequenceNeverStartsAnswersOnTheSameBoot() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M1);
        node.faults().rebootIgnored(1);
        String before = node.bootId();

        node.reboot(); // accepted: no error
        assertThat(node.isReachable()).isTrue();
        cluster.clock.advance(Duration.ofMinutes(5));
        assertThat(node.bootId()).isEqualTo(before);
        assertThat(node.disruptions()).isEmpty();
        assertThat(node.events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.IGNORED_REBOOT)
                .doesNotContain(NodeEvent.Kind.REBOOT_STARTED);

        node.reboot(); // the fault's one ignored reboot is spent
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(node.bootId()).isNotEqualTo(before);
    }

    /** An apply in REBOOT mode writes the config, then asks for the same reboot sequence: ignored, the old config runs on. */
    @Test
    void anApplyThatRebootsUnderTheFaultLeavesTheNewConfigOnlyOnDisk() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        node.faults().rebootIgnored(null);
        String before = node.bootId();
        var running = node.activeConfig();

        assertThat(node.apply(bytes(after(W0)), ApplyMode.REBOOT, false, null).mode()).isEqualTo(ApplyMode.REBOOT);
        cluster.clock.advance(Duration.ofMinutes(5));

        assertThat(node.bootId()).isEqualTo(before);
        assertThat(node.activeConfig()).isSameAs(running);
        assertThat(node.persistedConfig().toYaml()).isNotEqualTo(running.toYaml()); // on disk for the next boot
    }
}
