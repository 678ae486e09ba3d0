/**
 * Stand-ins for kube-apiserver. Behind the embedded backend, what fabric8's CRUD mock lacks for
 * kubectl: discovery, {@code /version}, server-side Tables and watches over plain HTTP. In front of
 * any backend, the kube-apiserver a control plane presents on its port (6443 unless set; TLS with a Kubernetes-CA
 * certificate carrying the node's certSANs), which the simulated tailnet forwards to.
 */
package dev.talosrehearsal.sim.kube.apiserver;
