package dev.talosrehearsal.sim.kube.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index answers exactly what fabric8's own scan answers: the same writes go to a plain CRUD mock and to an indexed
 * one, and every read is compared byte for byte.
 */
class IndexedCrudDispatcherTest {
    /** Both mocks stamp the wall clock and a JVM-wide uid counter: the only fields that may differ. */
    private static final java.util.regex.Pattern WALL_CLOCK_AND_UID = java.util.regex.Pattern.compile(
            "\"(creationTimestamp|deletionTimestamp|uid)\":\"[^\"]*\"");
    private final IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
    private final List<Mock> mocks = new ArrayList<>();

    record Mock(KubernetesMockServer server, KubernetesClient client, KubernetesCrudDispatcher crud) {}

    @BeforeEach
    // Serialization.jsonMapper() is the mapper the CRUD dispatcher stores with (as in EmbeddedKubernetes).
    @SuppressWarnings("deprecation")
    void startBoth() {
        for (KubernetesCrudDispatcher crud : List.of(new KubernetesCrudDispatcher(), indexed)) {
            KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
                    crud, false);
            server.start(InetAddress.getLoopbackAddress(), 0);
            KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl("http://127.0.0.1:" + server.getPort()).withHttp2Disable(true).withNamespace("default").build()).build();
            mocks.add(new Mock(server, client, crud));
        }
    }

    @AfterEach
    void stopBoth() {
        mocks.forEach(m -> {
            m.client().close();
            m.server().shutdown();
        });
    }

    /** The same change on both mocks. */
    private void onBoth(Consumer<KubernetesClient> change) {
        mocks.forEach(m -> change.accept(m.client()));
    }

    private static Node node(String name, String role) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("role", role).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    }

    private void assertSameAnswers(List<String> paths) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : paths) {
            List<String> answers = new ArrayList<>();
            for (Mock m : mocks) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.server().getPort() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.add(r.statusCode() + " " + WALL_CLOCK_AND_UID.matcher(r.body()).replaceAll("\"$1\":\"…\""));
            }
            assertThat(answers.get(1)).as(path).isEqualTo(answers.get(0));
        }
    }

    @Test
    void readsOfOneObjectAnswerAsTheScanDoesThroughCreatesUpdatesStatusWritesPatchesAndDeletes() throws Exception {
        onBoth(c -> {
            for (String ns : List.of("a", "b")) {
                c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
                // the same name in two namespaces: a query without a namespace matches both
                c.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("same").endMetadata()
                        .addToData("ns", ns).build()).create();
            }
            for (int i = 0; i < 40; i++) {
                c.nodes().resource(node("node-" + i, i < 3 ? "control-plane" : "worker")).create();
            }
            Node relabelled = c.nodes().withName("node-3").get();
            relabelled.getMetadata().getLabels().put("role", "moved");
            c.nodes().resource(relabelled).update();
            Node notReady = c.nodes().withName("node-4").get();
            notReady.getStatus().getConditions().get(0).setStatus("False");
            c.nodes().resource(notReady).updateStatus();
            c.nodes().withName("node-5").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("patched", "yes").endMetadata().build());
            c.nodes().withName("node-6").delete();
            c.nodes().resource(node("node-6", "recreated")).create();
            c.nodes().withName("node-7").delete();
            c.configMaps().inNamespace("a").withName("same").edit(m -> new ConfigMapBuilder(m).addToData("edited", "yes").build());
        });

        assertSameAnswers(List.of("/api/v1/nodes/node-0", "/api/v1/nodes/node-3", "/api/v1/nodes/node-4", "/api/v1/nodes/node-5",
                "/api/v1/nodes/node-6", "/api/v1/nodes/node-7", "/api/v1/nodes/node-39", "/api/v1/nodes/node-40",
                "/api/v1/namespaces/a/configmaps/same", "/api/v1/namespaces/b/configmaps/same", "/api/v1/namespaces/c/configmaps/same",
                "/api/v1/configmaps/same", "/api/v1/namespaces/a", "/api/v1/nodes", "/api/v1/nodes?labelSelector=role%3Dworker",
                "/api/v1/nodes?fieldSelector=metadata.name%3Dnode-2", "/api/v1/namespaces/a/configmaps"));
        assertThat(indexed.indexAbandoned()).as("every write landed where the index expected it").isFalse();
    }

    @Test
    void afterAResetTheStoreIsEmptyAndWhatIsWrittenNextIsFound() throws Exception {
        onBoth(c -> List.of("node-0", "node-1").forEach(n -> c.nodes().resource(node(n, "worker")).create()));
        mocks.forEach(m -> m.crud().reset());
        onBoth(c -> c.nodes().resource(node("node-1", "after-reset")).create());

        assertSameAnswers(List.of("/api/v1/nodes/node-0", "/api/v1/nodes/node-1", "/api/v1/nodes"));
        assertThat(mocks.get(1).client().nodes().withName("node-0").get()).isNull();
        assertThat(mocks.get(1).client().nodes().withName("node-1").get().getMetadata().getLabels()).containsEntry("role", "after-reset");
    }

    @Test
    void writesThatLookTheObjectUpFirstBehaveAsOnThePlainMock() {
        onBoth(c -> c.nodes().resource(node("node-0", "worker")).create());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (Mock m : mocks) {
            Map<String, Object> outcome = new HashMap<>();
            // a second create of the same name is a conflict; an update of a missing object is not found
            outcome.put("duplicate create", code(() -> m.client().nodes().resource(node("node-0", "again")).create()));
            outcome.put("update of a missing node", code(() -> m.client().nodes().resource(node("node-9", "worker")).update()));
            outcome.put("stale update", code(() -> {
                Node stale = node("node-0", "stale");
                stale.getMetadata().setResourceVersion("1");
                m.client().nodes().resource(stale).update();
            }));
            outcomes.add(outcome);
        }
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(0)).containsEntry("duplicate create", 409);
    }

    private static int code(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            return e.getCode();
        }
    }
}
