package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code machine.kubelet}: every {@code nodeIP.validSubnets} entry (a leading '!' stripped) is a CIDR or an
 * address; {@code extraConfig} does not override the fields Talos manages.
 *
 * <p>Source: {@code KubeletConfig.Validate} in pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go
 * (v1.8.4, v1.12.0, v1.13.0: "kubelet nodeIP subnet is not valid: %q", "kubelet configuration field %q
 * can't be overridden"); the field list is {@code ProtectedConfigurationFields} in
 * pkg/machinery/kubelet/kubelet.go (the same thirteen at v1.8.4 and v1.12.0).
 */
final class KubeletCheck implements Check {
    private static final List<String> PROTECTED = List.of("apiVersion", "authentication", "authorization", "cgroupRoot",
            "kind", "kubeletCgroups", "port", "protectKernelDefaults", "resolvConf", "rotateCertificates",
            "systemCgroups", "staticPodPath", "seccompDefault");

    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        JsonNode subnets = s.at("/machine/kubelet/nodeIP/validSubnets");
        for (int i = 0; i < subnets.size() && subnets.isArray(); i++) {
            String cidr = stripNegation(subnets.get(i).asText());
            if (!GoNet.isSubnetOrAddress(cidr)) {
                out.error(doc, "/machine/kubelet/nodeIP/validSubnets/" + i, "kubelet nodeIP subnet is not valid: \"" + cidr + "\"");
            }
        }
        JsonNode extra = s.at("/machine/kubelet/extraConfig");
        if (extra.isObject()) {
            for (String field : PROTECTED) {
                if (extra.has(field)) {
                    out.error(doc, "/machine/kubelet/extraConfig/" + field, "kubelet configuration field \"" + field + "\" can't be overridden");
                }
            }
        }
    }

    static String stripNegation(String cidr) {
        return cidr.startsWith("!") ? cidr.substring(1) : cidr;
    }
}
