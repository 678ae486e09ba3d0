package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.before;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.Homelab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node's image defines its extension services; its config only configures them. Talos v1.13.9,
 * internal/app/machined/pkg/controllers/runtime/extension_service.go: every service definition the image's extensions
 * ship is loaded and started once, at boot, and waits for its ExtensionServiceConfig (condition.go, "extension service
 * config"); a document for a service no extension defines starts nothing; a removed document restarts the service,
 * which waits again.
 */
class ImageExtensionServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyExtensionServiceOfTheImageIsListedAndOnlyTheConfiguredOnesRun() {
        SimulatedNode worker = bootedWorker(Optional.of(Set.of("tailscale", "nut-client")));

        assertThat(worker.service("ext-tailscale").orElseThrow().running()).isTrue();
        ServiceInfo waiting = worker.service("ext-nut-client").orElseThrow();
        assertThat(waiting.state()).isEqualTo("Waiting");
        assertThat(waiting.events()).extracting(ServiceInfo.Event::msg).containsExactly("Waiting for extension service config");
        assertThat(worker.image()).isEqualTo(new NodeImage(Set.of("nut-client", "tailscale"), true));
    }

    @Test
    void aConfigForAServiceTheImageDefinesStartsItFromWaiting() {
        SimulatedNode worker = bootedWorker(Optional.of(Set.of("tailscale", "nut-client")));

        worker.apply(bytes(withService(before(W0), "nut-client")), ApplyMode.AUTO, false, null);
        assertThat(worker.service("ext-nut-client").orElseThrow().state()).isEqualTo("Starting");
        worker.clock().advance(Duration.ofSeconds(5));

        assertThat(worker.service("ext-nut-client").orElseThrow().running()).isTrue();
    }

    @Test
    void aConfigForAServiceNoExtensionDefinesStartsNothing() {
        SimulatedNode worker = bootedWorker(Optional.of(Set.of("tailscale")));

        worker.apply(bytes(withService(before(W0), "lldpd")), ApplyMode.AUTO, false, null);
        worker.clock().advance(Duration.ofSeconds(30));

        assertThat(worker.services()).extracting(ServiceInfo::id).doesNotContain("ext-lldpd");
        assertThat(worker.events()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(NodeEvent.Kind.SERVICE_MISSING);
            assertThat(e.message()).contains("no system extension in the node's image defines ext-lldpd");
        });
    }

    /** Without the inventory saying, the image holds what the node ran at first: a migration's new service is not assumed. */
    @Test
    void withoutTheInventoryTheImageDefinesWhatTheFirstConfigConfigures() {
        SimulatedNode worker = bootedWorker(Optional.empty());

        assertThat(worker.image()).isEqualTo(new NodeImage(Set.of("tailscale"), false));
        worker.apply(bytes(withService(before(W0), "lldpd")), ApplyMode.AUTO, false, null);

        assertThat(worker.services()).extracting(ServiceInfo::id).contains("ext-tailscale").doesNotContain("ext-lldpd");
    }

    @Test
    void aRemovedConfigLeavesTheServiceWaitingForAnotherAndARebootKeepsTheImage() {
        SimulatedNode worker = bootedWorker(Optional.of(Set.of("tailscale")));

        worker.apply(bytes(ConfigEdits.withoutExtensions(before(W0))), ApplyMode.AUTO, false, null);
        ServiceInfo afterRemoval = worker.service("ext-tailscale").orElseThrow();
        assertThat(afterRemoval.state()).isEqualTo("Waiting");
        assertThat(afterRemoval.events()).extracting(ServiceInfo.Event::state).endsWith("Finished", "Waiting");
        assertThat(worker.tailscaleRunning()).isFalse();

        worker.reboot();
        worker.clock().advance(Duration.ofMinutes(2));
        assertThat(worker.service("ext-tailscale").orElseThrow().state()).isEqualTo("Waiting");
    }

    private static SimulatedNode bootedWorker(Optional<Set<String>> extensionServices) {
        Inventory.Node listed = Homelab.inventory().node(W0).orElseThrow();
        Inventory.Node inventory = new Inventory.Node(W0, listed.interfaces(), listed.tailscale(), extensionServices);
        SimulatedNode node = new SimulatedNode(W0, TalosVersion.parse("v1.13.9"), inventory, null, new SimClock());
        node.boot(before(W0));
        return node;
    }

    /** {@code config} with one more ExtensionServiceConfig, for {@code name}. */
    private static MachineConfig withService(MachineConfig config, String name) {
        List<ObjectNode> docs = new ArrayList<>(config.documents().stream().map(ObjectNode::deepCopy).toList());
        ObjectNode doc = JSON.createObjectNode().put("apiVersion", "v1alpha1").put("kind", "ExtensionServiceConfig").put("name", name);
        doc.putArray("environment").add("UPSMONITOR=ups@192.168.20.2");
        docs.add(doc);
        return new MachineConfig(docs);
    }
}
