package dev.talosrehearsal.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.talconfig.TalConfig;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/**
 * A first {@code inventory.yaml} for a cluster, from what its talconfig says about each machine: the addresses of
 * its {@code networkInterfaces} when they are static, else its {@code ipAddress}; a link named as the config names
 * it, else {@code eth0}; a tailscale0 address for nodes that run the tailscale extension. A machine config cannot
 * say everything (prefix lengths of {@code ipAddress}, DHCP leases, Tailscale's 100.x addresses, the extensions in its
 * image), so every guess is written with a comment saying what to check.
 */
final class InventoryDraft {
    static final String DEFAULT_LINK = "eth0";
    /** Tailscale hands out addresses from 100.64.0.0/10; the guess numbers nodes in file order inside it. */
    private static final String TAILSCALE_GUESS_PREFIX = "100.64.0.";

    private InventoryDraft() {}

    static String render(TalConfig talconfig, RenderedCluster rendered) {
        StringBuilder out = new StringBuilder();
        out.append("# Each machine's network links as the simulated cluster should see them (a machine config cannot say:\n")
                .append("# on real hardware they come from static setup, DHCP and the tailscale extension).\n")
                .append("# Drafted by `talos-rehearsal init` from ").append(talconfig.file()).append(";\n")
                .append("# check every line marked GUESS against the real machines (`talosctl get addresses -n NODE`).\n")
                .append("nodes:\n");
        int index = 0;
        for (TalConfig.Node node : talconfig.nodes()) {
            index++;
            out.append("  ").append(node.hostname()).append(":\n").append("    interfaces:\n");
            List<String> lines = links(node);
            lines.forEach(line -> out.append("      ").append(line).append('\n'));
            java.util.Set<String> configured = rendered.node(node.hostname())
                    .map(r -> ExtensionServices.byName(r.config()).keySet()).orElse(java.util.Set.of());
            if (configured.contains(ExtensionServices.TAILSCALE)) {
                out.append("    tailscale: ").append(TAILSCALE_GUESS_PREFIX).append(index)
                        .append("   # GUESS: this node's Tailscale address (`tailscale ip -4` on the node)\n");
            }
            // what the simulator takes the image to hold without this line too; written so that a migration configuring
            // another extension service finds where to say the image has it
            out.append("    extensionServices: [").append(String.join(", ", configured)).append("]")
                    .append("   # GUESS: the extension services its image defines (`talosctl services -n NODE` lists them as ext-NAME)\n");
        }
        return out.toString();
    }

    /** {@code link: [addr/prefix, ...]  # comment} lines for one node. */
    private static List<String> links(TalConfig.Node node) {
        List<String> lines = new ArrayList<>();
        JsonNode interfaces = node.networkInterfaces();
        if (interfaces != null) {
            for (JsonNode link : interfaces) {
                List<String> addresses = new ArrayList<>();
                link.path("addresses").forEach(a -> addresses.add(a.asText()));
                if (!addresses.isEmpty()) {
                    String name = link.path("interface").asText("");
                    lines.add((name.isEmpty() ? DEFAULT_LINK : name) + ": [" + String.join(", ", addresses) + "]"
                            + (name.isEmpty() ? "   # GUESS: the link is chosen by a device selector; its name here is free" : ""));
                }
            }
        }
        if (!lines.isEmpty()) {
            return lines;
        }
        List<String> addresses = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String ip : node.ipAddresses()) {
            IPAddress address = new IPAddressString(ip).getAddress();
            if (address == null) {
                notes.add("'" + ip + "' is a name, not an address: put the machine's address here");
                addresses.add("192.0.2.1/24");
            } else {
                addresses.add(address.withoutPrefixLength().toCanonicalString() + (address.isIPv4() ? "/24" : "/64"));
                notes.add("the prefix length of " + ip + " (talconfig's ipAddress has none)");
            }
        }
        lines.add(DEFAULT_LINK + ": [" + String.join(", ", addresses) + "]   # GUESS: the link's name, "
                + String.join("; ", notes));
        return lines;
    }
}
