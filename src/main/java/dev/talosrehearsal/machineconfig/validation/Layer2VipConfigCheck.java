package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Layer2VIPConfig (the shared IP talhelper renders from a network interface's {@code vip}, Talos v1.12+): its name is
 * the VIP and must parse as an IP address, and it needs a link. Talos refuses the config otherwise; before this check
 * genconfig wrote such a document and the simulated nodes took it (found by a user trial with {@code vip: {ip: 1.2.3.300}}).
 *
 * <p>Source: {@code Layer2VIPConfigV1Alpha1.Validate} in pkg/machinery/config/types/network/layer2_vip.go (v1.13.9):
 * "name must be specified", "name must be a valid IP address", "link must be specified".
 */
final class Layer2VipConfigCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        for (int doc : s.documentsOfKind("Layer2VIPConfig")) {
            JsonNode d = s.documents().get(doc);
            String name = d.path("name").asText("");
            if (name.isEmpty()) {
                out.error(doc, "/name", "name must be specified");
            } else if (!GoNet.isAddr(name)) {
                out.error(doc, "/name", "name must be a valid IP address: ParseAddr(\"" + name + "\")");
            }
            if (d.path("link").asText("").isEmpty()) {
                out.error(doc, "/link", "link must be specified");
            }
        }
    }
}
