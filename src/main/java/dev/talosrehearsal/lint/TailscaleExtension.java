package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's {@code tailscale} ExtensionServiceConfig as rendered (what the node gets), tied back to
 * the talconfig.yaml {@code extensionServices} entry it came from, for file:line.
 *
 * @param source the talconfig entry named {@code tailscale}, or null when a patch added the document
 */
record TailscaleExtension(RenderedNode node, Map<String, String> environment, List<ConfigFile> files,
        TalConfig.ExtensionService source, String file, int line) {
    static final String NAME = "tailscale";

    /** A mounted file, with the talconfig line its content starts on (0 when it came from a patch). */
    record ConfigFile(String mountPath, String content, String file, int line) {
        /** The line of the first content line containing {@code needle}, else the content's first line. */
        int lineOf(String needle) {
            if (line == 0) {
                return 0;
            }
            List<String> lines = content.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    return line + i;
                }
            }
            return line;
        }
    }

    static Optional<TailscaleExtension> of(LintContext context, RenderedNode node) {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> doc = node.config().document("ExtensionServiceConfig", NAME);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        TalConfig.ExtensionService source = context.talNode(node.hostname())
                .flatMap(n -> n.extensionServices().stream().filter(s -> s.name().equals(NAME)).findFirst())
                .orElse(null);
        String file = context.file();
        int line = source == null ? context.line(context.talNode(node.hostname()).map(TalConfig.Node::pointer).orElse(""))
                : context.line(source.pointer());
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode entry : doc.get().path("environment")) {
            String text = entry.asText();
            int eq = text.indexOf('=');
            if (eq > 0) {
                env.put(text.substring(0, eq), text.substring(eq + 1));
            }
        }
        List<ConfigFile> files = new ArrayList<>();
        for (JsonNode f : doc.get().path("configFiles")) {
            String mountPath = f.path("mountPath").asText();
            String content = f.path("content").asText();
            int contentLine = 0;
            if (source != null) {
                for (int j = 0; j < source.configFiles().size(); j++) {
                    TalConfig.ConfigFile written = source.configFiles().get(j);
                    if (written.mountPath().equals(mountPath) && written.content().equals(content)) {
                        contentLine = context.valueLine(source.pointer() + "/configFiles/" + j + "/content");
                    }
                }
            }
            files.add(new ConfigFile(mountPath, content, contentLine == 0 ? null : file, contentLine));
        }
        return Optional.of(new TailscaleExtension(node, env, files, source, file, line));
    }

    /** The line of the {@code environment} entry setting {@code key}, else the entry's line. */
    int environmentLine(LintContext context, String key) {
        if (source == null) {
            return line;
        }
        for (int k = 0; k < source.environment().size(); k++) {
            if (source.environment().get(k).startsWith(key + "=")) {
                return context.line(source.pointer() + "/environment/" + k);
            }
        }
        return line;
    }

    Optional<ConfigFile> file(String mountPath) {
        return files.stream().filter(f -> f.mountPath().equals(mountPath)).findFirst();
    }

    /** The served file: the config file at {@code TS_SERVE_CONFIG}'s path, if both exist. */
    Optional<ConfigFile> serveFile() {
        String path = environment.get("TS_SERVE_CONFIG");
        return path == null ? Optional.empty() : file(path);
    }

    /** The name this node has on the tailnet: {@code TS_HOSTNAME}, else its hostname. */
    String tailnetHostname() {
        String h = environment.get("TS_HOSTNAME");
        return h == null || h.isBlank() ? node.hostname() : h;
    }
}
