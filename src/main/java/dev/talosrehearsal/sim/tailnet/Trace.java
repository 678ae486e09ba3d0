package dev.talosrehearsal.sim.tailnet;

import dev.talosrehearsal.sim.kube.apiserver.ApiServerTrace;
import java.util.Optional;

/** The mutable record of one connection, filled in by the hops it passes. */
final class Trace implements ApiServerTrace {
    final String name;
    final int port;
    private String host;
    private String apiServer;
    private boolean apiServerTls;
    private boolean upstream;
    /** Set when tailscaled itself answered (HTTPS/HTTP entries). */
    private boolean answeredByTailscaled;
    private final StringBuilder detail = new StringBuilder();

    Trace(String name, int port) {
        this.name = name;
        this.port = port;
    }

    synchronized void routed(Route route) {
        host = route.host().orElse(null);
        note(route.reason());
    }

    @Override
    public synchronized void apiServer(String node) {
        apiServer = node;
        note("kube-apiserver on " + node);
    }

    @Override
    public synchronized void apiServerTls() {
        apiServerTls = true;
    }

    @Override
    public synchronized boolean apiServerTlsDone() {
        return apiServerTls;
    }

    @Override
    public synchronized void upstream() {
        upstream = true;
        note("proxied to the Kubernetes API");
    }

    synchronized void answeredByTailscaled(String what) {
        answeredByTailscaled = true;
        note(what);
    }

    synchronized boolean answeredByTailscaled() {
        return answeredByTailscaled;
    }

    @Override
    public synchronized void note(String text) {
        if (detail.length() > 0) {
            detail.append("; ");
        }
        detail.append(text);
    }

    synchronized Connection snapshot() {
        return new Connection(name, port, Optional.ofNullable(host), Optional.ofNullable(apiServer), upstream, detail.toString());
    }
}
