package dev.talosrehearsal.sim.talosapi;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Keeps every value of the {@code node} and {@code nodes} metadata keys: the WireMock gRPC extension copies only
 * the last value of a key into the request it matches, and apid needs them all ({@code nodes}: one value per
 * target node; {@code node}: more than one value is an error).
 */
final class NodesMetadataInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> NODES = Metadata.Key.of("nodes", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> JOINED = Metadata.Key.of(GrpcHeaders.NODES, Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> NODE = Metadata.Key.of("node", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> NODE_JOINED = Metadata.Key.of(GrpcHeaders.NODE, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        join(headers, NODES, JOINED);
        join(headers, NODE, NODE_JOINED);
        return next.startCall(call, headers);
    }

    /** Replaces any client-sent {@code joined} header by all values of {@code key}, joined by commas. */
    private static void join(Metadata headers, Metadata.Key<String> key, Metadata.Key<String> joined) {
        headers.removeAll(joined);
        Iterable<String> values = headers.getAll(key);
        if (values != null) {
            headers.put(joined, String.join(",", values));
        }
    }
}
