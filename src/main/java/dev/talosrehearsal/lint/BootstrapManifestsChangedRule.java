package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.MachineConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 23, {@code bootstrap-manifests-changed} (needs {@code --from OLD}; <b>warning</b>): a change to what Talos renders
 * into the cluster's bootstrap manifests — kube-proxy's DaemonSet (and the Kubernetes version its image carries),
 * CoreDNS, the flannel CNI, the Talos API access Service, the address those reach the API server by (KubePrism), or the
 * inline and extra manifests. Talos applies the config, re-renders the manifests, and then only <em>creates</em> the
 * objects that do not exist yet: an object already in the cluster is skipped, and one that left the manifests is not
 * deleted (ManifestApplyController, controllers/k8s/manifest_apply.go, the same at v1.13.9 and v1.14.0-rc.1; the
 * inputs: ControlPlaneBootstrapManifestsConfigController and ControlPlaneExtraManifestsController in
 * controllers/k8s/control_plane.go, control plane nodes only). {@code talosctl upgrade-k8s} is what syncs them
 * ("Kubernetes bootstrap manifests are re-applied to the cluster", the Kubernetes upgrade guide, siderolabs/docs). The
 * simulated cluster has no bootstrap manifests, so the rehearsal warns. New inline manifests and new manifest URLs are
 * created and need no warning. The pod and Service subnets, which feed flannel and CoreDNS too, are rule 19's.
 */
