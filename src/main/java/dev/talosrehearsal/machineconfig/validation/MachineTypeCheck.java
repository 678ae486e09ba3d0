package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code machine.type} and the CA keys each role may hold: a control plane needs the Talos API CA key,
 * a worker must hold neither the Talos API nor the Kubernetes CA key.
 *
 * <p>Source: {@code Config.Validate} in pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go
 * (v1.8.4, v1.12.0, v1.13.0). Messages name the field, never the key.
 */
final class MachineTypeCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        String type = s.machineType();
        JsonNode ca = s.at("/machine/ca");
        boolean hasCa = !(ca.isMissingNode() || ca.isNull());
        boolean accepted = Subject.isSet(s.at("/machine/acceptedCAs"));
        if (!hasCa && !accepted) {
            out.error(doc, "/machine/ca", "issuing CA or some accepted CAs are required (.machine.ca, machine.acceptedCAs)");
        }
        switch (type) {
            case "init", "controlplane" -> {
                if (!hasCa) {
                    out.error(doc, "/machine/ca", "issuing CA is required (.machine.ca)");
                } else if (!Subject.isSet(ca.get("key"))) {
                    out.error(doc, "/machine/ca/key", "issuing CA key is required for controlplane nodes (.machine.ca.key)");
                }
            }
            case "worker" -> {
                if (hasCa && Subject.isSet(ca.get("key"))) {
                    out.error(doc, "/machine/ca/key", "issuing Talos API CA key is not allowed on non-controlplane nodes (.machine.ca)");
                }
                if (hasCa && !Subject.isSet(ca.get("crt")) && !accepted) {
                    out.error(doc, "/machine/ca/crt", "trusted CA certificates are required on non-controlplane nodes (.machine.ca.crt, .machine.acceptedCAs)");
                }
                if (Subject.isSet(s.at("/cluster/ca/key"))) {
                    out.error(doc, "/cluster/ca/key", "issuing Kubernetes API CA key is not allowed on non-controlplane nodes (.cluster.ca)");
                }
            }
            default -> out.error(doc, "/machine/type", "unknown machine type \"" + type + "\"");
        }
    }
}
