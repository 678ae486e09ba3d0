package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code cluster.controlPlane.endpoint}: required, and a URL Talos accepts ({@link EndpointUri}).
 *
 * <p>Source: {@code ClusterConfig.Validate} in pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go
 * (v1.8.4, v1.12.0, v1.13.0: "cluster controlplane endpoint is required", "invalid controlplane endpoint: …").
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
        JsonNode endpoint = s.at(POINTER);
        if (!Subject.isSet(endpoint)) {
            out.error(doc, POINTER, "cluster controlplane endpoint is required");
            return;
        }
        EndpointUri.problem(endpoint.asText())
                .ifPresent(p -> out.error(doc, POINTER, "invalid controlplane endpoint: " + p));
    }
}
