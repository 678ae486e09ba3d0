package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.Resolvers;
import dev.talosrehearsal.machineconfig.ValueOrigin;
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
        for (RenderedNode node : context.rendered().nodes()) {
            List<String> nameservers = LintContext.nameservers(node.config());
            Map<Boolean, List<String>> byParse = nameservers.stream().collect(Collectors.partitioningBy(Resolvers::kept));
            List<String> ignored = byParse.get(false);
            if (ignored.isEmpty()) {
                continue;
            }
            List<String> used = byParse.get(true);
            // the talconfig's own nameservers field refuses such values at load: the entry is a patch's, at its line
            ValueOrigin at = context.origin(node.hostname(), ConfigSetting.NAMESERVERS, "/" + nameservers.indexOf(ignored.get(0)));
            out.add(new Finding(ID, Severity.ERROR, node.hostname(), at.file(), at.line(),
                    quoted(ignored) + (ignored.size() == 1 ? " is not an IP address" : " are not IP addresses")
                            + ": Talos drops such nameservers without a word, so the node resolves through "
                            + (used.isEmpty() ? "DHCP's or Talos's default resolvers (" + String.join(", ", Resolvers.TALOS_DEFAULTS) + ")" : String.join(", ", used) + " only") + ".",
                    "write each nameserver as an IP address, one per list item" + example(ignored) + "."));
        }
        return out;
    }

    /** The list the entries meant, when they are addresses run together ('10.0.0.1 1.1.1.1'): e.g. [10.0.0.1, 1.1.1.1]. */
    private static String example(List<String> ignored) {
        List<String> words = ignored.stream().flatMap(v -> java.util.Arrays.stream(v.strip().split("[\\s,;-]+"))).filter(w -> !w.isEmpty()).toList();
        return !words.isEmpty() && words.stream().allMatch(Resolvers::kept) ? ": nameservers: [" + String.join(", ", words) + "]" : "";
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}
