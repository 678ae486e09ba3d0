package dev.talosrehearsal.kube.impact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.kube.ApiServerObjects;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the values in Kubernetes objects that refer to the old range: an address inside it, or a CIDR
 * that overlaps it. Objects are read generically (Jackson trees), so CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy need no model classes.
 *
 * <p>What is looked at, per kind:
 * <ul>
 *   <li>NetworkPolicy: every {@code ipBlock.cidr} and {@code ipBlock.except[]};</li>
 *   <li>CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy: {@code toCIDR}, {@code fromCIDR},
 *       {@code toCIDRSet[].cidr/except}, {@code fromCIDRSet[].cidr/except} anywhere under
 *       {@code spec} or {@code specs};</li>
 *   <li>Service: {@code spec.externalIPs}, {@code spec.loadBalancerIP}, {@code spec.loadBalancerSourceRanges},
 *       {@code status.loadBalancer.ingress[].ip};</li>
 *   <li>Endpoints: {@code subsets[].addresses[].ip} and {@code notReadyAddresses}; EndpointSlice:
 *       {@code endpoints[].addresses[]} (IPv4/IPv6 slices);</li>
 *   <li>Ingress: the nginx {@code whitelist-source-range} and {@code allowlist-source-range} annotations;</li>
 *   <li>ConfigMap: addresses and CIDRs found in the text of {@code data} values;</li>
 *   <li>Node: addresses and CIDRs in any annotation value (flannel's {@code public-ip}, Cilium's
 *       {@code ipv4-cilium-host}, Calico's {@code IPv4Address}, ...). Not {@code status.addresses}: those
 *       are what the migration itself changes.</li>
 * </ul>
 * Secrets are never read: a Secret's contents are not ours to look at, so the kind is skipped
 * whole, and nothing from it can reach a report. Any other kind is ignored.
 */
public final class ImpactScanner {
    /** The kinds the scanner looks at, with their API versions (what the live source lists). */
    public static final List<Kind> KINDS = List.of(
            new Kind("v1", "Service", "services", true),
            new Kind("v1", "Endpoints", "endpoints", true),
            new Kind("v1", "ConfigMap", "configmaps", true),
            new Kind("v1", "Node", "nodes", false),
            new Kind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
            new Kind("networking.k8s.io/v1", "Ingress", "ingresses", true),
            new Kind("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true),
            new Kind("cilium.io/v2", "CiliumNetworkPolicy", "ciliumnetworkpolicies", true),
            new Kind("cilium.io/v2", "CiliumClusterwideNetworkPolicy", "ciliumclusterwidenetworkpolicies", false));

    private static final List<String> INGRESS_ANNOTATIONS = List.of(
            "nginx.ingress.kubernetes.io/whitelist-source-range", "nginx.ingress.kubernetes.io/allowlist-source-range");
    private static final Set<String> CILIUM_CIDR_KEYS = Set.of("toCIDR", "fromCIDR", "toCIDRSet", "fromCIDRSet");

    /** A kind the scanner reads: its apiVersion, kind, plural, and whether it lives in namespaces. */
    public record Kind(String apiVersion, String kind, String plural, boolean namespaced) {
        public String group() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }

        public String version() {
            return apiVersion.substring(apiVersion.indexOf('/') + 1);
        }
    }

    private final IPAddress from;
    private final IPAddress to;
    private final String fromText;
    private final String toText;

    /**
     * @param fromCidr the old range, e.g. {@code 100.64.0.0/10}
     * @param toCidr   the new range or null; used in the notes only
     */
    public ImpactScanner(String fromCidr, String toCidr) {
        this.from = cidr("--from-cidr", fromCidr);
        this.fromText = fromCidr.trim();
        this.to = toCidr == null ? null : cidr("--to-cidr", toCidr);
        this.toText = toCidr == null ? null : toCidr.trim();
    }

    /** A CIDR given on the command line, or a one-line InputException naming the option. */
    public static IPAddress cidr(String option, String text) {
        Optional<IPAddress> parsed = text == null || !text.contains("/") ? Optional.empty() : Addresses.parse(text);
        if (parsed.isEmpty()) {
            throw new InputException(option + " '" + text + "' is not a CIDR (expected e.g. 100.64.0.0/10)");
        }
        return parsed.get();
    }

    /** Every finding, sorted by kind, namespace, name and field; within one field, in the order written. */
    public List<ImpactFinding> scan(List<JsonNode> objects) {
        List<ImpactFinding> out = new ArrayList<>();
        for (JsonNode object : objects) {
            if (!ApiServerObjects.keptByTheApiServer(object)) { // they follow the control planes' node IPs by themselves
                scan(object, out);
            }
        }
        out.sort(Comparator.comparing(ImpactFinding::kind).thenComparing(ImpactFinding::namespace)
                .thenComparing(ImpactFinding::name).thenComparing(ImpactFinding::fieldPath)); // stable: values in the order written
        return out;
    }

    private void scan(JsonNode object, List<ImpactFinding> out) {
        Target t = new Target(object.path("kind").asText(""), object.path("metadata").path("namespace").asText(""),
                object.path("metadata").path("name").asText(""), out);
        switch (t.kind) {
            case "Secret" -> { } // never read a Secret's contents, not even to look for addresses
            case "NetworkPolicy" -> walk(object.path("spec"), "spec", (path, key) -> path.contains(".ipBlock."), t);
            case "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy" -> {
                walk(object.path("spec"), "spec", ImpactScanner::ciliumCidrField, t);
                walk(object.path("specs"), "specs", ImpactScanner::ciliumCidrField, t);
            }
            case "Service" -> {
                strings(object.path("spec").path("externalIPs"), "spec.externalIPs", t);
                value(object.path("spec").path("loadBalancerIP"), "spec.loadBalancerIP", t);
                strings(object.path("spec").path("loadBalancerSourceRanges"), "spec.loadBalancerSourceRanges", t);
                JsonNode ingress = object.path("status").path("loadBalancer").path("ingress");
                for (int i = 0; i < ingress.size(); i++) {
                    value(ingress.get(i).path("ip"), "status.loadBalancer.ingress[" + i + "].ip", t);
                }
            }
            case "Endpoints" -> {
                JsonNode subsets = object.path("subsets");
                for (int i = 0; i < subsets.size(); i++) {
                    for (String list : List.of("addresses", "notReadyAddresses")) {
                        JsonNode addresses = subsets.get(i).path(list);
                        for (int j = 0; j < addresses.size(); j++) {
                            value(addresses.get(j).path("ip"), "subsets[" + i + "]." + list + "[" + j + "].ip", t);
                        }
                    }
                }
            }
            case "EndpointSlice" -> {
                JsonNode endpoints = object.path("endpoints");
                for (int i = 0; i < endpoints.size(); i++) {
                    strings(endpoints.get(i).path("addresses"), "endpoints[" + i + "].addresses", t);
                }
            }
            case "Ingress" -> {
                JsonNode annotations = object.path("metadata").path("annotations");
                for (String key : INGRESS_ANNOTATIONS) {
                    JsonNode v = annotations.path(key);
                    if (v.isTextual()) {
                        for (String item : v.asText().split(",")) {
                            check(item.trim(), "metadata.annotations." + key, t);
                        }
                    }
                }
            }
            case "ConfigMap" -> fields(object.path("data"), "data", t);
            case "Node" -> fields(object.path("metadata").path("annotations"), "metadata.annotations", t);
            default -> { }
        }
    }

    /** Cilium's CIDR rules: a string under toCIDR/fromCIDR, or cidr/except under toCIDRSet/fromCIDRSet. */
    private static boolean ciliumCidrField(String path, String key) {
        for (String k : CILIUM_CIDR_KEYS) {
            if (path.contains("." + k + "[") || path.endsWith("." + k)) {
                return true;
            }
        }
        return false;
    }

    private interface FieldFilter {
        boolean wanted(String path, String key);
    }

    /** Every string leaf under {@code node} whose path the filter accepts, checked as one address or CIDR. */
    private void walk(JsonNode node, String path, FieldFilter filter, Target t) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path + "." + e.getKey(), filter, t);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", filter, t);
            }
        } else if (node.isTextual() && filter.wanted(path, path.substring(path.lastIndexOf('.') + 1))) {
            check(node.asText(), path, t);
        }
    }

    private void strings(JsonNode list, String path, Target t) {
        for (int i = 0; i < list.size(); i++) {
            value(list.get(i), path + "[" + i + "]", t);
        }
    }

    private void value(JsonNode node, String path, Target t) {
        if (node.isTextual()) {
            check(node.asText(), path, t);
        }
    }

    /** Free text: every address or CIDR found in each string value of a map (ConfigMap data, annotations). */
    private void fields(JsonNode map, String path, Target t) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                for (String found : Addresses.inText(e.getValue().asText()).stream().distinct().toList()) {
                    check(found, path + "." + e.getKey(), t);
                }
            }
        }
    }

    private void check(String text, String path, Target t) {
        Optional<IPAddress> parsed = Addresses.parse(text);
        if (parsed.isEmpty() || !Addresses.overlaps(parsed.get(), from)) {
            return;
        }
        t.out.add(new ImpactFinding(t.kind, t.namespace, t.name, path, text.trim(), note(parsed.get(), text.trim())));
    }

    private String note(IPAddress value, String text) {
        boolean cidr = text.contains("/");
        String relation;
        if (!cidr || Addresses.contains(from, value)) {
            relation = (cidr ? "inside " : "address in ") + fromText;
            if (cidr && Addresses.block(value).equals(Addresses.block(from))) {
                relation = "the old range " + fromText;
            }
        } else if (Addresses.contains(value, from)) {
            relation = "covers all of " + fromText;
        } else {
            relation = "overlaps " + fromText;
        }
        if (to == null) {
            return relation;
        }
        if (relation.startsWith("the old range")) {
            return relation + "; replace with " + toText + "?";
        }
        if (Addresses.overlaps(value, to)) {
            return relation + "; also in the new range " + toText;
        }
        return relation + "; not in the new range " + toText;
    }

    private record Target(String kind, String namespace, String name, List<ImpactFinding> out) {}
}
