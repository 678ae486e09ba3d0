package dev.talosrehearsal.talos;

import dev.cosi.api.resource.StateGrpc;
import dev.cosi.api.resource.WatchRequest;
import dev.cosi.api.resource.WatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One watch of Talos's resource API on one node ({@code cosi.resource.State/Watch}, server streaming), as COSI's own
 * client runs it (cosi-project/runtime v1.14.1 pkg/state/protobuf/client/client.go, {@code Watch} and
 * {@code WatchKind}): the call is set up once the server's first message, which carries no event, has arrived — an
 * error before it (an unknown type, a role that may not read the type, a node that is down) is the setup's error;
 * every later message's events go to the listener in order; an ERRORED event or an error of the stream ends the
 * watch with that error. Nothing is retried: COSI's client retries only from a bookmark, which this client never asks
 * for, and a node that went down (its stream ended UNAVAILABLE) is for the caller to watch again.
 *
 * <p>The call has no deadline: it lasts until {@link #close()} or the server ends it. Listener calls come from gRPC's
 * threads, one at a time per watch.
 */
public final class ResourceWatch implements AutoCloseable {
    /** What happened to a resource; BOOTSTRAPPED says that every resource there was when the watch began has been sent. */
    public enum EventType { CREATED, UPDATED, DESTROYED, BOOTSTRAPPED }

    /**
     * @param node     the node as targeted, or the endpoint when none was named
     * @param resource the resource as it is now (for DESTROYED: as it was last); null for BOOTSTRAPPED
     * @param old      the resource before an UPDATED; null otherwise
     */
    public record Event(String node, EventType type, TalosResource resource, TalosResource old) {}

    /** Receives a watch's events. It runs on a gRPC thread: slow work here holds the watch's next events back. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(Event event);
    }

    private final String node;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<WatchRequest> call;
    private volatile boolean closing;

    private ResourceWatch(String node) {
        this.node = node;
    }

    /**
     * Starts the watch and returns once the server has set it up.
     *
     * @param node  null: the endpoint itself
     * @param setup how long the server may take to set the watch up
     * @throws TalosApiException when it could not be set up: the node's or the endpoint's error, or DEADLINE_EXCEEDED
     */
    static ResourceWatch start(TalosClient client, String node, WatchRequest request, Listener listener, Duration setup) {
        ResourceWatch watch = new ResourceWatch(node != null ? node : client.endpoint());
        client.stub(node, StateGrpc::newStub).watch(request, watch.observer(client, node, listener));
        try {
            watch.ready.get(setup.toMillis(), TimeUnit.MILLISECONDS);
            return watch;
        } catch (TimeoutException e) {
            watch.close();
            throw new TalosApiException(Status.Code.DEADLINE_EXCEEDED, watch.node,
                    "the watch was not set up within " + setup.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TalosApiException t ? t : new TalosApiException(Status.Code.UNKNOWN, watch.node, e.getCause().toString());
        } catch (InterruptedException e) {
            watch.close();
            Thread.currentThread().interrupt();
            throw new TalosApiException(Status.Code.CANCELLED, watch.node, "interrupted while the watch was set up");
        }
    }

    /** The node as targeted, or the endpoint. */
    public String node() {
        return node;
    }

    /**
     * Completes when the watch ends: normally when it was closed or the server ended the stream without an error;
     * exceptionally, with a {@link TalosApiException} naming the node, when the stream failed (a node going down ends it
     * UNAVAILABLE, as apid's proxy does) or the server sent an ERRORED event.
     */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** Cancels the call; the watch ends normally. */
    @Override
    public void close() {
        closing = true;
        ClientCallStreamObserver<WatchRequest> c = call;
        if (c != null && !ended.isDone()) {
            c.cancel("watch closed by the client", null);
        }
        ended.complete(null);
    }

    private ClientResponseObserver<WatchRequest, WatchResponse> observer(TalosClient client, String target, Listener listener) {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
                call = requestStream;
            }

            @Override
            public void onNext(WatchResponse response) {
                if (ended.isDone()) {
                    return;
                }
                ready.complete(null);
                try {
                    for (dev.cosi.api.resource.Event e : response.getEventList()) {
                        deliver(e, listener);
                    }
                } catch (TalosApiException e) {
                    fail(e);
                }
            }

            @Override
            public void onError(Throwable t) {
                if (closing) {
                    ended.complete(null);
                    return;
                }
                fail(t instanceof StatusRuntimeException s ? client.failure(s, target)
                        : new TalosApiException(Status.Code.UNKNOWN, node, t.toString()));
            }

            @Override
            public void onCompleted() {
                ready.complete(null);
                ended.complete(null);
            }
        };
    }

    private void deliver(dev.cosi.api.resource.Event e, Listener listener) {
        switch (e.getEventType()) {
            case CREATED -> listener.onEvent(new Event(node, EventType.CREATED, TalosResources.decode(node, e.getResource()), null));
            case UPDATED -> listener.onEvent(new Event(node, EventType.UPDATED, TalosResources.decode(node, e.getResource()),
                    e.hasOld() ? TalosResources.decode(node, e.getOld()) : null));
            case DESTROYED -> listener.onEvent(new Event(node, EventType.DESTROYED, TalosResources.decode(node, e.getResource()), null));
            case BOOTSTRAPPED -> listener.onEvent(new Event(node, EventType.BOOTSTRAPPED, null, null));
            // talosctl's get -w ends on it: "error watching resource: …" (cmd/talosctl/cmd/talos/get.go)
            case ERRORED -> throw new TalosApiException(Status.Code.UNKNOWN, node, "error watching resource: " + e.getError());
            default -> {
                // NOOP carries a bookmark only, and this client asks for none; a newer server's new types: skipped, as talosctl does
            }
        }
    }

    private void fail(TalosApiException e) {
        ready.completeExceptionally(e);
        if (ended.completeExceptionally(e)) {
            ClientCallStreamObserver<WatchRequest> c = call;
            if (c != null) {
                closing = true;
                c.cancel("watch ended: " + e.getMessage(), null);
            }
        }
    }
}
