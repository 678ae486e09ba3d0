/**
 * The Kubernetes side of the simulated cluster: the backends that provide a Kubernetes API (the
 * embedded one in this process, k3s in Docker, an existing cluster through a kubeconfig) and the node
 * mirror that keeps one Node object and Lease per simulated Talos node in step with the node models.
 * How the embedded backend answers like a real kube-apiserver lives in {@code apiserver}.
 */
package dev.talosrehearsal.sim.kube;
