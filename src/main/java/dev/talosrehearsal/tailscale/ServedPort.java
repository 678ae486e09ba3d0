package dev.talosrehearsal.tailscale;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a host does for one {@code name:port} it answers: the TCP handler, and the Web handlers of the
 * same scope for {@code name:port} ({@code web} is empty when there is no matching Web entry).
 */
public record ServedPort(String name, int port, TcpHandler tcp, List<WebHandler> web) {
    /** The handler for {@code path}: the longest mount that prefixes it, as tailscaled's mux picks. */
    public Optional<WebHandler> handlerFor(String path) {
        return web.stream().filter(h -> h.mount().equals("/") || path.equals(h.mount())
                        || path.startsWith(h.mount().endsWith("/") ? h.mount() : h.mount() + "/"))
                .max(Comparator.comparingInt(h -> h.mount().length()));
    }
}
