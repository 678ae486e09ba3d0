package dev.talosrehearsal.talos;

import io.grpc.Status;

/**
 * A Talos API call that failed, as a whole or on one node: the gRPC status code, the node (or
 * endpoint) that failed, and Talos's message. Never carries request contents (configs hold secrets).
 */
public class TalosApiException extends RuntimeException {
    private final Status.Code code;
    private final String node;

    public TalosApiException(Status.Code code, String node, String message) {
        super(node + ": " + code + ": " + message, null, false, false);
        this.code = code;
        this.node = node;
    }

    public Status.Code code() {
        return code;
    }

    /** The node the failure belongs to (its address as targeted, or the hostname Talos reported). */
    public String node() {
        return node;
    }
}
