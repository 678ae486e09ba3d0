package dev.talosrehearsal.capture;

/**
 * A node (or the endpoint) did not answer what the capture needs: the command names it and what failed, exits 1 and
 * writes nothing. The message never holds a secret: it is built from gRPC status descriptions and resource names.
 */
public final class CaptureFailure extends RuntimeException {
    public CaptureFailure(String node, String what) {
        super(node + ": " + what, null, false, false);
    }
}
