package dev.talosrehearsal.sim.kube.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded API's watches at the HTTP level, as any client other than kubectl sees them: a stream
 * of JSON lines over plain HTTP, fabric8's WebSocket watches relayed, and a clear refusal of bodies
 * the mock cannot read.
 */
class HttpWatchFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    EmbeddedKubernetes kube;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        kube = new EmbeddedKubernetes();
        kube.start();
    }

    @AfterEach
    void stop() {
        kube.stop();
    }

    private List<JsonNode> watch(String pathAndQuery, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(kube.url() + pathAndQuery)).header("Accept", accept)
                .timeout(Duration.ofSeconds(20)).build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (String line : (Iterable<String>) response.body()::iterator) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    @Test
    void aWatchWithoutResourceVersionStartsWithEveryObjectAddedAndEndsAfterItsTimeout() throws Exception {
        List<JsonNode> events = watch("/api/v1/namespaces?watch=true&timeoutSeconds=1", "application/json");
        assertThat(events).extracting(e -> e.path("type").asText() + " " + e.at("/object/metadata/name").asText())
                .containsExactlyInAnyOrder("ADDED default", "ADDED kube-system", "ADDED kube-public", "ADDED kube-node-lease");
    }

    @Test
    void aWatchFromAResourceVersionSendsOnlyLaterChanges() throws Exception {
        String listed = kube.client().namespaces().list().getMetadata().getResourceVersion();
        Thread change = new Thread(() -> {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> kube.openHttpWatches() == 1);
            kube.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("rehearsal").endMetadata().build())
                    .create();
        });
        change.start();
        List<JsonNode> events = watch("/api/v1/namespaces?watch=1&timeoutSeconds=3&resourceVersion=" + listed, "application/json");
        change.join();
        assertThat(events).extracting(e -> e.path("type").asText() + " " + e.at("/object/metadata/name").asText())
                .containsExactly("ADDED rehearsal");
    }

    @Test
    void aTableWatchSendsEachObjectAsAOneRowTable() throws Exception {
        List<JsonNode> events = watch("/api/v1/namespaces?watch=true&timeoutSeconds=1",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(events).hasSize(4).allSatisfy(e -> {
            assertThat(e.at("/object/kind").asText()).isEqualTo("Table");
            assertThat(e.at("/object/columnDefinitions/0/name").asText()).isEqualTo("Name");
            assertThat(e.at("/object/rows").size()).isEqualTo(1);
        });
        assertThat(events).extracting(e -> e.at("/object/rows/0/cells/1").asText()).containsOnly("Active");
    }

    @Test
    void aFabric8ClientOfTheUsersWatchesOverWebSocketThroughTheFrontDoor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (io.fabric8.kubernetes.client.KubernetesClient users = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(java.nio.file.Files.readString(
                        kube.writeKubeconfig(dir.resolve("kubeconfig")))))
                .build();
             Watch ignored = users.nodes().watch(new Watcher<Node>() {
            @Override
            public void eventReceived(Action action, Node node) {
                seen.add(action + " " + node.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            kube.client().nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("talos-master-0")
                    .endMetadata().build()).create();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED talos-master-0"));
        }
    }

    @Test
    void aBodyTheMockCannotReadIsRefusedWith415InsteadOfLeftHanging() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(kube.url() + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'k', '8', 's', 0, 1, 2})).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("reason").asText()).isEqualTo("UnsupportedMediaType");
        assertThat(status.path("message").asText()).contains("JSON only");
    }
}
