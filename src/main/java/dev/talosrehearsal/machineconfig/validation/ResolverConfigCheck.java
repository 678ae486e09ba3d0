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
 * hostDNS.enabled is false", and for the nameservers' protocols).
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
            if (s.version().atLeast(1, 14)) {
                protocols(s, doc, nameservers, out);
            }
        }
    }

    /**
     * v1.14's encrypted DNS: {@code protocol} Do53 (the default), DoT or DoH, case-insensitive (enumer's
     * {@code DNSProtocolString} in pkg/machinery/nethelpers); DoT and DoH need {@code tlsServerName}, Do53 must not have
     * one; with every nameserver encrypted Talos warns (certificates need a correct clock); and encrypted DNS goes
     * through hostDNS, which must be enabled in the ResolverConfig or in v1alpha1's {@code machine.features.hostDNS}
     * ({@code validateContainer} and {@code Container.NetworkHostDNSConfig}, v1.14.0-rc.1).
     */
    private static void protocols(Subject s, int doc, JsonNode nameservers, Findings out) {
        int encrypted = 0;
        for (int i = 0; i < nameservers.size() && nameservers.isArray(); i++) {
            JsonNode ns = nameservers.get(i);
            String written = ns.path("protocol").asText("");
            boolean tlsName = !ns.path("tlsServerName").asText("").isEmpty();
            java.util.Optional<DnsProtocol> protocol = DnsProtocol.of(written);
            if (protocol.isEmpty()) {
                out.error(doc, "/nameservers/" + i + "/protocol", written + " does not belong to DNSProtocol values");
            } else if (protocol.get().encrypted()) {
                encrypted++;
                if (!tlsName) {
                    out.error(doc, "/nameservers/" + i + "/tlsServerName", "tlsServerName must be set when protocol is "
                            + protocol.get().text() + ": entry " + i);
                }
            } else if (tlsName) {
                out.error(doc, "/nameservers/" + i + "/tlsServerName", "tlsServerName must be empty when protocol is Do53: entry " + i);
            }
        }
        if (encrypted > 0 && encrypted == nameservers.size()) {
            out.warning(doc, "/nameservers", "all configured nameservers use encrypted DNS (DoT or DoH): validating certificates"
                    + " requires a correct system clock, so boot may stall when NTP servers are configured by hostname; consider"
                    + " keeping at least one plain-DNS fallback or configuring NTP servers by IP address");
        }
        boolean hostDns = s.documents().get(doc).path("hostDNS").path("enabled").asBoolean(false)
                || s.at("/machine/features/hostDNS/enabled").asBoolean(false);
        if (encrypted > 0 && !hostDns) {
            out.error(doc, "/hostDNS/enabled", "hostDNS must be enabled when using non-default DNS protocols");
        }
    }
}
