package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.JsonLists;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cluster.network}: the DNS domain, the CNI (control planes only), and the pod and service subnets.
 *
 * <p>Source: {@code ClusterConfig.Validate} ({@code isValidDNSName}) and {@code ValidateCNI} in
 * pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go (v1.8.4, v1.12.0, v1.13.0).
 *
 * <p>Pod and service subnets are <em>not</em> checked by Talos's validation: a bad one is accepted and
 * breaks the control plane later. So here it is a warning, never a refusal.
 *
 * <p>From v1.14 the network lives in the KubeNetworkConfig document, and there it is the other way round
 * ({@code KubeNetworkConfigV1Alpha1.Validate} in pkg/machinery/config/types/k8s/network.go, v1.14.0-rc.1): the
 * subnets are {@code netip.Prefix} values Talos refuses unless each list has one or two CIDRs (at most one per
 * family), masked, with at least 4 host bits, pod subnets between the per-node mask and 16 bits above it,
 * service subnets at most 20 host bits, and as many pod as service subnets; the per-node mask sizes are
 * checked; the DNS domain is <em>not</em> checked there (a warning here). The CNI moved to its own documents
 * (KubeFlannelCNIConfig, KubeExternalManifestConfig): rc.1 checks {@code cluster.network.cni} only when the v1alpha1
 * section is there.
 */
