package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ResolverConfig (Talos v1.12+): every nameserver {@code address} is an IP address (Talos decodes it into
 * a {@code netip.Addr}, so a bad one fails when the config is loaded); from v1.14, where {@code hostDNS} moved
 * here from {@code machine.features.hostDNS}, forwarding kube-dns to the host or resolving member names needs
 * hostDNS enabled. That the v1alpha1 document sets no nameservers, search domains or {@code disableSearchDomain}
 * of its own is {@link V1Alpha1Conflicts}'s rule.
 *
 * <p>Source: {@code ResolverConfigV1Alpha1} and its {@code Validate} in pkg/machinery/config/types/network/resolver.go
 * (v1.12.0, v1.13.0; v1.14.0-rc.1 for hostDNS: "hostDNS.forwardKubeDNSToHost cannot be enabled when
 * hostDNS.enabled is false").
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
            JsonNode hostDns = d.path("hostDNS");
            if (hostDns.isObject() && !hostDns.path("enabled").asBoolean(false)) {
                for (String option : new String[] {"forwardKubeDNSToHost", "resolveMemberNames"}) {
                    if (hostDns.path(option).asBoolean(false)) {
                        out.error(doc, "/hostDNS/" + option, "hostDNS." + option + " cannot be enabled when hostDNS.enabled is false");
                    }
                }
            }
        }
    }
}
