package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents that sit beside v1alpha1, in talhelper's order: ResolverConfig and HostnameConfig
 * (Talos ≥ 1.12, where hostname and nameservers left the v1alpha1 document), the ingress firewall
 * (NetworkDefaultActionConfig, one NetworkRuleConfig per rule), one ExtensionServiceConfig per
 * {@code extensionServices} entry, VolumeConfig and UserVolumeConfig documents, then (from v1.12) the network
 * interfaces' documents ({@link NetworkDocuments}) — pkg/talos/multidocs.go.
 *
 * <p>talhelper adds them as a strategic merge patch over what Talos's generator wrote
 * (pkg/talos/multidocs.go, AddMultiDocs): a document the generator already wrote (v1.14's ResolverConfig
 * with hostDNS, its HostnameConfig with {@code auto: stable}) takes talhelper's fields in its place;
 * the others are appended ({@link #addTo}).
 */
final class ExtraDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExtraDocuments() {}

    static List<ObjectNode> forNode(TalConfig.Node node, TalosVersion version, String file, int line, List<String> warnings) {
        List<ObjectNode> docs = new ArrayList<>();
        if (version.atLeast(1, 12)) {
            if (!node.nameservers().isEmpty() || node.disableSearchDomain()) {
                ObjectNode resolver = header("ResolverConfig");
                if (!node.nameservers().isEmpty()) {
                    ArrayNode ns = resolver.putArray("nameservers");
                    node.nameservers().forEach(address -> ns.addObject().put("address", address));
                }
                if (node.disableSearchDomain()) {
                    resolver.putObject("searchDomains").put("disableDefault", true);
                }
                docs.add(resolver);
            }
            // Talos's own default is "auto: stable"; a hostname from talconfig turns that off.
            ObjectNode hostname = header("HostnameConfig");
            if (node.ignoreHostname()) {
                hostname.put("auto", "stable");
            } else {
                hostname.put("auto", "off");
                hostname.put("hostname", node.hostname());
            }
            docs.add(hostname);
        }
        if (node.ingressFirewall() != null) {
            // nethelpers.DefaultAction's zero value is accept: an ingressFirewall without defaultAction accepts
            docs.add(header("NetworkDefaultActionConfig").put("ingress", node.ingressFirewall().path("defaultAction").asText("accept")));
            for (JsonNode rule : node.ingressFirewall().path("rules")) {
                docs.add(named("NetworkRuleConfig", rule, "portSelector", "ingress"));
            }
        }
        for (TalConfig.ExtensionService service : node.extensionServices()) {
            ObjectNode doc = header("ExtensionServiceConfig");
            doc.put("name", service.name());
            if (!service.configFiles().isEmpty()) {
                ArrayNode files = doc.putArray("configFiles");
                service.configFiles().forEach(f -> files.addObject().put("content", f.content()).put("mountPath", f.mountPath()));
            }
            if (!service.environment().isEmpty()) {
                ArrayNode env = doc.putArray("environment");
                service.environment().forEach(env::add);
            }
            docs.add(doc);
        }
        if (node.volumes() != null) {
            node.volumes().forEach(v -> docs.add(named("VolumeConfig", v, "provisioning", "encryption")));
        }
        if (node.userVolumes() != null) {
            node.userVolumes().forEach(v -> docs.add(named("UserVolumeConfig", v, "volumeType", "provisioning", "filesystem",
                    "encryption")));
        }
        if (version.atLeast(1, 12)) {
            docs.addAll(NetworkDocuments.of(node, file, line, warnings));
        }
        return docs;
    }

    /**
     * A document named after a talconfig entry, with the entry's Talos-typed fields as they are (talhelper copies
     * them into the document's struct; empty ones are left out, as go-yaml's omitempty leaves them).
     */
    private static ObjectNode named(String kind, JsonNode entry, String... fields) {
        ObjectNode doc = header(kind);
        doc.put("name", entry.path("name").asText());
        for (String field : fields) {
            JsonNode value = entry.get(field);
            if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                doc.set(field, value.deepCopy());
            }
        }
        return doc;
    }

    /** Merges each of this node's extra documents into {@code docs}: over the same kind and name, else appended. */
    static void addTo(List<ObjectNode> docs, TalConfig.Node node, TalosVersion version, String file, int line, List<String> warnings) {
        for (ObjectNode extra : forNode(node, version, file, line, warnings)) {
            String kind = MachineConfig.kindOf(extra);
            String name = MachineConfig.nameOf(extra);
            ObjectNode same = docs.stream()
                    .filter(d -> kind.equals(MachineConfig.kindOf(d)) && java.util.Objects.equals(name, MachineConfig.nameOf(d)))
                    .findFirst().orElse(null);
            if (same == null) {
                docs.add(extra);
            } else {
                same.setAll(extra);
            }
        }
    }

    private static ObjectNode header(String kind) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "v1alpha1");
        doc.put("kind", kind);
        return doc;
    }
}
