package dev.talosrehearsal.sim.kube.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents a real API server serves ({@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/<group>[/<version>]}), for the resources the embedded API stores. kubectl reads these
 * before anything else: without them it says "the server doesn't have a resource type".
 *
 * <p>Only the unaggregated (legacy) form is served; kubectl falls back to it when the answer to its
 * aggregated-discovery request is a plain {@code APIVersions}/{@code APIGroupList}.
 */
public final class Discovery {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** One served resource type. */
    public record Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
            List<String> shortNames, boolean statusSubresource) {
        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    public static final List<Resource> RESOURCES = List.of(
            new Resource("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), true),
            new Resource("", "v1", "nodes", "node", "Node", false, List.of("no"), true),
            new Resource("", "v1", "services", "service", "Service", true, List.of("svc"), true),
            new Resource("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), false),
            new Resource("", "v1", "secrets", "secret", "Secret", true, List.of(), false),
            new Resource("", "v1", "pods", "pod", "Pod", true, List.of("po"), true),
            new Resource("", "v1", "endpoints", "endpoints", "Endpoints", true, List.of("ep"), false),
            new Resource("", "v1", "events", "event", "Event", true, List.of("ev"), false),
            new Resource("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), false),
            new Resource("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, List.of("netpol"), false),
            new Resource("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, List.of("ing"), true),
            new Resource("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, List.of(), false),
            new Resource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), true),
            new Resource("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), true),
            new Resource("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), true),
            new Resource("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), true),
            new Resource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), false));

    /** The kinds a real API server puts in the category {@code all} ({@code kubectl get all}), of those served here. */
    private static final java.util.Set<String> CATEGORY_ALL = java.util.Set.of("pods", "services", "deployments", "daemonsets",
            "statefulsets", "replicasets");

    private Discovery() {}

    /** {@code GET /api}. */
    static ObjectNode apiVersions(String serverAddress) {
        ObjectNode out = JSON.objectNode();
        out.put("kind", "APIVersions");
        out.putArray("versions").add("v1");
        ObjectNode cidr = out.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return out;
    }

    /** {@code GET /apis}, for the served resources (built-in and custom). */
    static ObjectNode apiGroupList(List<Resource> served) {
        ObjectNode out = JSON.objectNode();
        out.put("kind", "APIGroupList");
        out.put("apiVersion", "v1");
        ArrayNode groups = out.putArray("groups");
        groups(served).forEach((group, version) -> groups.add(apiGroup(group, version)));
        return out;
    }

    /** {@code GET /apis/<group>}, if the group is served. */
    static Optional<ObjectNode> apiGroup(List<Resource> served, String group) {
        String version = groups(served).get(group);
        if (version == null) {
            return Optional.empty();
        }
        ObjectNode out = apiGroup(group, version);
        out.put("kind", "APIGroup");
        out.put("apiVersion", "v1");
        return Optional.of(out);
    }

    private static ObjectNode apiGroup(String group, String version) {
        ObjectNode g = JSON.objectNode();
        g.put("name", group);
        ObjectNode gv = g.putArray("versions").addObject();
        gv.put("groupVersion", group + "/" + version);
        gv.put("version", version);
        g.set("preferredVersion", gv.deepCopy());
        return g;
    }

    private static Map<String, String> groups(List<Resource> served) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Resource r : served) {
            if (!r.group().isEmpty()) {
                out.putIfAbsent(r.group(), r.version());
            }
        }
        return out;
    }

    /** {@code GET /api/v1} or {@code GET /apis/<group>/<version>}, if served. */
    static Optional<ObjectNode> resourceList(List<Resource> all, String groupVersion) {
        List<Resource> served = all.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out = JSON.objectNode();
        out.put("kind", "APIResourceList");
        out.put("apiVersion", "v1");
        out.put("groupVersion", groupVersion);
        ArrayNode resources = out.putArray("resources");
        for (Resource r : served) {
            ObjectNode o = resources.addObject();
            o.put("name", r.plural());
            o.put("singularName", r.singular());
            o.put("namespaced", r.namespaced());
            o.put("kind", r.kind());
            ArrayNode verbs = o.putArray("verbs");
            VERBS.forEach(verbs::add);
            if (!r.shortNames().isEmpty()) {
                ArrayNode shortNames = o.putArray("shortNames");
                r.shortNames().forEach(shortNames::add);
            }
            if (r.group().isEmpty() || r.group().equals("apps")) {
                if (CATEGORY_ALL.contains(r.plural())) {
                    o.putArray("categories").add("all");
                }
            }
            if (r.statusSubresource()) {
                ObjectNode status = resources.addObject();
                status.put("name", r.plural() + "/status");
                status.put("singularName", "");
                status.put("namespaced", r.namespaced());
                status.put("kind", r.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(out);
    }

    /** The served type for a collection path's group, version and plural. */
    static Optional<Resource> resource(List<Resource> served, String group, String version, String plural) {
        return served.stream().filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
                .findFirst();
    }

    /** {@code GET /version} for {@code gitVersion} like {@code v1.34.1}. */
    static ObjectNode version(String gitVersion) {
        String[] parts = gitVersion.replaceFirst("^v", "").split("[.+-]");
        ObjectNode out = JSON.objectNode();
        out.put("major", parts[0]);
        out.put("minor", parts.length > 1 ? parts[1] : "0");
        out.put("gitVersion", gitVersion);
        // Not a real build: the embedded API says what it imitates, not where it was built.
        out.put("gitCommit", "0000000000000000000000000000000000000000");
        out.put("gitTreeState", "clean");
        out.put("buildDate", "1970-01-01T00:00:00Z");
        out.put("goVersion", "go1.24.6");
        out.put("compiler", "gc");
        out.put("platform", "linux/amd64");
        return out;
    }
}
