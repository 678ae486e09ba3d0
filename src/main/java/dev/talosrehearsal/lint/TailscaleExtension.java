package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.tailscale.TailscaleExtensionConfig;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's {@code tailscale} ExtensionServiceConfig as rendered (what the node gets, read by
 * {@link TailscaleExtensionConfig}), tied back to the talconfig.yaml {@code extensionServices} entry it
 * came from, for file:line.
 *
 * @param files  the config's mounted files with their talconfig lines
 * @param source the talconfig entry named {@code tailscale}, or null when a patch added the document
 */
record TailscaleExtension(RenderedNode node, TailscaleExtensionConfig config, List<ConfigFile> files,
        TalConfig.ExtensionService source, String file, int line) {

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
        Optional<TailscaleExtensionConfig> rendered = ExtensionServices.tailscale(node.config());
        if (rendered.isEmpty()) {
            return Optional.empty();
        }
        TalConfig.ExtensionService source = context.talNode(node.hostname())
                .flatMap(n -> n.extensionServices().stream().filter(s -> s.name().equals(ExtensionServices.TAILSCALE)).findFirst())
                .orElse(null);
        String file = context.file();
        int line = source == null ? context.line(context.talNode(node.hostname()).map(TalConfig.Node::pointer).orElse(""))
                : context.line(source.pointer());
        List<ConfigFile> files = new ArrayList<>();
        for (TailscaleExtensionConfig.MountedFile f : rendered.get().files()) {
            int contentLine = 0;
            if (source != null) {
                for (int j = 0; j < source.configFiles().size(); j++) {
                    TalConfig.ConfigFile written = source.configFiles().get(j);
                    if (written.mountPath().equals(f.mountPath()) && written.content().equals(f.content())) {
                        contentLine = context.valueLine(source.pointer() + "/configFiles/" + j + "/content");
                    }
                }
            }
            files.add(new ConfigFile(f.mountPath(), f.content(), contentLine == 0 ? null : file, contentLine));
        }
        return Optional.of(new TailscaleExtension(node, rendered.get(), files, source, file, line));
    }

    /** {@code KEY=value} entries of the rendered environment, in order. */
    Map<String, String> environment() {
        return config.environment();
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
        return config.serveConfigPath().flatMap(this::file);
    }

    /** The name this node has on the tailnet: {@code TS_HOSTNAME}, else its hostname. */
    String tailnetHostname() {
        return config.tailnetHostname(node.hostname());
    }
}
