package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.validation.GoNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 17, {@code nameserver-not-an-address}: a {@code machine.network.nameservers} entry that is not an IP address
 * (a typo such as {@code 192.168.20.l}, two addresses on one line, a host name). Talos accepts the config and drops the
 * entry without a word: the v1alpha1 config's {@code Resolvers()} keeps only what {@code netip.ParseAddr} parses
 * (pkg/machinery/config/types/v1alpha1/v1alpha1_network_bridge.go, v1.13.9), and with none left the machine config
 * gives no resolvers at all, so the node resolves through DHCP's or Talos's defaults (1.1.1.1, 8.8.8.8;
 * internal/app/machined/pkg/controllers/network/resolver_config.go). <b>Error</b>: the nameservers a migration sets are
 * not the ones the node uses. From v1.12 the nameservers are a ResolverConfig document, whose addresses Talos refuses to
 * decode, and the generator refuses them too; this rule covers the v1alpha1 list.
 */
final class NameserverNotAnAddressRule implements Rule {
    static final String ID = "nameserver-not-an-address";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            List<String> nameservers = LintContext.nameservers(node.config());
            List<String> ignored = nameservers.stream().filter(ns -> !GoNet.isIP(ns.strip())).toList();
            if (ignored.isEmpty()) {
                continue;
            }
            List<String> used = nameservers.stream().filter(ns -> GoNet.isIP(ns.strip())).toList();
            out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), lineOf(context, node.hostname(), ignored.get(0)),
                    quoted(ignored) + (ignored.size() == 1 ? " is not an IP address" : " are not IP addresses")
                            + ": Talos drops such nameservers without a word, so the node resolves through "
                            + (used.isEmpty() ? "DHCP's or Talos's default resolvers (1.1.1.1, 8.8.8.8)" : String.join(", ", used) + " only") + ".",
                    "write each nameserver as an IP address, one per list item, e.g. nameservers: [192.168.20.1, 1.1.1.1]."));
        }
        return out;
    }

    /**
     * Where the entry is written: the talconfig's own {@code nameservers} field only takes IP addresses (the loader
     * refuses anything else at its line), so it comes from a patch; the first line of talconfig.yaml that holds it as a
     * list item, else the node's entry (a value folded over lines, or one from an {@code @patch} file).
     */
    private static int lineOf(LintContext context, String hostname, String value) {
        try {
            List<String> lines = Files.readAllLines(context.cluster().file(), StandardCharsets.UTF_8);
            String firstWord = value.split("\\s+")[0];
            for (int i = 0; i < lines.size(); i++) {
                String item = itemText(lines.get(i));
                if (value.equals(item)) {
                    return i + 1;
                }
                // a plain scalar folded over lines: its first line, with a more indented line after it
                if (firstWord.equals(item) && i + 1 < lines.size() && indent(lines.get(i + 1)) > indent(lines.get(i))) {
                    return i + 1;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the loader read it a moment ago; name the node's entry
        }
        return context.nodeLine(hostname);
    }

    /** The value of a YAML list item line ({@code - 'x'} → {@code x}); null for any other line. */
    private static String itemText(String line) {
        String item = line.strip();
        return item.startsWith("- ") ? item.substring(2).strip().replaceAll("^[\"']|[\"']$", "") : null;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}
