package dev.talosrehearsal.lint;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 2, {@code no-address-in-subnet} (needs {@code --inventory}): a node has no address in its
 * rendered validSubnets (kubelet finds no node IP and the node stays NotReady), or a control plane has
 * none in advertisedSubnets (etcd cannot advertise a peer address, silently). <b>Error</b>. tailscale0's
 * address counts only on nodes that run the tailscale extension. A node missing from the inventory
 * is an <b>info</b>: it cannot be checked.
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
            List<IPAddress> addresses = new ArrayList<>(machine.addresses());
            if (context.tailscale(node).isPresent()) {
                machine.tailscale().ifPresent(addresses::add);
            }
            check(context, node, addresses, "/machine/kubelet/nodeIP/validSubnets", "machine.kubelet.nodeIP.validSubnets",
                    "kubelet finds no node IP and the node stays NotReady", out);
            if (node.controlPlane()) {
                check(context, node, addresses, "/cluster/etcd/advertisedSubnets", "cluster.etcd.advertisedSubnets",
                        "etcd has no address to advertise to its peers and fails without an error message", out);
            }
        }
        return out;
    }

    private static void check(LintContext context, RenderedNode node, List<IPAddress> addresses, String pointer,
            String field, String consequence, List<Finding> out) {
        List<String> subnets = LintContext.strings(node.config(), pointer);
        if (subnets.stream().noneMatch(s -> !s.startsWith("!"))) {
            return; // unset: overlay-subnet-unpinned speaks about that
        }
        for (IPAddress address : addresses) {
            if (matches(address, subnets)) {
                return;
            }
        }
        String have = String.join(", ", addresses.stream().map(IPAddress::toString).toList());
        out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), context.nodeLine(node.hostname()),
                "None of this node's addresses (" + have + ") is in " + field + " [" + String.join(", ", subnets) + "], so "
                        + consequence + ".",
                "add a subnet that holds the node's LAN address (e.g. " + prefixBlock(addresses) + ") to " + field
                        + ", or give the machine an address in " + subnets.get(0) + "."));
    }

    static boolean matches(IPAddress address, List<String> subnets) {
        IPAddress bare = address.withoutPrefixLength();
        boolean in = false;
        for (String subnet : subnets) {
            boolean exclude = subnet.startsWith("!");
            IPAddress block = Overlay.parse(exclude ? subnet.substring(1) : subnet);
            if (block == null || block.getIPVersion() != bare.getIPVersion()) {
                continue;
            }
            IPAddress range = block.isPrefixed() ? block.toPrefixBlock() : block;
            if (range.contains(bare)) {
                if (exclude) {
                    return false;
                }
                in = true;
            }
        }
        return in;
    }

    private static String prefixBlock(List<IPAddress> addresses) {
        return addresses.stream().filter(IPAddress::isPrefixed).findFirst()
                .map(a -> a.toPrefixBlock().toString()).orElse("192.168.20.0/24");
    }
}
