/**
 * Socket and TLS plumbing shared by the simulator's network pieces (the tailnet and the control-plane
 * kube-apiservers behind it): HTTP/1.1 heads, canned answers, two-way pipes, resets, and TLS contexts
 * from the cluster's certificates.
 */
package dev.talosrehearsal.sim.net;
