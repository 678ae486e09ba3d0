package dev.talosrehearsal.lint;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.AddressConfigs;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.AddressSelection;
import dev.talosrehearsal.network.NodeAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a node's addresses a subnet list lets Talos choose from, read off the inventory: the kubelet's candidates
 * for {@code machine.kubelet.nodeIP.validSubnets}, etcd's advertised addresses for {@code cluster.etcd.advertisedSubnets}
 * ({@link AddressSelection}, Talos's own rule). A set, not the pick: two lists that admit the same addresses give the
 * same node IP whatever the addresses' order or the time each comes up (tailscale0's only once its extension runs).
 */
final class AdmittedAddresses {
    static final String VALID_SUBNETS = "/machine/kubelet/nodeIP/validSubnets";
    static final String ADVERTISED_SUBNETS = "/cluster/etcd/advertisedSubnets";

    private AdmittedAddresses() {}

    /** The node's addresses as the inventory lists them (tailscale0's when it runs the extension); empty when unknown. */
    static Optional<List<NodeAddress>> of(LintContext context, RenderedNode node) {
        if (context.inventory() == null) {
            return Optional.empty();
        }
        Optional<Inventory.Node> machine = context.inventory().node(node.hostname());
        return machine.map(m -> m.linkAddresses(context.tailscale(node).isPresent()));
    }

    /**
     * The addresses {@code subnets} admits at {@code pointer} (one of the two lists above) on a node with these
     * addresses, the rest of the address settings being {@code config}'s.
     */
    static Set<String> under(List<NodeAddress> addresses, MachineConfig config, String pointer, List<String> subnets) {
        AddressConfig c = AddressConfigs.of(config);
        List<NodeAddress> admitted = switch (pointer) {
            case VALID_SUBNETS -> AddressSelection.kubeletCandidates(addresses, new AddressConfig(subnets, c.advertisedSubnets(),
                    c.listenSubnets(), c.podSubnets(), c.serviceSubnets(), c.virtualIps(), c.order()));
            case ADVERTISED_SUBNETS -> AddressSelection.etcdAdvertised(addresses, new AddressConfig(c.validSubnets(), subnets,
                    c.listenSubnets(), c.podSubnets(), c.serviceSubnets(), c.virtualIps(), c.order())).addresses();
            default -> throw new IllegalArgumentException("not a subnet list: " + pointer);
        };
        Set<String> ips = new LinkedHashSet<>();
        admitted.forEach(a -> ips.add(a.ip()));
        return ips;
    }
}
