package dev.talosrehearsal.sim.talosapi;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Keeps every value of the {@code nodes} metadata key: talosctl sends one value per target node, and
 * the WireMock gRPC extension copies only the last value of a key into the request it matches.
 */
final class NodesMetadataInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> NODES = Metadata.Key.of("nodes", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> JOINED = Metadata.Key.of(GrpcHeaders.NODES, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        headers.removeAll(JOINED);
        Iterable<String> nodes = headers.getAll(NODES);
        if (nodes != null) {
            headers.put(JOINED, String.join(",", nodes));
        }
        return next.startCall(call, headers);
    }
}
