package dev.talosrehearsal.sim.kube.apiserver;

import java.util.Objects;

/**
 * Where a simulated kube-apiserver sends the bytes it decrypted: the Kubernetes API behind it (the
 * embedded simulated Kubernetes API, or a test server). {@link #tls()} says whether it speaks TLS; if
 * it does, the apiserver connects with a trust-all context (the hop is inside the simulator).
 */
public interface Upstream {
    String host();

    int port();

    boolean tls();

    static Upstream of(String host, int port, boolean tls) {
        return new Fixed(host, port, tls);
    }

    /** A fixed address. */
    record Fixed(String host, int port, boolean tls) implements Upstream {
        public Fixed {
            Objects.requireNonNull(host);
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
