package dev.talosrehearsal.tailscale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code TCP["<port>"]} ({@code ipn.TCPPortHandler}): what tailscaled does with a connection on that
 * port. {@code HTTPS}/{@code HTTP} terminate in tailscaled and hand over to the scope's Web handlers;
 * {@code TCPForward} passes the bytes to {@code host:port}, after terminating TLS itself when
 * {@code TerminateTLS} names a server name.
 *
 * @param tcpForward   {@code host:port}, or null
 * @param terminateTls the SNI name tailscaled terminates TLS for before forwarding, or null
 */
public record TcpHandler(boolean https, boolean http, String tcpForward, String terminateTls) {
    static TcpHandler read(JsonNode h) {
        return new TcpHandler(h.path("HTTPS").asBoolean(false), h.path("HTTP").asBoolean(false), text(h, "TCPForward"),
                text(h, "TerminateTLS"));
    }

    private static String text(JsonNode h, String field) {
        return h.hasNonNull(field) ? h.get(field).asText() : null;
    }

    public String describe() {
        if (tcpForward != null) {
            return "TCPForward " + tcpForward + (terminateTls != null ? " (TerminateTLS " + terminateTls + ")" : "");
        }
        return https ? "HTTPS" : http ? "HTTP" : "nothing";
    }
}
