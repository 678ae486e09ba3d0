package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.validation.GoNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        List<String> talconfigLines = null; // read once, and only when some node has such a nameserver
        for (RenderedNode node : context.rendered().nodes()) {
            Map<Boolean, List<String>> byParse = LintContext.nameservers(node.config()).stream()
                    .collect(Collectors.partitioningBy(ns -> GoNet.isIP(ns.strip())));
            List<String> ignored = byParse.get(false);
            if (ignored.isEmpty()) {
                continue;
            }
            List<String> used = byParse.get(true);
            if (talconfigLines == null) {
                talconfigLines = lines(context);
            }
            int line = lineOf(talconfigLines, ignored.get(0));
            out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), line > 0 ? line : context.nodeLine(node.hostname()),
                    quoted(ignored) + (ignored.size() == 1 ? " is not an IP address" : " are not IP addresses")
                            + ": Talos drops such nameservers without a word, so the node resolves through "
                            + (used.isEmpty() ? "DHCP's or Talos's default resolvers (1.1.1.1, 8.8.8.8)" : String.join(", ", used) + " only") + ".",
                    "write each nameserver as an IP address, one per list item, e.g. nameservers: [192.168.20.1, 1.1.1.1]."));
        }
        return out;
    }

    private static List<String> lines(LintContext context) {
        try {
            return Files.readAllLines(context.cluster().file(), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // the loader read it a moment ago; the findings name the nodes' entries
        }
    }

    /**
     * Where the entry is written: the talconfig's own {@code nameservers} field only takes IP addresses (the loader
     * refuses anything else at its line), so it comes from a patch; the first line of talconfig.yaml that holds it as a
     * list item, else 0 (a value from an {@code @patch} file).
     */
    private static int lineOf(List<String> lines, String value) {
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
        return 0;
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
