package dev.talosrehearsal.kube.impact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.kube.ApiServerObjects;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The scanner's kinds listed from a live cluster, generically (no model classes, so the Cilium CRDs work
 * as plain JSON). A kind the API does not list in its discovery documents (no Cilium installed, no
 * EndpointSlice on a very old cluster) is skipped and named in {@link Result#notServed()}. Secrets are
 * not among the kinds and are never listed; nor are the API servers' own objects ({@link ApiServerObjects}).
 */
public final class LiveObjects {
    /** The objects, and the kinds the cluster does not serve. */
    public record Result(List<JsonNode> objects, List<String> notServed) {}

    private LiveObjects() {}

    public static Result list(KubernetesClient client) {
        List<JsonNode> objects = new ArrayList<>();
        List<String> notServed = new ArrayList<>();
        String server = client.getConfiguration().getMasterUrl();
        try {
            for (ImpactScanner.Kind kind : ImpactScanner.KINDS) {
                APIResourceList served = client.getApiResources(kind.apiVersion());
                boolean listed = served != null && served.getResources().stream()
                        .map(APIResource::getName).anyMatch(kind.plural()::equals);
                if (!listed) {
                    notServed.add(kind.kind() + " (" + kind.apiVersion() + ")");
                    continue;
                }
                ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                        .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind())
                        .withPlural(kind.plural()).withNamespaced(kind.namespaced()).build();
                var op = client.genericKubernetesResources(context);
                List<GenericKubernetesResource> items = kind.namespaced() ? op.inAnyNamespace().list().getItems() : op.list().getItems();
                for (GenericKubernetesResource item : items) {
                    JsonNode json = client.getKubernetesSerialization().convertValue(item, JsonNode.class);
                    // a list's items may come without kind/apiVersion: the scanner goes by kind
                    ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("kind", kind.kind());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("apiVersion", kind.apiVersion());
                    if (!ApiServerObjects.keptByTheApiServer(json)) {
                        objects.add(json);
                    }
                }
            }
        } catch (KubernetesClientException e) {
            throw new InputException("cannot read the cluster at " + server + ": " + reason(e));
        }
        return new Result(objects, notServed);
    }

    /** The innermost cause's message ("Connection refused"), not fabric8's "An error has occurred.". */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no answer";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
