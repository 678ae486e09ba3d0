package dev.talosrehearsal.network;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a node's addresses Talos picks for the kubelet's node IP and for etcd, given the machine
 * config: the one rule lint, the rollout and the simulator share. Each step names the Talos source it
 * follows (tag v1.13.0; v1.12.0 is the same except where said). A readable summary is in
 * {@code docs/talos-behaviour.md}, "Node address selection".
 *
 * <p>Not modelled, because the inventory cannot describe it: links that are down (Talos ignores their
 * addresses), platform "external" addresses (Talos counts them for etcd's advertisedSubnets only), and
 * the per-node pod CIDR Kubernetes allocates (v1.13 excludes it too; it lies inside podSubnets anyway).
 */
public final class AddressSelection {
    /** Every IPv4 address, every IPv6 address: Talos's "no filter" lists. */
    private static final List<String> EVERYTHING = List.of("0.0.0.0/0", "::/0");

    private AddressSelection() {}

    /**
     * The node's "routed" addresses: what the kubelet and etcd's default choose from.
     * https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/network/node_address.go (NodeAddressController.Run):
     * no loopback, multicast or link-local address, no SideroLink address (fdXX:XXXX:XXXX:03XX::/64), sorted by
     * the sort algorithm, duplicates dropped; then
     * https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/k8s/address_filter.go (filter "no-k8s"): nothing inside
     * the pod or service subnets.
     */
    public static List<NodeAddress> routed(List<NodeAddress> addresses, AddressConfig config) {
        return candidates(addresses, config, true);
    }

    /** The node's "current" addresses: as {@link #routed} but SideroLink addresses count (etcd's advertisedSubnets read these). */
    public static List<NodeAddress> current(List<NodeAddress> addresses, AddressConfig config) {
        return candidates(addresses, config, false);
    }

    /**
     * The kubelet's node IPs: https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/k8s/nodeip_config.go
     * (NewNodeIPConfigController) builds the filter: validSubnets, or when empty {@code 0.0.0.0/0} / {@code ::/0}
     * for each service subnet's family in its order (so a single-stack IPv4 cluster never gets an IPv6 node
     * IP), then excludes the pod subnets, the service subnets and the VIPs;
     * https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/k8s/nodeip.go (NodeIPController.Run) applies it to the
     * routed addresses and keeps the first IPv4 and the first IPv6 of the result, in the result's order.
     * Empty: Talos logs "no suitable node IP found" and the kubelet gets no node IP.
     */
    public static Selection kubeletNodeIps(List<NodeAddress> addresses, AddressConfig config) {
        List<String> warnings = warnings(config);
        warn(config.validSubnets(), "machine.kubelet.nodeIP.validSubnets", warnings);
        List<NodeAddress> picked = new ArrayList<>();
        for (NodeAddress a : kubeletCandidates(addresses, config)) {
            if (picked.stream().noneMatch(p -> p.bare().getIPVersion() == a.bare().getIPVersion())) {
                picked.add(a);
            }
        }
        return new Selection(picked, warnings);
    }

    /**
     * Every address the kubelet's filter keeps, in order, before {@link #kubeletNodeIps} takes the first of each family:
     * what a validSubnets list lets Talos choose from whatever the addresses' order or the time each comes up.
     */
    public static List<NodeAddress> kubeletCandidates(List<NodeAddress> addresses, AddressConfig config) {
        List<String> valid = config.validSubnets().isEmpty() ? familiesOf(config.serviceSubnets()) : config.validSubnets();
        SubnetFilter filter = SubnetFilter.of(valid).excluding(config.kubernetesSubnets()).excluding(config.virtualIps());
        return filter.apply(routed(addresses, config));
    }

    /**
     * What etcd advertises (its peer and client URLs): https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/etcd/config.go
     * (NewConfigController) excludes the VIPs from advertising (not the pod or service subnets: the addresses are
     * already filtered by "no-k8s"); https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/etcd/spec.go (SpecController.Run):
     * <ul>
     *   <li>advertisedSubnets empty: the first routed address in {@code 0.0.0.0/0}, {@code ::/0} (IPv4 first), one only;</li>
     *   <li>set: <em>every</em> current address the filter keeps, in the filter's order.</li>
     * </ul>
     * Empty: etcd's spec is not updated, so etcd keeps what it advertised before (no error).
     */
    public static Selection etcdAdvertised(List<NodeAddress> addresses, AddressConfig config) {
        List<String> warnings = warnings(config);
        if (config.advertisedSubnets().isEmpty()) {
            SubnetFilter any = SubnetFilter.of(EVERYTHING).excluding(config.virtualIps());
            return new Selection(any.apply(routed(addresses, config)).stream().limit(1).toList(), warnings);
        }
        warn(config.advertisedSubnets(), "cluster.etcd.advertisedSubnets", warnings);
        SubnetFilter filter = SubnetFilter.of(config.advertisedSubnets()).excluding(config.virtualIps());
        return new Selection(filter.apply(current(addresses, config)), warnings);
    }

    /**
     * Where etcd listens for peers (https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/etcd/spec.go): with
     * listenSubnets (which default to advertisedSubnets) every routed address they keep, VIPs not excluded; else the
     * wildcard address, {@code 0.0.0.0} in v1.13, and in v1.12 {@code ::} when the node has a routed IPv6 address
     * (https://github.com/siderolabs/talos/blob/v1.12.0/internal/app/machined/pkg/controllers/etcd/spec.go).
     * A wildcard comes back on the link {@code ""}.
     *
     * @param v112Wildcard true for Talos v1.12 and earlier
     */
    public static Selection etcdListen(List<NodeAddress> addresses, AddressConfig config, boolean v112Wildcard) {
        List<String> warnings = warnings(config);
        List<NodeAddress> routed = routed(addresses, config);
        if (config.listenSubnets().isEmpty()) {
            boolean ipv6 = v112Wildcard && routed.stream().anyMatch(a -> a.bare().isIPv6());
            return new Selection(List.of(new NodeAddress("", new IPAddressString(ipv6 ? "::" : "0.0.0.0").getAddress())), warnings);
        }
        warn(config.listenSubnets(), "cluster.etcd.listenSubnets", warnings);
        return new Selection(SubnetFilter.of(config.listenSubnets()).apply(routed), warnings);
    }

    private static List<NodeAddress> candidates(List<NodeAddress> addresses, AddressConfig config, boolean dropSideroLink) {
        List<NodeAddress> kept = new ArrayList<>();
        for (NodeAddress a : addresses) {
            IPAddress ip = a.bare();
            if (ip.isLoopback() || ip.isMulticast() || ip.isLinkLocal() || (dropSideroLink && sideroLink(ip))) {
                continue;
            }
            if (kept.stream().noneMatch(k -> k.address().equals(a.address()))) {
                kept.add(a);
            }
        }
        kept.sort(config.order().comparator());
        SubnetFilter kubernetes = SubnetFilter.of(config.kubernetesSubnets());
        kept.removeIf(a -> kubernetes.accepts(a.ip()));
        return kept;
    }

    /** Talos's SideroLink ULA: fd00::/8 with 0x03 as the eighth byte (pkg/machinery/resources/network/ula.go, IsULA). */
    private static boolean sideroLink(IPAddress ip) {
        byte[] bytes = ip.getBytes();
        return ip.isIPv6() && (bytes[0] & 0xff) == 0xfd && bytes[7] == 0x03;
    }

    /** {@code ipSubnetsFromServiceCIDRs} in nodeip_config.go: one "everything" subnet per service subnet, same family. */
    private static List<String> familiesOf(List<String> serviceSubnets) {
        List<String> out = new ArrayList<>();
        for (String subnet : serviceSubnets) {
            IPAddress block = SubnetFilter.block(subnet);
            if (block != null) {
                out.add(block.isIPv4() ? EVERYTHING.get(0) : EVERYTHING.get(1));
            }
        }
        return out;
    }

    /** Warnings about the subnets every consumer reads: the pod and service subnets and the VIPs. */
    private static List<String> warnings(AddressConfig config) {
        List<String> warnings = new ArrayList<>();
        warn(config.podSubnets(), "cluster.network.podSubnets", warnings);
        warn(config.serviceSubnets(), "cluster.network.serviceSubnets", warnings);
        warn(config.virtualIps(), "the VIP addresses", warnings);
        return warnings;
    }

    private static void warn(List<String> entries, String field, List<String> warnings) {
        for (String entry : SubnetFilter.of(entries).invalid()) {
            warnings.add(field + " entry '" + entry + "' is neither a CIDR nor an address: Talos rejects this config;"
                    + " it matches nothing here");
        }
    }
}
