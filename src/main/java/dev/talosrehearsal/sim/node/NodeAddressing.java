package dev.talosrehearsal.sim.node;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.AddressConfigs;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.AddressSelection;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.talconfig.TalosVersion;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a node's addresses are and which of them its kubelet and etcd use, derived from its inventory
 * entry and a machine config by Talos's own rule ({@link AddressSelection}; see
 * {@code docs/talos-behaviour.md}, "Node address selection").
 *
 * <p>Immutable and stateless: the node passes in what it knows under its lock (up, tailscale running,
 * the config), so this needs no lock of its own.
 *
 * <p>Not modelled: a subnet entry Talos's validation would reject makes Talos refuse the whole config;
 * here it matches nothing (see {@link dev.talosrehearsal.network.SubnetFilter}).
 */
final class NodeAddressing {
    static final int ETCD_PEER_PORT = 2380;
    static final int ETCD_CLIENT_PORT = 2379;

    private final Inventory.Node inventory;
    private final TalosVersion version;

    NodeAddressing(Inventory.Node inventory, TalosVersion version) {
        this.inventory = inventory;
        this.version = version;
    }

    /** The node's addresses now: none while down; the inventory's links, plus tailscale0 while ext-tailscale runs. */
    List<NodeAddress> addresses(boolean up, boolean tailscaleRunning) {
        return up ? inventory.linkAddresses(tailscaleRunning) : List.of();
    }

    /** The kubelet's node IPs under {@code config}: at most one IPv4 and one IPv6; empty = "no suitable node IP found". */
    List<String> kubeletNodeIps(List<NodeAddress> addresses, MachineConfig config) {
        return AddressSelection.kubeletNodeIps(addresses, AddressConfigs.of(config)).ips();
    }

    /**
     * The peer URL etcd advertises under {@code config}; empty when nothing matches (Talos then keeps the
     * old one). Talos advertises every match when advertisedSubnets are set; the simulated member has one
     * peer URL, so it takes the first.
     */
    Optional<String> etcdPeerUrl(List<NodeAddress> addresses, MachineConfig config) {
        return AddressSelection.etcdAdvertised(addresses, AddressConfigs.of(config)).addresses().stream()
                .findFirst().map(a -> url(a.address(), ETCD_PEER_PORT));
    }

    /** Where etcd listens for peers under {@code config} (every match, or the wildcard Talos of this version uses). */
    List<String> etcdListenPeerUrls(List<NodeAddress> addresses, MachineConfig config) {
        return AddressSelection.etcdListen(addresses, AddressConfigs.of(config), !version.atLeast(1, 13)).addresses().stream()
                .map(a -> url(a.address(), ETCD_PEER_PORT)).toList();
    }

    /** The client URL beside a peer URL (same address, port 2379). */
    static String clientUrl(String peerUrl) {
        return peerUrl == null ? null : peerUrl.replaceFirst(":" + ETCD_PEER_PORT + "$", ":" + ETCD_CLIENT_PORT);
    }

    private static String url(IPAddress address, int port) {
        IPAddress ip = address.withoutPrefixLength();
        return "https://" + (ip.isIPv6() ? "[" + ip.toCanonicalString() + "]" : ip.toCanonicalString()) + ":" + port;
    }
}
