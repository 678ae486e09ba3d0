package dev.talosrehearsal.sim.node;

import java.util.Objects;

/** What a Talos API call on the node fails with: a gRPC-like code and the message machined would send. */
public class NodeApiException extends RuntimeException {
    private final ApiCode code;

    public NodeApiException(ApiCode code, String message) {
        super(Objects.requireNonNull(message), null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public ApiCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
