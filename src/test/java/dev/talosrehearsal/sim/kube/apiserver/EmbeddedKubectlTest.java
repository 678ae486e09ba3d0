package dev.talosrehearsal.sim.kube.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import dev.talosrehearsal.sim.kube.NodeMirror;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.kube.Kubectl;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl binary against the embedded API with the seed's five nodes mirrored. */
class EmbeddedKubectlTest {
    static final List<String> NODES = List.of("talos-master-0", "talos-master-1", "talos-master-2", "talos-worker-gpu-0",
            "talos-worker-gpu-1");
    static final List<String> WIDE = List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP",
            "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");

    @TempDir
    Path dir;
    EmbeddedKubernetes kube;
    BootedHomelab homelab;
    NodeMirror mirror;
    Path kubeconfig;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(Kubectl.find().isPresent(), Kubectl.MISSING);
        kube = new EmbeddedKubernetes("v1.34.1");
        kube.start();
        homelab = new BootedHomelab();
        mirror = new NodeMirror(kube.client(), homelab.nodes, homelab.clock);
        mirror.start();
        kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterEach
    void stop() {
        if (kube != null) {
            kube.stop();
        }
    }

    private Kubectl.Result kubectl(String... args) {
        Kubectl.Result r = Kubectl.run(kubeconfig, args);
        assertThat(r.exitCode()).as("kubectl %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    @Test
    void getNodesWideShowsTheSeedsNodesOnTheirTailscaleAddresses() {
        Kubectl.Result r = kubectl("get", "nodes", "-o", "wide");
        assertThat(r.lines().get(0).split("\\s+")).containsExactlyElementsOf(WIDE);
        List<Map<String, String>> rows = Kubectl.table(r.stdout());
        assertThat(rows).extracting(row -> row.get("NAME")).containsExactlyElementsOf(NODES);
        assertThat(rows).extracting(row -> row.get("INTERNAL-IP"))
                .containsExactly("100.101.0.10", "100.101.0.11", "100.101.0.12", "100.101.0.20", "100.101.0.21");
        assertThat(rows).extracting(row -> row.get("ROLES"))
                .containsExactly("control-plane", "control-plane", "control-plane", "<none>", "<none>");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("STATUS")).isEqualTo("Ready");
            assertThat(row.get("VERSION")).isEqualTo("v1.34.1");
            assertThat(row.get("EXTERNAL-IP")).isEqualTo("<none>");
            assertThat(row.get("OS-IMAGE")).isEqualTo("Talos (v1.11.5)");
            assertThat(row.get("KERNEL-VERSION")).endsWith("-talos");
            assertThat(row.get("CONTAINER-RUNTIME")).startsWith("containerd://");
            assertThat(row.get("AGE")).matches("\\d+s");
        });
    }

    @Test
    void afterTheAfterConfigsTheInternalIpsAreOnTheLan() {
        for (SimulatedNode node : homelab.nodes) {
            byte[] config = Homelab.rendered("after").node(node.hostname()).orElseThrow().config().toYaml()
                    .getBytes(StandardCharsets.UTF_8);
            node.apply(config, ApplyMode.AUTO, false, null);
        }
        homelab.clock.advance(Duration.ofSeconds(5));
        mirror.sync();
        List<Map<String, String>> rows = Kubectl.table(kubectl("get", "nodes", "-o", "wide").stdout());
        assertThat(rows).extracting(row -> row.get("INTERNAL-IP"))
                .containsExactly("192.168.20.10", "192.168.20.11", "192.168.20.12", "192.168.20.20", "192.168.20.21");
        assertThat(rows).extracting(row -> row.get("STATUS")).containsOnly("Ready");
    }

    /**
     * The {@code kubernetes} Service as the control planes' API servers keep it: ClusterIP the service range's first
     * address, endpoints each control plane at the address its kube-apiserver advertises ($(POD_IP), Talos v1.13.9
     * control_plane.go) on the API server's port, printed as Kubernetes' printers print them.
     */
    @Test
    void theKubernetesServiceListsEachControlPlanesApiServer() {
        Map<String, String> service = Kubectl.table(kubectl("get", "service", "kubernetes").stdout()).get(0);
        assertThat(service).containsEntry("TYPE", "ClusterIP").containsEntry("CLUSTER-IP", "10.96.0.1").containsEntry("PORT(S)", "443/TCP");
        assertThat(apiServerEndpoints()).isEqualTo("100.101.0.10:6443,100.101.0.11:6443,100.101.0.12:6443");
        Map<String, String> slice = Kubectl.table(kubectl("get", "endpointslices", "kubernetes").stdout()).get(0);
        assertThat(slice).containsEntry("ADDRESSTYPE", "IPv4").containsEntry("PORTS", "6443")
                .containsEntry("ENDPOINTS", "100.101.0.10,100.101.0.11,100.101.0.12");
    }

    /**
     * A kube-apiserver takes its address when it starts: the after configs move the kubelets' node IPs to the LAN at once,
     * the {@code kubernetes} endpoints only as each control plane reboots (gone while it is down, back on its new IP).
     */
    @Test
    void theKubernetesEndpointsFollowAControlPlanesNodeIpAtItsNextBoot() {
        for (SimulatedNode node : homelab.nodes) {
            node.apply(Homelab.rendered("after").node(node.hostname()).orElseThrow().config().toYaml().getBytes(StandardCharsets.UTF_8),
                    ApplyMode.AUTO, false, null);
        }
        homelab.clock.advance(Duration.ofSeconds(5));
        mirror.sync();
        assertThat(apiServerEndpoints()).isEqualTo("100.101.0.10:6443,100.101.0.11:6443,100.101.0.12:6443");

        homelab.node("talos-master-1").reboot();
        mirror.sync();
        assertThat(apiServerEndpoints()).isEqualTo("100.101.0.10:6443,100.101.0.12:6443");
        homelab.clock.advance(Duration.ofSeconds(30));
        mirror.sync();
        assertThat(apiServerEndpoints()).isEqualTo("100.101.0.10:6443,100.101.0.12:6443,192.168.20.11:6443");
    }

    private String apiServerEndpoints() {
        return Kubectl.table(kubectl("get", "endpoints", "kubernetes").stdout()).get(0).get("ENDPOINTS");
    }

    @Test
    void aRebootedNodeIsNotReadyThenReadyAgain() {
        homelab.node("talos-master-1").reboot();
        mirror.sync();
        assertThat(status("talos-master-1")).isEqualTo("NotReady");
        assertThat(status("talos-master-0")).isEqualTo("Ready");
        homelab.clock.advance(Duration.ofSeconds(30));
        mirror.sync();
        assertThat(status("talos-master-1")).isEqualTo("Ready");
    }

    private String status(String node) {
        List<Map<String, String>> rows = Kubectl.table(kubectl("get", "node", node).stdout());
        assertThat(rows).hasSize(1);
        return rows.get(0).get("STATUS");
    }

    @Test
    void getNodesJsonHasTheMirroredStatus() throws Exception {
        JsonNode list = new ObjectMapper().readTree(kubectl("get", "nodes", "-o", "json").stdout());
        assertThat(list.path("items")).hasSize(5);
        JsonNode m0 = list.path("items").get(0);
        assertThat(m0.at("/metadata/name").asText()).isEqualTo("talos-master-0");
        assertThat(m0.at("/metadata/labels/kubernetes.io~1hostname").asText()).isEqualTo("talos-master-0");
        assertThat(m0.at("/metadata/labels").has("node-role.kubernetes.io/control-plane")).isTrue();
        assertThat(m0.at("/status/addresses").toString())
                .isEqualTo("[{\"address\":\"100.101.0.10\",\"type\":\"InternalIP\"},{\"address\":\"talos-master-0\",\"type\":\"Hostname\"}]");
        assertThat(m0.at("/status/nodeInfo/osImage").asText()).isEqualTo("Talos (v1.11.5)");
        assertThat(m0.at("/status/nodeInfo/kubeletVersion").asText()).isEqualTo("v1.34.1");
        assertThat(m0.at("/spec/taints/0/key").asText()).isEqualTo("node-role.kubernetes.io/control-plane");
    }

    @Test
    void getNamespacesShowsAFreshClustersNamespaces() {
        List<Map<String, String>> rows = Kubectl.table(kubectl("get", "namespaces").stdout());
        assertThat(rows).extracting(row -> row.get("NAME")).containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
        assertThat(rows).extracting(row -> row.get("STATUS")).containsOnly("Active");
    }

    @Test
    void getNetworkPoliciesInAllNamespaces() {
        kube.client().network().v1().networkPolicies().inNamespace("kube-system").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-apiserver").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", "apiserver").endPodSelector().endSpec().build()).create();
        kube.client().network().v1().networkPolicies().inNamespace("default").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("deny-all").endMetadata().withNewSpec().withNewPodSelector().endPodSelector().endSpec()
                .build()).create();
        List<Map<String, String>> rows = Kubectl.table(kubectl("get", "networkpolicies", "-A").stdout());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("NAMESPACE", "default").containsEntry("NAME", "deny-all")
                .containsEntry("POD-SELECTOR", "<none>");
        assertThat(rows.get(1)).containsEntry("NAMESPACE", "kube-system").containsEntry("NAME", "allow-apiserver")
                .containsEntry("POD-SELECTOR", "app=apiserver");
    }

    @Test
    void getConfigMapsInAllNamespaces() {
        kube.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("kubeadm-config").endMetadata().addToData("a", "1").addToData("b", "2").build()).create();
        List<Map<String, String>> rows = Kubectl.table(kubectl("get", "configmaps", "-A").stdout());
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("NAMESPACE", "kube-system")
                .containsEntry("NAME", "kubeadm-config").containsEntry("DATA", "2"));
    }

    @Test
    void aMissingNodeIsNotFound() {
        Kubectl.Result r = Kubectl.run(kubeconfig, "get", "node", "talos-master-9");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("NotFound").contains("nodes \"talos-master-9\" not found");
    }

    @Test
    void versionIsTheClustersKubernetesVersion() throws Exception {
        JsonNode v = new ObjectMapper().readTree(Kubectl.run(kubeconfig, "version", "-o", "json").stdout());
        assertThat(v.at("/serverVersion/gitVersion").asText()).isEqualTo("v1.34.1");
    }

    @Test
    void getNodesWatchShowsARebootAsItHappens() {
        try (Kubectl.Running watch = Kubectl.start(kubeconfig, "get", "nodes", "-w")) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kube.openHttpWatches() == 1);
            homelab.node("talos-worker-gpu-1").reboot();
            mirror.sync();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> watch.stdout().lines().anyMatch(l -> l.matches("talos-worker-gpu-1\\s+NotReady.*")));
            List<Map<String, String>> rows = Kubectl.table(watch.stop().stdout());
            assertThat(rows).as("the list, then only what changed after it")
                    .extracting(row -> row.get("NAME") + " " + row.get("STATUS"))
                    .containsExactly("talos-master-0 Ready", "talos-master-1 Ready", "talos-master-2 Ready",
                            "talos-worker-gpu-0 Ready", "talos-worker-gpu-1 Ready", "talos-worker-gpu-1 NotReady");
        }
    }

    @Test
    void watchWithJsonOutputStreamsTheObjects() throws Exception {
        try (Kubectl.Running watch = Kubectl.start(kubeconfig, "get", "configmaps", "-A", "-w", "--watch-only", "-o", "json")) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kube.openHttpWatches() == 1);
            kube.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("kubelet-config").endMetadata().addToData("a", "b").build()).create();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> watch.stdout().contains("kubelet-config"));
            JsonNode object = new ObjectMapper().readTree(watch.stop().stdout());
            assertThat(object.path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(object.at("/metadata/namespace").asText()).isEqualTo("kube-system");
            assertThat(object.at("/data/a").asText()).isEqualTo("b");
        }
    }

    @Test
    void clusterInfoAndGetAllWorkAsOnARealServer() {
        kube.client().services().inNamespace("kube-system").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("kube-dns").addToLabels("kubernetes.io/cluster-service", "true").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.10").addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort().endSpec()
                .build()).create();
        assertThat(kubectl("cluster-info").stdout()).contains("Kubernetes control plane is running at " + kube.url())
                .contains("kube-dns is running at");
        assertThat(kubectl("get", "all", "-A").stdout()).contains("service/kube-dns");
    }
}
