/**
 * The Kubernetes API as the rollout needs it ({@link dev.talosrehearsal.kube.ClusterView}: nodes, their
 * addresses and conditions) through fabric8's client; {@code impact} scans objects for the old addresses.
 */
package dev.talosrehearsal.kube;
