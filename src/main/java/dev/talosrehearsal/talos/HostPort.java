package dev.talosrehearsal.talos;

/** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}, as talosctl accepts endpoints. */
record HostPort(String host, int port) {
    static HostPort parse(String text, int defaultPort) {
        String t = text.trim();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad endpoint '" + text + "'");
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            return new HostPort(host, rest.startsWith(":") ? port(rest.substring(1), text) : defaultPort);
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) {
            return new HostPort(t.substring(0, colon), port(t.substring(colon + 1), text));
        }
        return new HostPort(t, defaultPort); // a bare IPv6 address has several colons and no port
    }

    private static int port(String text, String endpoint) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in endpoint '" + endpoint + "'");
        }
    }
}
