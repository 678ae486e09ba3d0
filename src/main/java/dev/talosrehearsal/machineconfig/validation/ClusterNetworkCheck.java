package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
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
        List<String> urls = Subject.strings(cni.path("urls"));
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
