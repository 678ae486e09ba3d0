/**
 * The simulated Talos API (apid): one WireMock HTTPS server with the gRPC extension per talosconfig endpoint, mutual TLS
 * from the cluster's own OS CA, roles from the client certificate, requests routed through an endpoint to
 * the target node's model by {@code node} metadata (or fanned out by the deprecated {@code nodes}). {@link dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes}
 * boots the models and starts their APIs.
 */
package dev.talosrehearsal.sim.talosapi;
