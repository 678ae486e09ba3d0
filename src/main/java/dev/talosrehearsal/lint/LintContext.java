package dev.talosrehearsal.lint;

import dev.talosrehearsal.inventory.Inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.ClusterTailnet;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.ValueOrigin;
import dev.talosrehearsal.talconfig.TalConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules look at: the talconfig.yaml (NEW) and its rendered configs, optionally the OLD
 * configs (for {@code --from}: {@code from} is its talconfig, null when OLD is a directory of machine configs;
 * {@code fromRendered} its configs either way) and the machines' addresses ({@code --inventory}), and the serve
 * configs of the tailscale extension, parsed once for all serve rules.
 *
 * @param renderer renders with the same secrets: a (modified) talconfig, for list-concatenation to see what
 *                 each patch layer adds; and the linted one again, for where a value of a node's config was written
 * @param tailnet  the tailnet's DNS suffix ({@code tailnet-4d89.ts.net}) when known, else null (then
 *                 it is read off the configs' MagicDNS names, {@link ClusterTailnet})
 */
public record LintContext(
        TalConfig cluster,
        RenderedCluster rendered,
        Renderer renderer,
        TalConfig from,
        RenderedCluster fromRendered,
        Inventory inventory,
        String inventoryFile,
        String tailnet) {

    /** Rendering with the linted cluster's secrets. */
    public interface Renderer {
        RenderedCluster render(TalConfig cluster);

        /** Where a value of a node's rendered config was written ({@link ClusterRenderer#origin}). */
        ValueOrigin origin(String hostname, ConfigSetting setting, String below);
    }

    private static final Pattern BLOCK_SCALAR = Pattern.compile(".*:\\s*[|>][-+0-9]*\\s*(#.*)?");

    /** The talconfig file as the user named it. */
    public String file() {
        return cluster.sources().file() != null ? cluster.sources().file() : cluster.file().toString();
    }

    /** The line of a JSON pointer in talconfig.yaml (nearest ancestor when absent). */
    public int line(String pointer) {
        return cluster.sources().lineOf(pointer);
    }

    /**
     * The line a string value starts on: for a block scalar ({@code content: |}) the line after its
     * key, which is where the source map puts keys.
     */
    public int valueLine(String pointer) {
        int line = line(pointer);
        try {
            List<String> lines = Files.readAllLines(cluster.file(), StandardCharsets.UTF_8);
            if (line > 0 && line <= lines.size() && BLOCK_SCALAR.matcher(lines.get(line - 1)).matches()) {
                return line + 1;
            }
        } catch (IOException | UncheckedIOException e) {
            // the loader read it a moment ago; keep the key's line
        }
        return line;
    }

    public Optional<TalConfig.Node> talNode(String hostname) {
        return cluster.node(hostname);
    }

    /** The line of the node's entry in {@code nodes}. */
    public int nodeLine(String hostname) {
        return talNode(hostname).map(n -> line(n.pointer())).orElse(0);
    }

    /**
     * Where a value of a node's rendered config was written, for a finding about it: the line that set it (the node's
     * entry, its group's, or the patch that set it last; {@link Renderer#origin}), else the node's entry.
     */
    public ValueOrigin origin(String hostname, ConfigSetting setting, String below) {
        ValueOrigin at = renderer.origin(hostname, setting, below);
        return at.line() > 0 ? at : new ValueOrigin(at.file(), nodeLine(hostname));
    }

    /** A node of NEW with the same node in OLD ({@code --from}). */
    public record NodePair(RenderedNode old, RenderedNode now) {}

    /** Every node of NEW that OLD has too, in NEW's order; empty without {@code --from}. */
    public List<NodePair> nodePairs() {
        List<NodePair> pairs = new ArrayList<>();
        if (fromRendered != null) {
            for (RenderedNode node : rendered.nodes()) {
                fromRendered.node(node.hostname()).ifPresent(old -> pairs.add(new NodePair(old, node)));
            }
        }
        return pairs;
    }

    /** The tailscale extension of a node, as rendered; empty when the node does not run it. */
    public Optional<TailscaleExtension> tailscale(RenderedNode node) {
        return TailscaleExtension.of(this, node);
    }

    /** A rendered list of strings at a pointer of the v1alpha1 document (empty when unset). */
    public static List<String> strings(MachineConfig config, String pointer) {
        return config.strings(pointer);
    }

    /** Nameservers where Talos reads them: machine.network (≤ v1.11) or ResolverConfig (≥ v1.12). */
    public static List<String> nameservers(MachineConfig config) {
        return ConfigSetting.NAMESERVERS.strings(config);
    }

    /** The tailnet suffix: given, or the one the rendered configs name ({@link ClusterTailnet}). */
    public Optional<String> tailnetSuffix() {
        if (tailnet != null && !tailnet.isBlank()) {
            return Optional.of(tailnet.startsWith(".") ? tailnet.substring(1) : tailnet);
        }
        return ClusterTailnet.suffix(List.of(rendered));
    }
}
