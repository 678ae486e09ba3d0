package dev.talosrehearsal.sim.kube.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import dev.talosrehearsal.sim.kube.NodeMirror;
import dev.talosrehearsal.testing.BootedHomelab;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API over HTTP and through the fabric8 client: discovery, version, Tables, watch. */
class EmbeddedApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    EmbeddedKubernetes kube;
    BootedHomelab homelab;
    NodeMirror mirror;

    @BeforeEach
    void start() {
        kube = new EmbeddedKubernetes("v1.34.1");
        kube.start();
        homelab = new BootedHomelab();
        mirror = new NodeMirror(kube.client(), homelab.nodes, homelab.clock);
        mirror.start();
    }

    @AfterEach
    void stop() {
        kube.stop();
    }

    private JsonNode get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kube.url() + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void discoveryDocumentsIgnoreTheQueryString() throws Exception {
        assertThat(get("/api?timeout=32s", null).path("versions").toString()).isEqualTo("[\"v1\"]");
        JsonNode groups = get("/apis?timeout=32s", null);
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.findValuesAsText("name")).contains("networking.k8s.io", "apps", "coordination.k8s.io");
        JsonNode v1 = get("/api/v1?timeout=32s", null);
        assertThat(v1.path("resources").findValuesAsText("name")).contains("nodes", "nodes/status", "namespaces", "services",
                "configmaps");
        JsonNode networking = get("/apis/networking.k8s.io/v1", null);
        assertThat(networking.path("resources").findValuesAsText("name")).contains("networkpolicies");
    }

    @Test
    void versionIsTheGivenKubernetesVersion() throws Exception {
        JsonNode v = get("/version?timeout=5s", null);
        assertThat(v.path("gitVersion").asText()).isEqualTo("v1.34.1");
        assertThat(v.path("major").asText()).isEqualTo("1");
        assertThat(v.path("minor").asText()).isEqualTo("34");
        assertThat(kube.client().getKubernetesVersion().getGitVersion()).isEqualTo("v1.34.1");
    }

    @Test
    void nodesAsATableHaveKubectlsWideColumnsFromTheStoredNodes() throws Exception {
        JsonNode table = get("/api/v1/nodes?limit=500", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Status", "Roles", "Age",
                "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(table.path("columnDefinitions").findValuesAsText("priority")).containsExactly("0", "0", "0", "0", "0", "1", "1",
                "1", "1", "1");
        JsonNode first = table.path("rows").get(0);
        assertThat(first.path("cells").get(0).asText()).isEqualTo("talos-master-0");
        assertThat(first.path("cells").get(5).asText()).isEqualTo("100.101.0.10");
        assertThat(first.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(first.at("/object/metadata/name").asText()).isEqualTo("talos-master-0");
        assertThat(table.path("rows")).hasSize(5);
    }

    @Test
    void plainListsAreSortedByName() throws Exception {
        JsonNode list = get("/api/v1/nodes", "application/json");
        assertThat(list.path("items").findValuesAsText("name")).startsWith("talos-master-0");
        assertThat(list.path("items")).hasSize(5);
    }

    @Test
    void aWatchThroughTheFabric8ClientSeesTheMirrorsWrites() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = kube.client().nodes().withName("talos-master-1").watch(new Watcher<Node>() {
            @Override
            public void eventReceived(Action action, Node node) {
                String ready = node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                        .map(c -> c.getStatus()).findFirst().orElse("?");
                seen.add(action + " " + node.getMetadata().getName() + " Ready=" + ready);
            }

            @Override
            public void onClose(WatcherException cause) {}
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED talos-master-1 Ready=True"));
            homelab.node("talos-master-1").reboot();
            mirror.sync();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("MODIFIED talos-master-1 Ready=Unknown"));
            homelab.clock.advance(Duration.ofSeconds(30));
            mirror.sync();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("MODIFIED talos-master-1 Ready=True"));
            assertThat(watch).isNotNull();
        }
        assertThat(seen).allMatch(s -> s.contains("talos-master-1"));
    }
}
