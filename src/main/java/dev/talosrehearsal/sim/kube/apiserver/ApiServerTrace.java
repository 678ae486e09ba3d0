package dev.talosrehearsal.sim.kube.apiserver;

/**
 * What a {@link ControlPlaneApiServer} reports about one connection it handles, so that whoever
 * dialled it (the simulated tailnet) can say how far the connection got: refused, TLS done, handed to
 * the Kubernetes API behind it.
 */
public interface ApiServerTrace {
    /** The connection reached {@code node}'s kube-apiserver. */
    void apiServer(String node);

    /** The TLS handshake with the kube-apiserver's certificate completed. */
    void apiServerTls();

    boolean apiServerTlsDone();

    /** The decrypted bytes are on their way to the Kubernetes API behind. */
    void upstream();

    /** A step worth telling, in words. */
    void note(String text);
}
