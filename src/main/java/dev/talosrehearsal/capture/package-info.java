/**
 * {@code capture}: a running cluster, read-only, into a rehearsal directory that is its twin — each node's running
 * machine config ({@code before/}), the secrets bundle they hold ({@code talsecret.yaml}), each node's addresses and
 * links ({@code inventory.yaml}) and, with a kubeconfig, the Kubernetes objects the impact scan reads
 * ({@code cluster/}). Production code: it reaches the cluster only through the Talos client and the Kubernetes API,
 * and never sees the simulator (a simulated cluster is captured exactly as a real one).
 */
package dev.talosrehearsal.capture;
