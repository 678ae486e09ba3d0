package dev.talosrehearsal.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.kube.ApiServerObjects;
import dev.talosrehearsal.kube.impact.ObjectFiles.FileObject;
import dev.talosrehearsal.sim.kube.apiserver.Discovery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a cluster's workload objects ({@code DIR/cluster/*.yaml}) into the simulated Kubernetes API, through
 * the fabric8 client, each labelled {@link KubernetesBackend#SIMULATED_LABEL}. Namespaces are created when
 * missing. A Node that already exists (the {@link NodeMirror}'s) gets the file's annotations and labels
 * added, as the CNI and the kubelet would have added them; its status stays the mirror's.
 *
 * <p>The embedded API serves the Cilium CRDs ({@code CiliumNetworkPolicy}, {@code CiliumClusterwideNetworkPolicy})
 * on demand; another backend must have them installed. Any other kind must be one the embedded API serves.
 */
public final class ClusterObjects {
    /** Custom resources the embedded API can serve when a file holds one. */
    private static final List<Discovery.Resource> KNOWN_CUSTOM = List.of(
            new Discovery.Resource("cilium.io", "v2", "ciliumnetworkpolicies", "ciliumnetworkpolicy", "CiliumNetworkPolicy", true,
                    List.of("cnp"), true),
            new Discovery.Resource("cilium.io", "v2", "ciliumclusterwidenetworkpolicies", "ciliumclusterwidenetworkpolicy",
                    "CiliumClusterwideNetworkPolicy", false, List.of("ccnp"), true));

    private ClusterObjects() {}

    /** Creates every object (or updates it when it exists); returns how many were written. */
    public static int load(KubernetesBackend backend, List<FileObject> objects) {
        KubernetesClient client = backend.client();
        int count = 0;
        // A namespace is looked up once per load, not once per object in it (one request less per object at start).
        java.util.Set<String> ensured = new java.util.HashSet<>();
        for (FileObject o : objects) {
            if (ApiServerObjects.keptByTheApiServer(o.object())) {
                // default/kubernetes (an older capture wrote it): the API server keeps its own (the real one, or the NodeMirror's)
                continue;
            }
            Discovery.Resource type = type(backend, o);
            try {
                String namespace = o.object().path("metadata").path("namespace").asText("");
                String inNamespace = namespace.isEmpty() ? "default" : namespace;
                if (type.namespaced() && ensured.add(inNamespace)) {
                    ensureNamespace(client, inNamespace);
                }
                if (type.kind().equals("Node") && client.nodes().withName(name(o)).get() != null) {
                    annotateNode(client, o);
                } else {
                    GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(labelled(o.object()),
                            GenericKubernetesResource.class);
                    var op = client.genericKubernetesResources(context(type));
                    (type.namespaced() ? op.inNamespace(inNamespace) : op).resource(resource)
                            .createOr(existing -> existing.update());
                }
                count++;
            } catch (KubernetesClientException e) {
                throw new InputException(o.file(), o.line(), "the simulated API refused " + o.kind() + " " + name(o) + ": "
                        + firstLine(e.getMessage()));
            }
        }
        return count;
    }

    private static Discovery.Resource type(KubernetesBackend backend, FileObject o) {
        String apiVersion = o.object().path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Optional<Discovery.Resource> builtIn = Discovery.RESOURCES.stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version) && r.kind().equals(o.kind())).findFirst();
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Optional<Discovery.Resource> custom = KNOWN_CUSTOM.stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version) && r.kind().equals(o.kind())).findFirst();
        if (custom.isEmpty()) {
            throw new InputException(o.file(), o.line(), "the simulated cluster cannot hold a " + o.kind() + " (" + apiVersion + ")");
        }
        Discovery.Resource r = custom.get();
        if (backend instanceof EmbeddedKubernetes embedded && !embedded.serves(r.group(), r.version(), r.plural())) {
            embedded.serveCustomResource(r.group(), r.version(), r.kind(), r.plural(), r.namespaced());
        }
        return r;
    }

    private static ResourceDefinitionContext context(Discovery.Resource r) {
        return new ResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version()).withKind(r.kind())
                .withPlural(r.plural()).withNamespaced(r.namespaced()).build();
    }

    private static JsonNode labelled(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = copy.with("metadata");
        metadata.with("labels").put(KubernetesBackend.SIMULATED_LABEL, "true");
        return copy;
    }

    private static void ensureNamespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/metadata.name", name).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build();
            client.namespaces().resource(SimulatedObjects.labelled(ns)).create();
        }
    }

    private static void annotateNode(KubernetesClient client, FileObject o) {
        Map<String, String> annotations = strings(o.object().path("metadata").path("annotations"));
        Map<String, String> labels = strings(o.object().path("metadata").path("labels"));
        client.nodes().withName(name(o)).edit((Node n) -> {
            Map<String, String> a = n.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(n.getMetadata().getAnnotations());
            a.putAll(annotations);
            n.getMetadata().setAnnotations(a);
            Map<String, String> l = n.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(n.getMetadata().getLabels());
            labels.forEach(l::putIfAbsent);
            n.getMetadata().setLabels(l);
            return n;
        });
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new HashMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String name(FileObject o) {
        return o.object().path("metadata").path("name").asText();
    }
}
