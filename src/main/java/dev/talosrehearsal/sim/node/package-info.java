/**
 * The model of one Talos node: how it reacts to a config (apply modes, reboots, the kubelet node IP, etcd
 * membership, extension services, the serve config) and to injected faults, on a controllable clock. Every
 * reaction follows Talos's source or a documented Talos issue: see {@code docs/talos-behaviour.md}.
 */
package dev.talosrehearsal.sim.node;
