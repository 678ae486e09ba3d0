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
 *
 * <p>From v1.14 both live in documents, checked by their own {@code Validate} (v1.14.0-rc.1): KubeNodeConfig's
 * {@code nodeIP.validSubnets} (pkg/machinery/config/types/k8s/node.go: "nodeIP subnet is not valid: %q") and
 * KubeletConfig's {@code config} (k8s/kubelet.go: the same protected fields, and "kubelet image cannot be empty";
 * the image's Kubernetes version is not checked, as talhelper validates with {@code WithLocal}). The v1alpha1
 * section is checked when it is there, as rc.1 does ({@code MachineKubelet != nil}).
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
        protectedFields(doc, s.at("/machine/kubelet/extraConfig"), "/machine/kubelet/extraConfig/", out);
        for (int k : s.documentsOfKind("KubeNodeConfig")) {
            JsonNode valid = s.documents().get(k).at("/nodeIP/validSubnets");
            for (int i = 0; i < valid.size() && valid.isArray(); i++) {
                String cidr = stripNegation(valid.get(i).asText());
                if (!GoNet.isSubnetOrAddress(cidr)) {
                    out.error(k, "/nodeIP/validSubnets/" + i, "nodeIP subnet is not valid: \"" + cidr + "\"");
                }
            }
        }
        for (int k : s.documentsOfKind("KubeletConfig")) {
            JsonNode d = s.documents().get(k);
            if (!Subject.isSet(d.get("image"))) {
                out.error(k, "/image", "kubelet image cannot be empty");
            }
            protectedFields(k, d.path("config"), "/config/", out);
        }
    }

    private static void protectedFields(int doc, JsonNode config, String pointer, Findings out) {
        if (config.isObject()) {
            for (String field : PROTECTED) {
                if (config.has(field)) {
                    out.error(doc, pointer + field, "kubelet configuration field \"" + field + "\" can't be overridden");
                }
            }
        }
    }

    static String stripNegation(String cidr) {
        return cidr.startsWith("!") ? cidr.substring(1) : cidr;
    }
}
