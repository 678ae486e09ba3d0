/**
 * Talos's node-address rule: which of a node's addresses the kubelet's node IP and etcd's advertised
 * address come from, given {@code validSubnets} / {@code advertisedSubnets} (includes, {@code !} excludes,
 * IPv4/IPv6) and what Talos leaves out on its own (link-local, the VIP, pod and service subnets).
 * Lint, the rollout gates and the simulated node all ask {@link dev.talosrehearsal.network.AddressSelection},
 * so they cannot disagree about a node's address. Depends only on {@code common} and IPAddress.
 */
package dev.talosrehearsal.network;
