package dev.talosrehearsal.sim.talosapi;

import com.google.protobuf.Message;
import dev.cosi.api.resource.Event;
import dev.cosi.api.resource.EventType;
import dev.cosi.api.resource.ListRequest;
import dev.cosi.api.resource.ListResponse;
import dev.cosi.api.resource.Metadata;
import dev.cosi.api.resource.Resource;
import dev.cosi.api.resource.WatchRequest;
import dev.cosi.api.resource.WatchResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One {@code cosi.resource.State/Watch} call on a simulated node, after COSI's in-memory state and gRPC server
 * (cosi-project/runtime v1.14.1 pkg/state/impl/inmem/collection.go, {@code Watch} and {@code WatchAll};
 * pkg/state/protobuf/server/server.go, {@code Watch} and {@code mapEvent}):
 * <ul>
 *   <li>first a message without events, once the watch is set up;</li>
 *   <li>a type watched with {@code bootstrap_contents}: CREATED for every resource there is, by ID, then BOOTSTRAPPED
 *       (a resource of the type with no ID) — dropped for {@code api_version} 0; without: nothing until a change;</li>
 *   <li>one resource watched ({@code id}): its state now, CREATED, or DESTROYED when there is none;</li>
 *   <li>then CREATED, UPDATED (with {@code old}) and DESTROYED (the resource as it was last) as the node's model
 *       changes; {@code aggregated} puts each batch in one message.</li>
 * </ul>
 * The model has no per-resource history, so changes are found by comparing what the node holds (its resources
 * derived anew, {@link NodeResources}) with what was sent last, whenever the node records an event
 * ({@link ApiNode#onChange}); a resource whose spec, labels and annotations did not change is not UPDATED, as COSI
 * publishes no event for a write that changes nothing. A node (or the endpoint proxying to it) going down ends the
 * stream UNAVAILABLE, as the connection to its apid breaks.
 *
 * <p>All sessions run on one thread: the node's listeners hold its lock and only hand the news over.
 */
final class ResourceWatchSession {
    /**
     * What a client's stream ends with when the node's apid goes away mid-stream: grpc-go's status for a connection that
     * closed under an open stream (google.golang.org/grpc internal/transport, http2_client.go; apid's proxy passes the
     * backend's status on). Not compared against a real node.
     */
    static final String GONE = "error reading from server: EOF";
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simulated-apid-watches");
        t.setDaemon(true);
        return t;
    });

    private final ApiNode endpoint;
    private final ApiNode node;
    private final WatchRequest request;
    private final String role;
    private final ServerCallStreamObserver<WatchResponse> out;
    /** ID → the resource as last sent (or, without bootstrap contents, as it was when the watch began). */
    private final Map<String, Resource> last = new TreeMap<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile boolean down;
    private boolean ended;

    private ResourceWatchSession(ApiNode endpoint, ApiNode node, WatchRequest request, String role,
            ServerCallStreamObserver<WatchResponse> out) {
        this.endpoint = endpoint;
        this.node = node;
        this.request = request;
        this.role = role;
        this.out = out;
    }

    /**
     * Starts the watch of {@code request} (already through the dispatcher's checks) on {@code node}, reached through
     * {@code endpoint}.
     */
    static void start(ApiNode endpoint, ApiNode node, WatchRequest request, String role, ServerCallStreamObserver<WatchResponse> out) {
        ResourceWatchSession session = new ResourceWatchSession(endpoint, node, request, role, out);
        out.setOnCancelHandler(() -> THREAD.execute(session::end));
        // subscribed before the first snapshot: a change in between is caught by the refresh it schedules, as states are compared
        synchronized (session.unsubscribe) {
            session.unsubscribe.add(node.onChange(() -> THREAD.execute(session::refresh)));
            session.unsubscribe.add(node.onReachabilityChange(() -> session.reachabilityChanged(node)));
            if (endpoint != node) {
                session.unsubscribe.add(endpoint.onReachabilityChange(() -> session.reachabilityChanged(endpoint)));
            }
        }
        THREAD.execute(session::begin);
    }

    /** Runs with {@code api}'s lock held: notes a node going down at once, since it may be back before the refresh runs. */
    private void reachabilityChanged(ApiNode api) {
        if (!api.reachable()) {
            down = true;
        }
        THREAD.execute(this::refresh);
    }

    private void begin() {
        if (ended) {
            return;
        }
        send(List.of()); // set up: COSI's server says so with an empty message, which its client waits for
        Map<String, Resource> now = current();
        if (now == null) {
            return;
        }
        List<Event> events = new ArrayList<>();
        if (request.hasId()) {
            Resource r = now.get(request.getId());
            events.add(r != null ? event(EventType.CREATED, r, null) : event(EventType.DESTROYED, tombstone(request.getId()), null));
        } else if (request.getOptions().getBootstrapContents()) {
            now.values().forEach(r -> events.add(event(EventType.CREATED, r, null)));
            if (request.getApiVersion() >= 1) {
                events.add(event(EventType.BOOTSTRAPPED, tombstone(""), null));
            }
        }
        last.putAll(now);
        send(events);
    }

    private void refresh() {
        if (ended) {
            return;
        }
        if (down) {
            fail(Status.UNAVAILABLE.withDescription(GONE));
            return;
        }
        Map<String, Resource> now = current();
        if (now == null) {
            return;
        }
        List<Event> events = new ArrayList<>();
        for (Map.Entry<String, Resource> e : now.entrySet()) {
            Resource before = last.get(e.getKey());
            if (before == null) {
                events.add(event(EventType.CREATED, e.getValue(), null));
            } else if (!sameContent(before, e.getValue())) {
                events.add(event(EventType.UPDATED, e.getValue(), before));
            }
        }
        for (Map.Entry<String, Resource> e : last.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                events.add(event(EventType.DESTROYED, e.getValue(), null));
            }
        }
        // what was sent is what the next refresh compares with; a resource that did not change keeps its earlier copy
        for (Event e : events) {
            if (e.getEventType() == EventType.DESTROYED) {
                last.remove(e.getResource().getMetadata().getId());
            } else {
                last.put(e.getResource().getMetadata().getId(), e.getResource());
            }
        }
        send(events);
    }

    /** What the node holds of the watched type (and ID) now, by ID; null when the watch ended because it cannot say. */
    private Map<String, Resource> current() {
        List<Message> listed;
        try {
            listed = node.resources("List", ListRequest.newBuilder().setNamespace(request.getNamespace()).setType(request.getType()).build(), role);
        } catch (ApiError e) {
            fail(Status.fromCode(e.code()).withDescription(e.getMessage()));
            return null;
        }
        Map<String, Resource> byId = new TreeMap<>(); // COSI sorts the bootstrap contents by ID
        for (Message m : listed) {
            Resource r = ((ListResponse) m).getResource();
            if (!request.hasId() || r.getMetadata().getId().equals(request.getId())) {
                byId.put(r.getMetadata().getId(), r);
            }
        }
        return byId;
    }

    /** Whether two states of a resource are the same write; version and timestamps follow the node's event count here. */
    private static boolean sameContent(Resource a, Resource b) {
        return a.getSpec().getYamlSpec().equals(b.getSpec().getYamlSpec())
                && a.getMetadata().getLabelsMap().equals(b.getMetadata().getLabelsMap())
                && a.getMetadata().getAnnotationsMap().equals(b.getMetadata().getAnnotationsMap());
    }

    /** COSI's tombstone: metadata only, version undefined (resource.NewTombstone). */
    private Resource tombstone(String id) {
        return Resource.newBuilder().setMetadata(Metadata.newBuilder().setNamespace(request.getNamespace())
                .setType(request.getType()).setId(id).setVersion("undefined")).build();
    }

    private static Event event(EventType type, Resource resource, Resource old) {
        Event.Builder e = Event.newBuilder().setEventType(type).setResource(resource);
        if (old != null) {
            e.setOld(old);
        }
        return e.build();
    }

    /** One message per event, or the batch in one when the watch is aggregated; an empty list sends the set-up message. */
    private void send(List<Event> events) {
        if (ended || out.isCancelled()) {
            end();
            return;
        }
        try {
            if (events.isEmpty()) {
                out.onNext(WatchResponse.getDefaultInstance());
            } else if (request.getOptions().getAggregated()) {
                out.onNext(WatchResponse.newBuilder().addAllEvent(events).build());
            } else {
                for (Event e : events) {
                    out.onNext(WatchResponse.newBuilder().addEvent(e).build());
                }
            }
        } catch (RuntimeException e) {
            end(); // the client went away (its connection closed with the endpoint's listener, or the cluster stopped)
        }
    }

    private void fail(Status status) {
        if (ended) {
            return;
        }
        end();
        try {
            out.onError(status.asRuntimeException());
        } catch (RuntimeException ignored) {
            // the client is gone already
        }
    }

    private void end() {
        ended = true;
        synchronized (unsubscribe) {
            unsubscribe.forEach(Runnable::run);
            unsubscribe.clear();
        }
    }
}
