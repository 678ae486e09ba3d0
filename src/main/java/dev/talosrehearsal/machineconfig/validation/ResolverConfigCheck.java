package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ResolverConfig (Talos v1.12+): every nameserver {@code address} is an IP address (Talos decodes it into
 * a {@code netip.Addr}, so a bad one fails when the config is loaded), and the v1alpha1 document must not
 * set nameservers, search domains or {@code disableSearchDomain} of its own.
 *
 * <p>Source: {@code ResolverConfigV1Alpha1} and {@code V1Alpha1ConflictValidate} in
 * pkg/machinery/config/types/network/resolver.go (v1.12.0, v1.13.0); the v1alpha1 side counts only
 * nameservers that parse ({@code Resolvers} in v1alpha1_network_bridge.go).
 */
final class ResolverConfigCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        for (int doc : s.documentsOfKind("ResolverConfig")) {
            JsonNode d = s.documents().get(doc);
            JsonNode nameservers = d.path("nameservers");
            for (int i = 0; i < nameservers.size() && nameservers.isArray(); i++) {
                String address = nameservers.get(i).path("address").asText("");
                if (!GoNet.isAddr(address)) {
                    out.error(doc, "/nameservers/" + i + "/address", "ParseAddr(\"" + address + "\"): not an IP address");
                }
            }
            if (Subject.isSet(s.at("/machine/network/searchDomains"))) {
                out.conflict(s.v1alpha1Index(), "/machine/network/searchDomains", ".machine.network.searchDomains is already set in v1alpha1 config");
            } else if (Subject.strings(s.at("/machine/network/nameservers")).stream().anyMatch(GoNet::isAddr)) {
                out.conflict(s.v1alpha1Index(), "/machine/network/nameservers", ".machine.network.nameservers is already set in v1alpha1 config");
            } else if (Subject.isSet(s.at("/machine/network/disableSearchDomain"))) {
                out.conflict(s.v1alpha1Index(), "/machine/network/disableSearchDomain", ".machine.network.disableSearchDomain is already set in v1alpha1 config");
            }
        }
    }
}
