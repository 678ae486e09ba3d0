/**
 * The simulated tailnet: the names the nodes' serve configs advertise, each a loopback listener that routes a
 * connection to the first healthy host serving it, as tailscaled would, so the rollout's tailnet gate dials the
 * Kubernetes API exactly as kubectl would through the Tailscale service name.
 */
package dev.talosrehearsal.sim.tailnet;
