package dev.talosrehearsal.kube;

/** The Kubernetes API did not answer (a gate keeps waiting; pre-flight reports it). */
public final class KubernetesUnavailableException extends RuntimeException {
    public KubernetesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
