package dev.talosrehearsal.sim.talosapi;

import io.grpc.Status;

/** A gRPC status a simulated node answers with (Talos's code and message). */
public final class ApiError extends Exception {
    private final Status.Code code;

    public ApiError(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
