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

    /** The port of the TCPForward target ({@code [::1]:6443} too), or -1 when there is no forward or its port is no number. */
    public int forwardPort() {
        if (tcpForward == null) {
            return -1;
        }
        try {
            return Integer.parseInt(tcpForward.substring(tcpForward.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the TCPForward target is the host's own loopback, where tailscaled hands the bytes to the host itself. */
    public boolean forwardsToLoopback() {
        return tcpForward != null && tcpForward.lastIndexOf(':') > 0
                && isLoopback(tcpForward.substring(0, tcpForward.lastIndexOf(':')).replace("[", "").replace("]", ""));
    }

    /** {@code 127.0.0.1}, {@code localhost} or {@code ::1}: a forward target that is the host itself. */
    public static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    public String describe() {
        if (tcpForward != null) {
            return "TCPForward " + tcpForward + (terminateTls != null ? " (TerminateTLS " + terminateTls + ")" : "");
        }
        return https ? "HTTPS" : http ? "HTTP" : "nothing";
    }
}
