package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.tailscale.ServeConfig;
import dev.talosrehearsal.tailscale.ServeScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A serve config a node's tailscale extension will load: the config file at {@code TS_SERVE_CONFIG},
 * parsed. The serve rules (4–7, 15) share these.
 */
record Served(RenderedNode node, TailscaleExtension extension, TailscaleExtension.ConfigFile file, ServeConfig config) {

    static List<Served> all(LintContext context) {
        List<Served> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            context.tailscale(node).ifPresent(ts -> ts.serveFile()
                    .ifPresent(f -> out.add(new Served(node, ts, f, ServeConfig.parse(f.content())))));
        }
        return out;
    }

    /** The Kubernetes API's ports on this node: its kube-apiserver's ({@link ApiServerPort}) and the endpoint's. */
    Set<String> apiPorts(LintContext context) {
        Set<String> ports = new LinkedHashSet<>();
        ports.add(String.valueOf(apiServerPort()));
        ports.add(String.valueOf(context.cluster().endpoint().port()));
        return ports;
    }

    /**
     * The ports a TCPForward is meant to reach the Kubernetes API on: {@link #apiPorts}, and 6443, where a serve
     * config written before the kube-apiserver's port moved still points.
     */
    Set<String> apiForwardTargets(LintContext context) {
        Set<String> targets = apiPorts(context);
        targets.add(String.valueOf(ApiServerPort.DEFAULT));
        return targets;
    }

    /**
     * The ports of {@code scope} clients reach the Kubernetes API on: those of {@link #apiPorts}, and any whose
     * TCPForward goes to one of {@link #apiForwardTargets} (a Service on 443 in front of the API server, fixtures/office).
     */
    Set<String> apiPortsIn(ServeScope scope, LintContext context) {
        Set<String> ports = new LinkedHashSet<>();
        for (String port : apiPorts(context)) {
            if (scope.tcp().containsKey(port) || scope.hasWeb(port)) {
                ports.add(port);
            }
        }
        Set<String> targets = apiForwardTargets(context);
        scope.tcp().forEach((port, handler) -> {
            if (handler.tcpForward() != null && targets.contains(String.valueOf(handler.forwardPort()))) {
                ports.add(port);
            }
        });
        return ports;
    }

    /** Where a TCPForward reaches this node's kube-apiserver: {@code 127.0.0.1:<its port>}. */
    String apiServerForward() {
        return "127.0.0.1:" + apiServerPort();
    }

    int apiServerPort() {
        return ApiServerPort.of(node.config());
    }

    /** The talconfig line of a key in the served JSON ({@code "6443"}), or the file's first line. */
    int lineOf(String jsonKey) {
        return file.lineOf("\"" + jsonKey + "\"");
    }
}
