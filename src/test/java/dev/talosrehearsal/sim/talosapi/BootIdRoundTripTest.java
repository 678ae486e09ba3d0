package dev.talosrehearsal.sim.talosapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.talos.BootId;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.testing.Homelab;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production client reads a node's boot ID as talosctl does — MachineService.Read of
 * /proc/sys/kernel/random/boot_id, chunks joined and trimmed (talos cmd/talosctl/pkg/talos/action/tracker.go, getBootID)
 * — from the simulated apid, over mutual TLS, each node targeted with {@code node} through an endpoint.
 */
class BootIdRoundTripTest {
    private SimulatedTalosNodes cluster;
    private TalosClient talos;

    @BeforeEach
    void start() {
        cluster = Homelab.startTalosApi("before");
        talos = Homelab.client(cluster);
    }

    @AfterEach
    void stop() {
        talos.close();
        cluster.close();
    }

    @Test
    void theBootIdIsTheNodesAndChangesWhenItReboots() {
        BootId before = talos.bootId("192.168.20.21");
        assertThat(before.value()).isEqualTo(cluster.node(Homelab.W1).bootId());
        assertThat(talos.bootId("192.168.20.10")).isNotEqualTo(before); // another node, another boot

        talos.reboot("192.168.20.21");
        assertThatThrownBy(() -> talos.bootId("192.168.20.21")).isInstanceOfSatisfying(TalosApiException.class,
                e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE)); // down: the caller waits and asks again
        cluster.clock().advance(Duration.ofSeconds(30));

        BootId after = talos.bootId("192.168.20.21");
        assertThat(before.rebootedInto(after)).isTrue();
        assertThat(after.value()).isEqualTo(cluster.node(Homelab.W1).bootId());
    }

    /** Fault rebootIgnored: Reboot answers, the node keeps answering, on the same boot ID. */
    @Test
    void aRebootThatNeverStartedLeavesTheSameBootId() {
        cluster.node(Homelab.W1).faults().rebootIgnored(null);
        BootId before = talos.bootId("192.168.20.21");

        talos.reboot("192.168.20.21");
        cluster.clock().advance(Duration.ofMinutes(5));

        BootId after = talos.bootId("192.168.20.21");
        assertThat(after).isEqualTo(before);
        assertThat(before.rebootedInto(after)).isFalse();
    }

    /**
     * Read is os:admin only (talos internal/app/machined/pkg/system/services/machined.go); talosctl then skips its
     * check (tracker.go, unauthorizedBootIDFallback), and so does the client: an unknown ID, not an error.
     */
    @Test
    void aClientWithoutAdminGetsAnUnknownBootIdNotAnError() {
        OsCertificates.Issued reader = OsCertificates.client(Homelab.secrets(), "os:operator");
        TalosConfig.Context admin = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        TalosConfig.Context operator = new TalosConfig.Context(admin.name(), admin.endpoints(), admin.nodes(), admin.ca(),
                reader.certificate(), reader.privateKey());
        try (TalosClient asOperator = TalosClient.connect(operator, admin.endpoints(), new TalosClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
            BootId unknown = asOperator.bootId("192.168.20.21");
            assertThat(unknown).isEqualTo(BootId.UNAUTHORIZED);
            assertThat(unknown.known()).isFalse();
        }
    }

    /** An injected fault on Read goes through apid's dispatcher like any other method's. */
    @Test
    void anInjectedReadErrorIsTheCallsError() {
        cluster.node(Homelab.W0).faults().grpcError(new dev.talosrehearsal.sim.node.NodeFaults.GrpcError("Read",
                dev.talosrehearsal.sim.node.ApiCode.INTERNAL, "disk on fire", 1));
        assertThatThrownBy(() -> talos.bootId("192.168.20.20")).isInstanceOf(TalosApiException.class).hasMessageContaining("disk on fire");
        assertThat(talos.bootId("192.168.20.20").value()).isEqualTo(cluster.node(Homelab.W0).bootId());
    }
}
