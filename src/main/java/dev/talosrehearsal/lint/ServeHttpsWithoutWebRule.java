package dev.talosrehearsal.lint;

import dev.talosrehearsal.tailscale.ServeConfig;
import dev.talosrehearsal.tailscale.ServeScope;
import dev.talosrehearsal.tailscale.TcpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rule 4, {@code serve-https-without-web}: a serve config port has {@code "HTTPS": true} but its scope
 * (the node's own config or the {@code svc:} entry) has no {@code Web} handler for that port, so
 * tailscaled terminates TLS and answers 404 — nothing is served. <b>Error</b>.
 */
final class ServeHttpsWithoutWebRule implements Rule {
    static final String ID = "serve-https-without-web";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Served served : Served.all(context)) {
            for (ServeScope scope : served.config().scopes()) {
                for (Map.Entry<String, TcpHandler> tcp : scope.tcp().entrySet()) {
                    String port = tcp.getKey();
                    if (!tcp.getValue().https() || scope.hasWeb(port)) {
                        continue;
                    }
                    boolean api = served.apiPorts(context).contains(port);
                    String fix = api
                            ? "use {\"TCP\": {\"" + port + "\": {\"TCPForward\": \"" + served.apiServerForward() + "\"}}}" + scope.where()
                                    + " (the Kubernetes API needs TLS passed through, not terminated)."
                            : "add \"Web\": {\"" + (scope.service() == null ? ServeConfig.CERT_DOMAIN : scope.serviceName() + ".<tailnet>.ts.net")
                                    + ":" + port + "\": {\"Handlers\": {\"/\": {\"Proxy\": \"http://127.0.0.1:<backend port>\"}}}}"
                                    + scope.where() + ", or use \"TCPForward\" for a TLS backend"
                                    + (scope.service() == null ? " (write $${TS_CERT_DOMAIN} in talconfig.yaml)." : ".");
                    out.add(new Finding(ID, Severity.ERROR, served.node().hostname(), served.file().file(),
                            served.lineOf(port),
                            "Port " + port + scope.where() + " has \"HTTPS\": true but no Web handler for :" + port
                                    + ", so tailscaled terminates TLS and answers 404: nothing reaches the backend.",
                            fix));
                }
            }
        }
        return out;
    }
}
