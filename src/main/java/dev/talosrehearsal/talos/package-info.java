/**
 * The client side of the real Talos machine API: gRPC over mutual TLS with the talosconfig's
 * credentials, targeting nodes through an endpoint, every reply's per-node error checked. Used by the
 * applier against real and simulated clusters alike.
 */
package dev.talosrehearsal.talos;
