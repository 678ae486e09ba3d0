package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * WireguardConfig (Talos v1.12+): the private key is required and a key; each peer's public key is required and a
 * key; a preshared key, when given, is a key. Talos joins all of these into one error; each is its own finding here.
 *
 * <p>Source: {@code WireguardConfigV1Alpha1.Validate} in pkg/machinery/config/types/network/wireguard.go (v1.12.0,
 * v1.13.0, v1.14.0-rc.1). talhelper's own network tests use placeholder keys ("iAmAPrivateKey="): at v1.11 Talos
 * refuses them in machine.network.interfaces (NetworkDeviceCheck), and from v1.12 in this document.
 */
final class WireguardConfigCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        for (int doc : s.documentsOfKind("WireguardConfig")) {
            JsonNode d = s.documents().get(doc);
            String privateKey = d.path("privateKey").asText("");
            String privateKeyProblem = WireguardKey.problem(privateKey);
            if (privateKey.isEmpty()) {
                out.error(doc, "/privateKey", "wireguard private key must be specified");
            } else if (privateKeyProblem != null) {
                out.error(doc, "/privateKey", "wireguard private key is invalid: " + privateKeyProblem);
            }
            JsonNode peers = d.path("peers");
            for (int i = 0; peers.isArray() && i < peers.size(); i++) {
                String publicKey = peers.get(i).path("publicKey").asText("");
                String publicKeyProblem = WireguardKey.problem(publicKey);
                if (publicKey.isEmpty()) {
                    out.error(doc, "/peers/" + i + "/publicKey", "wireguard peer public key must be specified (peer index " + i + ")");
                } else if (publicKeyProblem != null) {
                    out.error(doc, "/peers/" + i + "/publicKey", "wireguard peer public key is invalid (peer index " + i + "): "
                            + publicKeyProblem);
                }
                String preshared = peers.get(i).path("presharedKey").asText("");
                String presharedProblem = WireguardKey.problem(preshared);
                if (!preshared.isEmpty() && presharedProblem != null) {
                    out.error(doc, "/peers/" + i + "/presharedKey", "wireguard peer preshared key is invalid (peer index " + i + "): "
                            + presharedProblem);
                }
            }
        }
    }
}
