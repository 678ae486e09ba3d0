package dev.talosrehearsal.sim.talosapi;

import com.google.protobuf.Message;
import dev.cosi.api.resource.GetRequest;
import dev.cosi.api.resource.GetResponse;
import dev.cosi.api.resource.ListRequest;
import dev.cosi.api.resource.ListResponse;
import dev.cosi.api.resource.StateGrpc;
import dev.cosi.api.resource.WatchRequest;
import dev.cosi.api.resource.WatchResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource API ({@code cosi.resource.State}) of one simulated endpoint as a real gRPC service, so that
 * {@code List} streams one message per resource as machined's does, and {@code Watch} streams changes
 * ({@link ResourceWatchSession}). (The WireMock gRPC extension 0.11.0 answers
 * every method that is not client-streaming with its unary handler — GrpcFilter.buildHandler,
 * UnaryServerCallHandler: one {@code onNext}, then {@code onCompleted} — so a List through it could return one
 * resource at most.) Calls go through the same dispatcher as the machine API: roles, {@code node} targeting,
 * reachability and injected faults are apid's rules in one place.
 */
final class CosiStateService extends StateGrpc.StateImplBase {
    private static final Context.Key<TalosApiDispatcher.Targets> TARGETS = Context.key("talos-targets");
    private static final Context.Key<String> ROLE = Context.key("talos-role");
    private static final Metadata.Key<String> NODE = Metadata.Key.of("node", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> NODES = Metadata.Key.of("nodes", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ROLE_HEADER = Metadata.Key.of(GrpcHeaders.ROLE, Metadata.ASCII_STRING_MARSHALLER);

    private final ApiNode endpoint;
    private final TalosApiDispatcher dispatcher;

    CosiStateService(ApiNode endpoint, TalosApiDispatcher dispatcher) {
        this.endpoint = endpoint;
        this.dispatcher = dispatcher;
    }

    /**
     * Hands each call's targeting metadata and the client certificate's role (the header {@link ClientRoleFilter}
     * sets, never a client's copy) to the service.
     */
    static ServerInterceptor metadataReader() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                TalosApiDispatcher.Targets targets = new TalosApiDispatcher.Targets(all(headers, NODE), all(headers, NODES));
                Context context = Context.current().withValue(TARGETS, targets).withValue(ROLE, headers.get(ROLE_HEADER));
                return Contexts.interceptCall(context, call, headers, next);
            }
        };
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> responses) {
        respond("Get", request, responses);
    }

    @Override
    public void list(ListRequest request, StreamObserver<ListResponse> responses) {
        respond("List", request, responses);
    }

    /**
     * Watch: the same checks as every call (roles, targeting, a node that is down, faults with method {@code Watch}, and
     * the resource API's access policy), then a session that follows the answering node's model until the client
     * cancels or the node goes down.
     */
    @Override
    public void watch(WatchRequest request, StreamObserver<WatchResponse> responses) {
        TalosApiDispatcher.Targets targets = TARGETS.get();
        String role = ROLE.get();
        TalosApiDispatcher.Outcome outcome = dispatcher.dispatch(endpoint, ResourceApi.WATCH, request, targets, role);
        pause(outcome.delay());
        if (outcome.failed()) {
            responses.onError(Status.fromCode(outcome.code()).withDescription(outcome.message()).asRuntimeException());
            return;
        }
        ResourceWatchSession.start(endpoint, dispatcher.answering(endpoint, targets), request, role,
                (ServerCallStreamObserver<WatchResponse>) responses);
    }

    private <T> void respond(String method, Message request, StreamObserver<T> responses) {
        respond(dispatcher, endpoint, method, request, responses);
    }

    /**
     * Answers one streaming call through the dispatcher, with the targeting and role {@link #metadataReader()} put in
     * the call's context: every reply message, then the end of the stream; or the call's error.
     */
    @SuppressWarnings("unchecked")
    static <T> void respond(TalosApiDispatcher dispatcher, ApiNode endpoint, String method, Message request, StreamObserver<T> responses) {
        TalosApiDispatcher.Outcome outcome = dispatcher.dispatch(endpoint, method, request, TARGETS.get(), ROLE.get());
        pause(outcome.delay());
        if (outcome.failed()) {
            responses.onError(Status.fromCode(outcome.code()).withDescription(outcome.message()).asRuntimeException());
            return;
        }
        for (Message reply : outcome.replies()) {
            responses.onNext((T) reply);
        }
        responses.onCompleted();
    }

    private static List<String> all(Metadata headers, Metadata.Key<String> key) {
        List<String> values = new ArrayList<>();
        Iterable<String> found = headers.getAll(key);
        if (found != null) {
            // grpc-go joins repeated values into one header with commas; grpc-java keeps them apart: accept both
            found.forEach(v -> List.of(v.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add));
        }
        return values;
    }

    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