final class BootstrapManifestsChangedRule implements Rule {
    static final String ID = "bootstrap-manifests-changed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<String> nodes = new ArrayList<>();
        Set<String> parts = new LinkedHashSet<>();
        boolean moved = false;
        for (LintContext.NodePair pair : context.nodePairs()) {
            if (!pair.now().controlPlane() || !pair.old().controlPlane()) {
                continue;
            }
            List<String> changed = changedParts(pair.old().config(), pair.now().config());
            if (!changed.isEmpty()) {
                nodes.add(pair.now().hostname());
                parts.addAll(changed);
                moved |= movedIntoDocuments(pair.old().config(), pair.now().config());
            }
        }
        if (nodes.isEmpty()) {
            return List.of();
        }
        String version = context.cluster().kubernetesVersion();
        return List.of(new Finding(ID, Severity.WARNING, String.join(",", nodes), context.file(), 0,
                "this migration changes what Talos renders into the bootstrap manifests (" + String.join("; ", parts) + "). Talos"
                        + " applies the config but only creates manifest objects that do not exist yet (manifest_apply.go): the"
                        + " running cluster keeps the old objects, and removed ones stay. The simulated cluster has no bootstrap"
                        + " manifests, so the rehearsal cannot show it."
                        + (moved ? " Compared as written: these settings moved from the v1alpha1 document into documents of their"
                                + " own (Talos v1.14), so a part is listed even where the new document means the same;"
                                + " talosctl upgrade-k8s --dry-run shows what really changes." : ""),
                "after the rollout, sync them with talosctl upgrade-k8s --to " + (version == null ? "<the cluster's Kubernetes version>" : version)
                        + " (talhelper gencommand upgrade-k8s; try --dry-run first), or apply the changed objects yourself with kubectl"));
    }

    /** Whether the old config holds the bootstrap manifests' inputs in v1alpha1 and the new one in v1.14's documents. */
    private static boolean movedIntoDocuments(MachineConfig old, MachineConfig now) {
        return List.of("KubeProxyConfig", "KubeCoreDNSConfig", "KubePrismConfig").stream()
                .anyMatch(kind -> old.documents(kind).isEmpty() && !now.documents(kind).isEmpty());
    }

    /** The parts of the bootstrap manifests whose inputs differ between two configs of a control plane node, named for people. */
    static List<String> changedParts(MachineConfig old, MachineConfig now) {
        List<String> out = new ArrayList<>();
        Map<String, JsonNode> before = inputs(old);
        Map<String, JsonNode> after = inputs(now);
        for (Map.Entry<String, JsonNode> input : after.entrySet()) {
            if (!input.getValue().equals(before.get(input.getKey()))) {
                out.add(input.getKey());
            }
        }
        Map<String, JsonNode> oldInline = inlineManifests(old);
        Map<String, JsonNode> newInline = inlineManifests(now);
        List<String> inline = new ArrayList<>();
        oldInline.forEach((name, contents) -> {
            if (!newInline.containsKey(name)) {
                inline.add(name + " removed");
            } else if (!newInline.get(name).equals(contents)) {
                inline.add(name + " changed");
            }
        });
        if (!inline.isEmpty()) {
            out.add("inline manifests: " + String.join(", ", inline));
        }
        Set<String> removedUrls = manifestUrls(old);
        removedUrls.removeAll(manifestUrls(now));
        if (!removedUrls.isEmpty()) {
            out.add("manifest URLs no longer listed: " + String.join(", ", removedUrls));
        }
        return out;
    }

    /**
     * Each named input of BootstrapManifestsConfig, from the v1alpha1 document and the documents that hold it from
     * v1.14 (KubeProxyConfig, ...); either may be missing, and both are compared as one value.
     */
    private static Map<String, JsonNode> inputs(MachineConfig config) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("kube-proxy", both(config, "/cluster/proxy", "KubeProxyConfig"));
        out.put("CoreDNS", both(config, "/cluster/coreDNS", "KubeCoreDNSConfig"));
        JsonNode cni = config.at("/cluster/network/cni");
        if (cni instanceof ObjectNode object) {
            cni = object.deepCopy().without("urls"); // the URLs' manifests are compared as URLs below
        }
        out.put("the CNI", withDocuments(cni, config, "KubeFlannelCNIConfig"));
        out.put("the cluster's DNS domain", ConfigSetting.DNS_DOMAIN.value(config));
        out.put("KubePrism, the API server address of kube-proxy and flannel", both(config, "/machine/features/kubePrism", "KubePrismConfig"));
        // only whether the Service exists: v1.14 renders it when the document is there (TalosAPIServiceEnabled), its roles are not in it
        out.put("the Talos API access Service", JsonNodeFactory.instance.arrayNode().add(config.at("/machine/features/kubernetesTalosAPIAccess/enabled"))
                .add(!config.documents("KubeTalosAPIAccessConfig").isEmpty()));
        return out;
    }

    private static JsonNode both(MachineConfig config, String v1alpha1Pointer, String kind) {
        return withDocuments(config.at(v1alpha1Pointer), config, kind);
    }

    private static JsonNode withDocuments(JsonNode v1alpha1Value, MachineConfig config, String kind) {
        ArrayNode value = JsonNodeFactory.instance.arrayNode();
        value.add(v1alpha1Value);
        config.documents(kind).forEach(d -> value.add(withoutHeader(d)));
        return value;
    }

    /** Inline manifests by name: {@code cluster.inlineManifests} and KubeInlineManifestConfig documents. */
    private static Map<String, JsonNode> inlineManifests(MachineConfig config) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        config.at("/cluster/inlineManifests").forEach(m -> out.put(m.path("name").asText(), m.path("contents")));
        config.documents("KubeInlineManifestConfig").forEach(d -> out.put(d.path("name").asText(), d.path("manifest")));
        return out;
    }

    /** Every manifest URL Talos fetches: the CNI's, the cloud provider's, the extra manifests, KubeExternalManifestConfig. */
    private static Set<String> manifestUrls(MachineConfig config) {
        Set<String> out = new LinkedHashSet<>();
        config.at("/cluster/network/cni/urls").forEach(u -> out.add(u.asText()));
        config.at("/cluster/externalCloudProvider/manifests").forEach(u -> out.add(u.asText()));
        config.at("/cluster/extraManifests").forEach(u -> out.add(u.asText()));
        config.documents("KubeExternalManifestConfig").forEach(d -> out.add(d.path("url").asText()));
        return out;
    }

    private static ObjectNode withoutHeader(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove(List.of("apiVersion", "kind"));
        return copy;
    }
}
