package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.tailscale.ServeConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A serve config a node's tailscale extension will load: the config file at {@code TS_SERVE_CONFIG},
 * parsed. The serve rules (4–7) share these.
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

    /** The Kubernetes API's ports: 6443 and the endpoint's. */
    static Set<String> apiPorts(LintContext context) {
        Set<String> ports = new LinkedHashSet<>();
        ports.add("6443");
        ports.add(String.valueOf(context.cluster().endpoint().port()));
        return ports;
    }

    /** The talconfig line of a key in the served JSON ({@code "6443"}), or the file's first line. */
    int lineOf(String jsonKey) {
        return file.lineOf("\"" + jsonKey + "\"");
    }
}
