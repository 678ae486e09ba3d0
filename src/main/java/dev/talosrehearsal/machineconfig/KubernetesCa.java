package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The Kubernetes CA certificate a node trusts, as PEM, wherever its release keeps it: base64 in the
 * v1alpha1 {@code cluster.ca.crt} up to v1.13; from v1.14 PEM text in the KubeAPIServerCAConfig document,
 * {@code issuingCA.cert} on control planes and {@code acceptedCAs} on workers
 * (pkg/machinery/config/types/k8s/apiserver_ca.go and generate/kubernetes.go, v1.14.0-rc.1).
 */
public final class KubernetesCa {
    private KubernetesCa() {}

    public static String certificatePem(MachineConfig config) {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> document = config.document("KubeAPIServerCAConfig", null);
        if (document.isPresent()) {
            JsonNode issuing = document.get().at("/issuingCA/cert");
            return issuing.isTextual() ? issuing.asText() : document.get().at("/acceptedCAs/0").asText("");
        }
        return new String(Base64.getMimeDecoder().decode(config.at("/cluster/ca/crt").asText()), StandardCharsets.UTF_8);
    }
}
