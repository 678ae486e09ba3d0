/**
 * The simulated cluster: Talos node models behind simulated Talos APIs ({@code node}, {@code talosapi}), a
 * Kubernetes API whose Node objects follow the models ({@code kube}), and the tailnet through which control
 * planes serve the API ({@code tailnet}), on one simulated clock. {@link dev.talosrehearsal.sim.SimulatedCluster}
 * is the entry point. Production packages never import it. See {@code docs/simulator.md}.
 */
package dev.talosrehearsal.sim;
