package dev.talosrehearsal.sim.kube;

/** A Kubernetes backend that cannot run on this machine; the message says why (tests print it as the skip reason). */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
