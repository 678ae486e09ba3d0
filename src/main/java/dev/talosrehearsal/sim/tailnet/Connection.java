package dev.talosrehearsal.sim.tailnet;

import java.util.Optional;

/**
 * What happened to one connection through the tailnet (a snapshot).
 *
 * @param host      the tailnet host it was routed to; empty when refused
 * @param apiServer the node whose simulated kube-apiserver accepted it, if it got that far
 * @param reachedKubernetesApi true once that apiserver completed TLS and connected to the {@link dev.talosrehearsal.sim.kube.apiserver.Upstream}
 * @param detail    what the tailnet did, in words (the route, then the outcome)
 */
public record Connection(String name, int port, Optional<String> host, Optional<String> apiServer, boolean reachedKubernetesApi,
        String detail) {}