final class ClusterNetworkCheck implements Check {
    private static final Pattern DNS_NAME = Pattern.compile(
            "([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?");

    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        JsonNode domain = s.at("/cluster/network/dnsDomain");
        if (Subject.isSet(domain) && !isDnsName(domain.asText())) {
            out.error(doc, "/cluster/network/dnsDomain", "\"" + domain.asText() + "\" is not a valid DNS name");
        }
        if (s.controlPlane()) {
            cni(doc, s.at("/cluster/network/cni"), out);
        }
        for (String key : List.of("podSubnets", "serviceSubnets")) {
            JsonNode list = s.at("/cluster/network/" + key);
            for (int i = 0; i < list.size() && list.isArray(); i++) {
                if (!GoNet.isPrefix(list.get(i).asText())) {
                    out.warning(doc, "/cluster/network/" + key + "/" + i, "\"" + list.get(i).asText()
                            + "\" is not a CIDR; Talos accepts the config, but the Kubernetes control plane will not start with it");
                }
            }
        }
        for (int k : s.documentsOfKind("KubeNetworkConfig")) {
            kubeNetworkConfig(k, s.documents().get(k), out);
        }
    }

    private static void kubeNetworkConfig(int doc, JsonNode d, Findings out) {
        JsonNode domain = d.path("dnsDomain");
        if (Subject.isSet(domain) && !isDnsName(domain.asText())) {
            out.warning(doc, "/dnsDomain", "\"" + domain.asText()
                    + "\" is not a valid DNS name; Talos v1.14 accepts it in KubeNetworkConfig, but cluster DNS will not work with it");
        }
        int maskV4 = d.path("nodeCIDRMaskSizeIPv4").asInt(0);
        int maskV6 = d.path("nodeCIDRMaskSizeIPv6").asInt(0);
        boolean v4Valid = maskV4 >= 0 && maskV4 <= 32;
        boolean v6Valid = maskV6 >= 0 && maskV6 <= 128;
        if (!v4Valid) {
            out.error(doc, "/nodeCIDRMaskSizeIPv4", "nodeCIDRMaskSizeIPv4 must be between 1 and 32");
        }
        if (!v6Valid) {
            out.error(doc, "/nodeCIDRMaskSizeIPv6", "nodeCIDRMaskSizeIPv6 must be between 1 and 128");
        }
        int nodeV4 = maskV4 == 0 ? 24 : maskV4; // constants.DefaultNodeCIDRMaskSizeIPv4
        int nodeV6 = maskV6 == 0 ? 64 : maskV6; // constants.DefaultNodeCIDRMaskSizeIPv6
        List<String> pods = JsonLists.texts(d.path("podSubnets"));
        List<String> services = JsonLists.texts(d.path("serviceSubnets"));
        subnets(pods, prefix -> {
            int node = prefix.v4() ? nodeV4 : nodeV6;
            if (!(prefix.v4() ? v4Valid : v6Valid)) {
                return null;
            }
            if (prefix.bits() > node) {
                return "invalid subnet: " + prefix.text() + " is smaller than the per-node pod CIDR mask size /" + node;
            }
            if (node - prefix.bits() > 16) { // constants.PodSubnetNodeMaskMaxDiff
                return "invalid subnet: " + prefix.text() + " is too large for the per-node pod CIDR mask size /" + node
                        + ", the difference must be at most 16 bits";
            }
            return null;
        }).ifPresent(e -> out.error(doc, "/podSubnets", "pod subnets: " + e));
        subnets(services, prefix -> {
            int length = prefix.v4() ? 32 : 128;
            return length - prefix.bits() > 20 // constants.MaxHostBitsForServiceSubnet
                    ? "invalid subnet: " + prefix.text() + " is too large, it must be at least /" + (length - 20) + " (at most 20 host identifier bits)"
                    : null;
        }).ifPresent(e -> out.error(doc, "/serviceSubnets", "service subnets: " + e));
        if (pods.size() != services.size()) {
            out.error(doc, "/serviceSubnets", "the number of pod subnets must match the number of service subnets");
        }
    }

    /** A parsed CIDR: its text, family and prefix length. */
    private record Prefix(String text, boolean v4, int bits) {}

    /** {@code validateSubnets} (k8s/network.go, v1.14.0-rc.1): the first problem of the list, if any. */
    private static java.util.Optional<String> subnets(List<String> subnets, java.util.function.Function<Prefix, String> size) {
        if (subnets.isEmpty()) {
            return java.util.Optional.of("at least one subnet must be specified");
        }
        if (subnets.size() > 2) {
            return java.util.Optional.of("at most two subnets can be specified for dual-stack clusters");
        }
        int v4 = 0;
        int v6 = 0;
        for (String text : subnets) {
            if (!GoNet.isPrefix(text)) {
                // a meta.Prefix that does not parse fails when Talos decodes the document
                return java.util.Optional.of("invalid subnet: \"" + text + "\" is not a CIDR");
            }
            int slash = text.indexOf('/');
            byte[] address = literal(text.substring(0, slash));
            int bits = Integer.parseInt(text.substring(slash + 1));
            if (!masked(address, bits)) {
                return java.util.Optional.of("invalid subnet: " + text + " is not a valid CIDR");
            }
            if (address.length * 8 - bits < 4) { // minSubnetHostBits
                return java.util.Optional.of("invalid subnet: /" + bits + " is too small, it must be larger than /" + (bits - 4));
            }
            String problem = size.apply(new Prefix(text, address.length == 4, bits));
            if (problem != null) {
                return java.util.Optional.of(problem);
            }
            if (address.length == 4) {
                v4++;
            } else {
                v6++;
            }
        }
        return v4 > 1 || v6 > 1
                ? java.util.Optional.of("at most one IPv4 and one IPv6 subnet can be specified for dual-stack clusters")
                : java.util.Optional.empty();
    }

    /** The bytes of an address literal GoNet has accepted (no name lookup: a literal never resolves); IPv4-mapped IPv6 stays 16 bytes. */
    private static byte[] literal(String address) {
        try {
            byte[] bytes = java.net.InetAddress.getByName(address.replaceFirst("%.*", "")).getAddress();
            if (bytes.length == 4 && address.contains(":")) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + address, e);
        }
    }

    private static boolean masked(byte[] address, int bits) {
        for (int i = 0; i < address.length * 8; i++) {
            if (i >= bits && (address[i / 8] & (0x80 >> (i % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isDnsName(String name) {
        long dots = name.chars().filter(c -> c == '.').count();
        return !name.isEmpty() && name.length() - dots <= 255 && DNS_NAME.matcher(name).matches();
    }

    private static void cni(int doc, JsonNode cni, Findings out) {
        if (!cni.isObject()) {
            return; // unset: Talos's default, flannel
        }
        String name = cni.path("name").asText("");
        List<String> urls = JsonLists.texts(cni.path("urls"));
        boolean flannelArgs = Subject.isSet(cni.path("flannel").path("extraArgs"));
        String at = "/cluster/network/cni";
        switch (name) {
            case "flannel" -> {
                if (!urls.isEmpty()) {
                    out.error(doc, at + "/urls", "\"urls\" field should be empty for \"flannel\" CNI");
                }
            }
            case "none" -> {
                if (!urls.isEmpty()) {
                    out.error(doc, at + "/urls", "\"urls\" field should be empty for \"none\" CNI");
                }
                if (flannelArgs) {
                    out.error(doc, at + "/flannel/extraArgs", "\"flanneldExtraArgs\" field should be empty for \"none\" CNI");
                }
            }
            case "custom" -> {
                if (urls.isEmpty()) {
                    out.warning(doc, at, "\"urls\" field should not be empty for \"custom\" CNI");
                }
                if (flannelArgs) {
                    out.error(doc, at + "/flannel/extraArgs", "\"flanneldExtraArgs\" field should be empty for \"custom\" CNI");
                }
                for (int i = 0; i < urls.size(); i++) {
                    int index = i;
                    EndpointUri.problem(urls.get(i)).ifPresent(p -> out.error(doc, at + "/urls/" + index, p));
                }
            }
            default -> out.error(doc, at + "/name", "cni name should be one of [\"flannel\", \"custom\", \"none\"]");
        }
    }
}
