package dev.talosrehearsal.lint;

import dev.talosrehearsal.tailscale.ServeScope;
import dev.talosrehearsal.tailscale.TcpHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 5, {@code serve-api-needs-tcpforward}: the Kubernetes API port (the kube-apiserver's, 6443 unless set, or the endpoint's) is
 * served with TLS termination ({@code HTTPS}, {@code HTTP}, {@code TerminateTLS}, a {@code Web}
 * handler) or without a {@code TCPForward}: terminating TLS in tailscaled drops client-certificate
 * authentication (kubectl's admin credentials) and serves Tailscale's certificate instead of the API
 * server's. <b>Error</b>.
 */
final class ServeApiNeedsTcpForwardRule implements Rule {
    static final String ID = "serve-api-needs-tcpforward";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Served served : Served.all(context)) {
            for (ServeScope scope : served.config().scopes()) {
                for (String port : served.apiPorts(context)) {
                    TcpHandler tcp = scope.tcp().get(port);
                    String how = null;
                    if (tcp != null) {
                        if (tcp.https()) {
                            how = "\"HTTPS\": true (TLS terminated by tailscaled)";
                        } else if (tcp.http()) {
                            how = "\"HTTP\": true (plain HTTP proxying)";
                        } else if (tcp.terminateTls() != null) {
                            how = "\"TerminateTLS\" (TLS terminated by tailscaled)";
                        } else if (tcp.tcpForward() == null) {
                            how = "no \"TCPForward\"";
                        }
                    } else if (scope.hasWeb(port)) {
                        how = "a Web handler (" + String.join(", ", scope.webKeysFor(port)) + ")";
                    }
                    if (how == null) {
                        continue;
                    }
                    out.add(new Finding(ID, Severity.ERROR, served.node().hostname(), served.file().file(),
                            tcp != null ? served.lineOf(port) : served.lineOf(scope.webKeysFor(port).get(0)),
                            "The Kubernetes API port " + port + scope.where() + " is served with " + how
                                    + ", which cannot pass the API server's TLS and client certificates through.",
                            "use {\"TCP\": {\"" + port + "\": {\"TCPForward\": \"" + served.apiServerForward() + "\"}}}" + scope.where()
                                    + " (layer-4 passthrough)."));
                }
            }
        }
        return out;
    }
}
