package dev.talosrehearsal.cli;

/**
 * A command that reads and computes for a while (renders configs, plans, starts a simulated cluster) before its first
 * Talos API call: {@link Main} starts {@link dev.talosrehearsal.talos.TlsWarmUp} as it runs one, so the first
 * connection does not wait for the TLS stack's one-time set-up.
 */
interface DialsTalos {}
