package dev.talosrehearsal.talos;

import io.grpc.Status;

/**
 * A Talos API call that failed, as a whole or on one node: the gRPC status code, the node (or
 * endpoint) that failed, and Talos's message. Never carries request contents (configs hold secrets).
 */
public class TalosApiException extends RuntimeException {
    private final Status.Code code;
    private final String node;
    private final String description;

    public TalosApiException(Status.Code code, String node, String message) {
        super(node + ": " + code + ": " + message, null, false, false);
        this.code = code;
        this.node = node;
        this.description = message;
    }

    /** Talos's message alone, without the node and code. */
    public String description() {
        return description;
    }

    public Status.Code code() {
        return code;
    }

    /** The node the failure belongs to (its address as targeted, or the hostname Talos reported). */
    public String node() {
        return node;
    }
}
