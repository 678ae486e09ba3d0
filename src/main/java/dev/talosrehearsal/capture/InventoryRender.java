package dev.talosrehearsal.capture;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.talconfig.TalosVersion;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code inventory.yaml} from what each node's resource API reported: every global address by link, tailscale0's
 * IPv4 address as {@code tailscale} (the inventory's way of saying it exists while ext-tailscale runs), and the
 * extension services its image defines, as ServiceList listed them ({@code extensionServices}). What the
 * inventory model cannot hold is left out and said so in a comment on the node: loopback, link-local and host-scope
 * addresses, links without an address, more than one IPv4 address or any IPv6 one on tailscale0.
 */
final class InventoryRender {
    private InventoryRender() {}

    static String render(List<CapturedNode> nodes, String endpoint, String capturedAt) {
        StringBuilder out = new StringBuilder();
        out.append("# Captured by talos-rehearsal capture through ").append(endpoint).append(" at ").append(capturedAt).append(":\n");
        out.append("# each node's addresses as its Talos resource API reported them (AddressStatuses, LinkStatuses).\n");
        out.append("# Only what an inventory can hold: global addresses by link, and tailscale0's IPv4 address as `tailscale`\n");
        out.append("# (it exists while ext-tailscale runs). What was left out is noted on each node.\n");
        out.append("# extensionServices: the ext-* services each node listed (ServiceList), which its image's extensions define.\n");
        out.append("nodes:\n");
        for (CapturedNode node : nodes) {
            out.append("  ").append(key(node.hostname())).append(":  # Talos ").append(node.talosVersion().isEmpty() ? "?" : node.talosVersion())
                    .append(", asked as ").append(node.target()).append('\n');
            Map<String, List<String>> links = new LinkedHashMap<>();
            List<String> tailscale = new ArrayList<>();
            List<String> leftOut = new ArrayList<>();
            for (CapturedNode.LinkAddress a : node.addresses()) {
                IPAddress address = new IPAddressString(a.address()).getAddress();
                if (address == null) {
                    leftOut.add(a.link() + " " + a.address() + " (not an address)");
                } else if (a.link().equals("lo") || address.isLoopback() || a.scope().equals("host")) {
                    continue; // loopback: every node has it, the simulator adds it
                } else if (!a.scope().equals("global") || address.isLinkLocal()) {
                    leftOut.add(a.link() + " " + a.address() + " (" + a.scope() + " scope)");
                } else if (a.link().equals(Inventory.Node.TAILSCALE_LINK)) {
                    if (address.isIPv4() && tailscale.isEmpty()) {
                        tailscale.add(address.withoutPrefixLength().toCanonicalString());
                    } else {
                        leftOut.add(a.link() + " " + a.address() + " (the inventory holds one IPv4 tailscale address)");
                    }
                } else {
                    links.computeIfAbsent(a.link(), l -> new ArrayList<>()).add(a.address());
                }
            }
            for (String link : node.links()) {
                if (!link.equals("lo") && !link.equals(Inventory.Node.TAILSCALE_LINK) && !links.containsKey(link)
                        && node.addresses().stream().noneMatch(a -> a.link().equals(link))) {
                    leftOut.add(link + " (no address)");
                }
            }
            if (links.isEmpty()) {
                throw new CaptureFailure(node.target(), "has no global address on any link but tailscale0; an inventory needs one");
            }
            out.append("    interfaces:\n");
            links.forEach((link, addresses) -> out.append("      ").append(key(link)).append(": [").append(String.join(", ", addresses)).append("]\n"));
            tailscale.forEach(t -> out.append("    tailscale: ").append(t).append('\n'));
            out.append("    extensionServices: [").append(String.join(", ", node.extensionServices())).append("]\n");
            upgraded(node).ifPresent(u -> out.append("    talosVersion: ").append(u.runs())
                    .append("  # what it runs; its config's installer image names ").append(u.configNames())
                    .append(" (talosctl upgrade leaves machine.install.image as it was)\n"));
            if (!leftOut.isEmpty()) {
                out.append("    # left out: ").append(String.join("; ", leftOut)).append('\n');
            }
        }
        return out.toString();
    }

    /** A node that runs another release than its config's installer image names: both tags. */
    record Upgraded(String runs, String configNames) {}

    /**
     * The release the node runs when its config's installer image names another one: the simulated node must run what
     * the real one runs, and only the inventory can say so. Empty when they agree or either is unknown.
     */
    static Optional<Upgraded> upgraded(CapturedNode node) {
        Optional<TalosVersion> named = ClusterSide.installedVersion(node.config());
        Optional<TalosVersion> runs = TalosVersion.supported(node.talosVersion());
        if (named.isEmpty() || runs.isEmpty() || named.equals(runs)) {
            return Optional.empty();
        }
        return Optional.of(new Upgraded(runs.get().tag(), named.get().tag()));
    }

    /** A map key as YAML reads it back: plain when it is a simple name, else double-quoted. */
    private static String key(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") ? name : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
