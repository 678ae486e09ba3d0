package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.tailscale.ServeScope;
import dev.talosrehearsal.tailscale.TcpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 15, {@code serve-forward-misses-apiserver}: a control plane's serve config forwards the Kubernetes API to a
 * port on the host's loopback where its kube-apiserver does not listen. Talos serves the API on one port,
 * {@code apiPort} of KubeAPIServerConfig or {@code cluster.controlPlane.localAPIServerPort}, 6443 unless set
 * ({@link ApiServerPort}); a config that moves it leaves {@code "TCPForward": "127.0.0.1:6443"} pointing at nothing,
 * and tailscaled closes every connection it cannot forward. <b>Error</b>: the rehearsal's tailnet gates fail there
 * too, since nothing else on a Talos host is known to listen on the API's ports.
 */
final class ServeForwardMissesApiServerRule implements Rule {
    static final String ID = "serve-forward-misses-apiserver";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Served served : Served.all(context)) {
            if (!served.node().controlPlane()) {
                continue;
            }
            String listening = String.valueOf(served.apiServerPort());
            Set<String> apiTargets = served.apiForwardTargets(context);
            for (ServeScope scope : served.config().scopes()) {
                for (Map.Entry<String, TcpHandler> entry : scope.tcp().entrySet()) {
                    TcpHandler handler = entry.getValue();
                    if (!handler.forwardsToLoopback()) {
                        continue;
                    }
                    String forward = handler.tcpForward();
                    String port = String.valueOf(handler.forwardPort());
                    if (!apiTargets.contains(port) || port.equals(listening)) {
                        continue;
                    }
                    String setting = ConfigSetting.API_SERVER_PORT.where(served.node().config());
                    out.add(new Finding(ID, Severity.ERROR, served.node().hostname(), served.file().file(), served.lineOf(entry.getKey()),
                            "Port " + entry.getKey() + scope.where() + " forwards to " + forward + ", but this node's kube-apiserver listens on "
                                    + listening + " (" + setting + "): nothing answers there, so tailscaled closes every connection.",
                            "forward to " + served.apiServerForward() + ", or set " + setting + " back to " + port + "."));
                }
            }
        }
        return out;
    }
}
