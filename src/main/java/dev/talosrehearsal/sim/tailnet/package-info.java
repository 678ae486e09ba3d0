/**
 * The cluster's simulated tailnet: MagicDNS names and ports from each running ext-tailscale's serve
 * config, per-connection routing to the first healthy host, and what tailscaled does with a
 * connection (TCPForward to a control plane's kube-apiserver, HTTPS/Web handlers, 404). The serve
 * config itself is read by {@code dev.talosrehearsal.tailscale}.
 */
package dev.talosrehearsal.sim.tailnet;
