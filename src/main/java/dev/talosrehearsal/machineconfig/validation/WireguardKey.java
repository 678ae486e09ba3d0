package dev.talosrehearsal.machineconfig.validation;

import java.util.Base64;

/**
 * A WireGuard key as Talos checks it: standard base64 of exactly 32 bytes (validateWireguardKey in
 * pkg/machinery/config/types/network/wireguard.go, v1.12+; the v1alpha1 interface's check in v1alpha1_validation.go).
 */
final class WireguardKey {
    private WireguardKey() {}

    /** Why Talos refuses {@code key}, in Talos's words, or null when it is a key. */
    static String problem(String key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return "illegal base64 data";
        }
        return raw.length == 32 ? null : "invalid wireguard key length";
    }

    static boolean isValid(String key) {
        return problem(key) == null;
    }
}
