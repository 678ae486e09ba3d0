package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.sim.kube.apiserver.ServerTables;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Node objects the mirror keeps in step with the node models (through the fabric8 client, on the embedded API). */
class NodeMirrorTest {
    EmbeddedKubernetes kube;
    KubernetesClient client;
    BootedHomelab homelab;
    NodeMirror mirror;

    @BeforeEach
    void start() {
        kube = new EmbeddedKubernetes();
        kube.start();
        client = kube.client();
        homelab = new BootedHomelab();
        mirror = new NodeMirror(client, homelab.nodes, homelab.clock);
        mirror.start();
    }

    @AfterEach
    void stop() {
        kube.stop();
    }

    private Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private static NodeCondition ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    @Test
    void everyNodeStartsReadyWithItsKubeletNodeIpAndNodeInfo() {
        assertThat(client.nodes().list().getItems()).hasSize(5);
        Node m0 = node("talos-master-0");
        assertThat(m0.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "talos-master-0")
                .containsEntry("node-role.kubernetes.io/control-plane", "")
                .containsEntry(KubernetesBackend.SIMULATED_LABEL, "true");
        assertThat(node("talos-worker-gpu-0").getMetadata().getLabels()).doesNotContainKey("node-role.kubernetes.io/control-plane");
        assertThat(m0.getStatus().getAddresses()).extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=100.101.0.10", "Hostname=talos-master-0");
        assertThat(ready(m0).getStatus()).isEqualTo("True");
        assertThat(ready(m0).getReason()).isEqualTo("KubeletReady");
        assertThat(m0.getStatus().getNodeInfo().getOsImage()).isEqualTo("Talos (v1.11.5)");
        assertThat(m0.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.34.1");
        assertThat(m0.getStatus().getConditions()).extracting(NodeCondition::getType)
                .containsExactly("MemoryPressure", "DiskPressure", "PIDPressure", "Ready");
    }

    @Test
    void rebootingIsUnknownWithTheControllersReasonAndKeepsTheLastAddress() {
        String bootBefore = node("talos-worker-gpu-1").getStatus().getNodeInfo().getBootID();
        homelab.node("talos-worker-gpu-1").reboot();
        assertThat(mirror.sync()).isEqualTo(1);
        Node down = node("talos-worker-gpu-1");
        assertThat(ServerTables.nodeStatus(Json.tree(down))).isEqualTo("NotReady");
        assertThat(ready(down).getStatus()).isEqualTo("Unknown");
        assertThat(ready(down).getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(ready(down).getMessage()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(down.getStatus().getConditions()).hasSize(4).allSatisfy(c -> assertThat(c.getStatus()).isEqualTo("Unknown"));
        assertThat(down.getStatus().getAddresses()).extracting(a -> a.getAddress()).contains("100.101.0.21");

        homelab.clock.advance(Duration.ofSeconds(30));
        mirror.sync();
        Node up = node("talos-worker-gpu-1");
        assertThat(ready(up).getStatus()).isEqualTo("True");
        assertThat(ready(up).getLastTransitionTime()).isEqualTo(homelab.clock.now().toString());
        assertThat(up.getStatus().getConditions()).hasSize(4);
        assertThat(up.getStatus().getNodeInfo().getBootID()).isNotEqualTo(bootBefore)
                .as("the kernel's boot_id, which Talos reports too (found by a user trial: the two differed)")
                .isEqualTo(homelab.node("talos-worker-gpu-1").bootId());
    }

    @Test
    void noNodeIpIsNotReadyWithTalossMessage() {
        SimulatedNode w0 = homelab.node("talos-worker-gpu-0");
        MachineConfig config = withValidSubnets(w0.activeConfig(), "10.99.0.0/16");
        w0.apply(config.toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
        homelab.clock.advance(Duration.ofSeconds(5));
        mirror.sync();
        Node n = node("talos-worker-gpu-0");
        assertThat(ready(n).getStatus()).isEqualTo("False");
        assertThat(ready(n).getReason()).isEqualTo("KubeletNotReady");
        assertThat(ready(n).getMessage()).isEqualTo(SimulatedNode.NO_NODE_IP);
        // the kubelet has no new address to post: the Node keeps the last one
        assertThat(n.getStatus().getAddresses()).extracting(a -> a.getAddress()).containsExactly("100.101.0.20", "talos-worker-gpu-0");
    }

    @Test
    void aCrashloopingKubeletIsNotReady() {
        homelab.node("talos-master-2").faults().kubeletCrashloop(true);
        mirror.sync();
        assertThat(ready(node("talos-master-2")).getStatus()).isEqualTo("False");
        assertThat(ready(node("talos-master-2")).getMessage()).isEqualTo("kubelet crashloop");
        homelab.node("talos-master-2").faults().kubeletCrashloop(false);
        mirror.sync();
        assertThat(ready(node("talos-master-2")).getStatus()).isEqualTo("True");
    }

    @Test
    void syncWritesOnlyWhatChanged() {
        assertThat(mirror.sync()).isZero();
        homelab.clock.advance(Duration.ofSeconds(60));
        assertThat(mirror.sync()).isZero();
        String rv = node("talos-master-0").getMetadata().getResourceVersion();
        homelab.node("talos-master-1").reboot();
        assertThat(mirror.sync()).isEqualTo(1);
        assertThat(node("talos-master-0").getMetadata().getResourceVersion()).isEqualTo(rv);
    }

    @Test
    void refusesToTouchANodeItDidNotCreate() {
        mirror.stop();
        assertThat(client.nodes().list().getItems()).isEmpty();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("talos-master-0").endMetadata().build()).create();
        NodeMirror other = new NodeMirror(client, homelab.nodes, homelab.clock);
        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to touch Node talos-master-0");
        assertThat(node("talos-master-0").getMetadata().getLabels()).isNullOrEmpty();
    }

    private static MachineConfig withValidSubnets(MachineConfig config, String subnet) {
        List<ObjectNode> docs = new ArrayList<>();
        for (ObjectNode d : config.documents()) {
            docs.add(d.deepCopy());
        }
        ObjectNode v1 = docs.stream().filter(d -> !d.has("kind")).findFirst().orElseThrow();
        ObjectNode kubelet = (ObjectNode) v1.at("/machine/kubelet");
        kubelet.putObject("nodeIP").putArray("validSubnets").add(JsonNodeFactory.instance.textNode(subnet));
        return new MachineConfig(docs);
    }
}
