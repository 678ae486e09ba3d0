package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.testing.Homelab.M0;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.after;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/talos-behaviour.md#extension-services (ExtensionServiceConfig change restarts ext-&lt;name&gt;) and §5 (TS_SERVE_CONFIG). */
class TailscaleExtensionTest {
    /** The service is the image's; without its document it waits for one (extension_service.go handleRestart, v1.13.9). */
    @Test
    void extTailscaleRunsOnlyWithTheTailscaleExtensionServiceConfig() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode worker = cluster.node(W0);
        assertThat(worker.service("ext-tailscale").orElseThrow().running()).isTrue();
        assertThat(worker.addresses()).extracting(NodeAddress::link).contains("tailscale0");

        // The migrated worker config has no tailscale document any more.
        worker.apply(bytes(after(W0)), ApplyMode.AUTO, false, null);

        assertThat(worker.service("ext-tailscale").orElseThrow().state()).isEqualTo("Waiting");
        assertThat(worker.services()).filteredOn(s -> !s.id().equals("ext-tailscale")).extracting(ServiceInfo::id)
                .containsExactly("apid", "containerd", "cri", "kubelet", "udevd");
        assertThat(worker.addresses()).extracting(NodeAddress::link).containsExactly("eth0");
    }

    @Test
    void extTailscaleRestartsWhenItsConfigChangesAndTailscale0IsGoneMeanwhile() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode m0 = cluster.node(M0);

        m0.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);

        ServiceInfo restarting = m0.service("ext-tailscale").orElseThrow();
        assertThat(restarting.state()).isEqualTo("Starting");
        assertThat(restarting.events()).extracting(ServiceInfo.Event::msg).anyMatch(m -> m.contains("ExtensionServiceConfig tailscale changed"));
        assertThat(m0.addresses()).extracting(NodeAddress::link).containsExactly("eth0");
        cluster.clock.advance(Duration.ofSeconds(2));
        assertThat(m0.service("ext-tailscale").orElseThrow().running()).isTrue();
        assertThat(m0.addresses()).extracting(NodeAddress::link).containsExactly("eth0", "tailscale0");
        assertThat(m0.disruptions()).extracting(Disruption::kind).contains(Disruption.Kind.EXTENSION_RESTART);
    }

    @Test
    void serveConfigIsReadFromTheTsServeConfigMount() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode m0 = cluster.node(M0);
        assertThat(m0.serveConfig()).isEmpty();

        m0.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);

        assertThat(m0.serveConfig()).hasValueSatisfying(json -> assertThat(
                json.at("/Services/svc:bastion-k8s/TCP/6443/TCPForward").asText()).isEqualTo("127.0.0.1:6443"));
    }

    @Test
    void serveConfigIsEmptyWhenTsServeConfigPointsAtNoMountedFile() {
        List<ObjectNode> docs = new ArrayList<>();
        for (ObjectNode d : after(M0).documents()) {
            ObjectNode copy = d.deepCopy();
            if (copy.has("kind")) {
                ((ObjectNode) copy.get("configFiles").get(0)).put("mountPath", "/etc/tailscale/other.json");
            }
            docs.add(copy);
        }
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode m0 = cluster.node(M0);
        m0.apply(bytes(new MachineConfig(docs)), ApplyMode.AUTO, false, null);
        assertThat(m0.serveConfig()).isEmpty();
    }
}
