package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code cluster.controlPlane.endpoint}: required, and a URL Talos accepts ({@link EndpointUri}).
 *
 * <p>Source: {@code ClusterConfig.Validate} in pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go
 * (v1.8.4, v1.12.0, v1.13.0: "cluster controlplane endpoint is required", "invalid controlplane endpoint: …").
 *
 * <p>From v1.14 the endpoint lives in the KubeClusterConfig document: rc.1's {@code ClusterConfig.Validate} checks the
 * v1alpha1 endpoint only when {@code cluster.controlPlane} is there, and {@code KubeClusterConfigV1Alpha1.Validate}
 * (pkg/machinery/config/types/k8s/cluster.go, v1.14.0-rc.1: "clusterName must be specified", "endpoint must be
 * specified", "cluster endpoint is invalid: …") checks the document's. Both homes are checked here, each with
 * Talos's words for it; that the two are not both set is {@link V1Alpha1Conflicts}'s rule.
 */
final class ClusterEndpointCheck implements Check {
    static final String POINTER = "/cluster/controlPlane/endpoint";

    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        if (!s.v1alpha1().has("cluster") || s.at("/cluster").isNull()) {
            out.error(doc, "/cluster", "cluster instructions are required");
            return;
        }
        JsonNode controlPlane = s.at("/cluster/controlPlane");
        boolean section = !controlPlane.isMissingNode() && !controlPlane.isNull();
        if (section || !s.version().atLeast(1, 14)) {
            JsonNode endpoint = s.at(POINTER);
            if (!Subject.isSet(endpoint)) {
                out.error(doc, POINTER, "cluster controlplane endpoint is required");
            } else {
                EndpointUri.problem(endpoint.asText())
                        .ifPresent(p -> out.error(doc, POINTER, "invalid controlplane endpoint: " + p));
            }
        }
        for (int k : s.documentsOfKind("KubeClusterConfig")) {
            JsonNode d = s.documents().get(k);
            if (!Subject.isSet(d.get("clusterName"))) {
                out.error(k, "/clusterName", "clusterName must be specified");
            }
            if (!Subject.isSet(d.get("endpoint"))) {
                out.error(k, "/endpoint", "endpoint must be specified");
            } else {
                EndpointUri.problem(d.get("endpoint").asText()).ifPresent(p -> out.error(k, "/endpoint", "cluster endpoint is invalid: " + p));
            }
        }
    }
}
