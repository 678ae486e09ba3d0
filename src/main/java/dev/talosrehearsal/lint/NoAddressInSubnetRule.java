package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.AddressConfigs;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.AddressSelection;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.network.Selection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule 2, {@code no-address-in-subnet} (needs {@code --inventory}): Talos picks none of a node's
 * addresses under its rendered validSubnets (kubelet finds no node IP and the node stays NotReady), or
 * none under a control plane's advertisedSubnets (etcd cannot advertise a peer address, silently).
 * <b>Error</b>. The pick is {@link AddressSelection}'s, Talos's own rule: list order matters, a list of
 * {@code !} excludes only picks nothing, pod/service subnets and VIPs never count. tailscale0's address
 * counts only on nodes that run the tailscale extension. An unset list is left to
 * overlay-subnet-unpinned. A subnet entry Talos would reject is an <b>error</b> too. A node missing
 * from the inventory is an <b>info</b>: it cannot be checked.
 */
final class NoAddressInSubnetRule implements Rule {
    static final String ID = "no-address-in-subnet";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        if (context.inventory() == null) {
            return out;
        }
        for (RenderedNode node : context.rendered().nodes()) {
            Inventory.Node machine = context.inventory().node(node.hostname()).orElse(null);
            if (machine == null) {
                out.add(new Finding(ID, Severity.INFO, node.hostname(), context.inventoryFile(), 0,
                        "The inventory does not list this node, so its addresses were not checked against its subnets.",
                        "add nodes." + node.hostname() + ".interfaces to " + context.inventoryFile() + "."));
                continue;
            }
            List<NodeAddress> addresses = machine.linkAddresses(context.tailscale(node).isPresent());
            AddressConfig config = AddressConfigs.of(node.config());
            Set<String> warnings = new LinkedHashSet<>();
            if (!config.validSubnets().isEmpty()) {
                Selection picked = AddressSelection.kubeletNodeIps(addresses, config);
                warnings.addAll(picked.warnings());
                check(context, node, addresses, picked, config.validSubnets(), ConfigSetting.NODE_IP_VALID_SUBNETS.where(node.config()),
                        "kubelet finds no node IP and the node stays NotReady", out);
            }
            if (node.controlPlane() && !config.advertisedSubnets().isEmpty()) {
                Selection picked = AddressSelection.etcdAdvertised(addresses, config);
                warnings.addAll(picked.warnings());
                check(context, node, addresses, picked, config.advertisedSubnets(), ConfigSetting.ETCD_ADVERTISED_SUBNETS.where(node.config()),
                        "etcd has no address to advertise to its peers and fails without an error message", out);
            }
            for (String warning : warnings) {
                out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), context.nodeLine(node.hostname()),
                        "The rendered config's " + warning + ".", "write a CIDR (such as " + prefixBlock(addresses) + ") or an address."));
            }
        }
        return out;
    }

    private static void check(LintContext context, RenderedNode node, List<NodeAddress> addresses, Selection picked,
            List<String> subnets, String field, String consequence, List<Finding> out) {
        if (!picked.isEmpty()) {
            return;
        }
        String have = String.join(", ", addresses.stream().map(a -> a.address().toString()).toList());
        String include = subnets.stream().filter(s -> !s.startsWith("!")).findFirst().orElse(null);
        out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), context.nodeLine(node.hostname()),
                "Talos picks none of this node's addresses (" + have + ") under " + field + " [" + String.join(", ", subnets)
                        + "] (pod and service subnets and VIPs never count), so " + consequence + ".",
                "add a subnet that holds the node's LAN address (e.g. " + prefixBlock(addresses) + ") to " + field
                        + (include == null ? " (a list of '!' excludes alone picks nothing)."
                                : ", or give the machine an address in " + include + ".")));
    }

    private static String prefixBlock(List<NodeAddress> addresses) {
        return addresses.stream().map(NodeAddress::address).filter(a -> a.isPrefixed()).findFirst()
                .map(a -> a.toPrefixBlock().toString()).orElse("<the LAN's CIDR>");
    }
}
