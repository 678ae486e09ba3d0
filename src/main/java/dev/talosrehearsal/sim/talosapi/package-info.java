/**
 * The simulated Talos API (apid): one WireMock HTTPS server with the gRPC extension per node, mutual TLS
 * from the cluster's own OS CA, roles from the client certificate, requests proxied through an endpoint to
 * the target nodes' models with one reply per node. {@link dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes}
 * boots the models and starts their APIs.
 */
package dev.talosrehearsal.sim.talosapi;
