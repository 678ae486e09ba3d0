package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * HostnameConfig (Talos v1.12+): {@code auto} is {@code off} or {@code stable}; with {@code off} a
 * hostname is required, with {@code stable} none may be given; an FQDN of at most 253 characters whose
 * first label has 1 to 63. That the v1alpha1 document must not set a hostname of its own
 * ({@code machine.network.hostname}, or {@code machine.features.stableHostname}) is {@link V1Alpha1Conflicts}'s rule.
 *
 * <p>Source: {@code HostnameConfigV1Alpha1.Validate} and {@code V1Alpha1ConflictValidate} in
 * pkg/machinery/config/types/network/hostname.go (v1.12.0).
 */
final class HostnameConfigCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        for (int doc : s.documentsOfKind("HostnameConfig")) {
            JsonNode d = s.documents().get(doc);
            // an unset auto reads as Go's zero value, which is neither off nor stable
            String auto = d.path("auto").asText("");
            String hostname = d.path("hostname").asText("");
            if (auto.equals("off") && hostname.isEmpty()) {
                out.error(doc, "/hostname", "either 'auto' or 'hostname' must be set");
            }
            if (!auto.equals("off") && !hostname.isEmpty()) {
                out.error(doc, "/auto", "'auto' and 'hostname' cannot be set at the same time");
            }
            if (!auto.equals("off") && !auto.equals("stable")) {
                out.error(doc, "/auto", "invalid value for 'auto': " + auto);
            }
            if (!hostname.isEmpty()) {
                if (hostname.length() > 253) {
                    out.error(doc, "/hostname", "fqdn is too long: " + hostname.length());
                }
                String first = hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname;
                if (first.isEmpty() || first.length() > 63) {
                    out.error(doc, "/hostname", "invalid hostname \"" + first + "\"");
                }
            }
        }
    }
}
