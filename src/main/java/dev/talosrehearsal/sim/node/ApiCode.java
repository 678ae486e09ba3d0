package dev.talosrehearsal.sim.node;

/**
 * The gRPC status codes the node model answers with; {@link #number()} is the gRPC wire value, so
 * the gRPC layer maps them one to one ({@code io.grpc.Status.fromCodeValue(code.number())}).
 */
public enum ApiCode {
    OK(0), CANCELLED(1), UNKNOWN(2), INVALID_ARGUMENT(3), DEADLINE_EXCEEDED(4), NOT_FOUND(5), ALREADY_EXISTS(6),
    PERMISSION_DENIED(7), RESOURCE_EXHAUSTED(8), FAILED_PRECONDITION(9), ABORTED(10), OUT_OF_RANGE(11),
    UNIMPLEMENTED(12), INTERNAL(13), UNAVAILABLE(14), DATA_LOSS(15), UNAUTHENTICATED(16);

    private final int number;

    ApiCode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
