package dev.talosrehearsal.sim.talosapi;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import dev.talos.api.common.Data;
import dev.talos.api.common.Metadata;
import dev.talos.api.machine.ReadRequest;
import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.ApplyConfigurationResponse;
import dev.talos.api.machine.EtcdMemberListRequest;
import dev.talos.api.machine.EtcdMembers;
import dev.talos.api.machine.EtcdMemberListResponse;
import dev.talos.api.machine.EtcdStatus;
import dev.talos.api.machine.EtcdStatusResponse;
import dev.talos.api.machine.Reboot;
import dev.talos.api.machine.RebootResponse;
import dev.talos.api.machine.ServiceList;
import dev.talos.api.machine.ServiceListResponse;
import dev.talos.api.machine.Version;
import dev.talos.api.machine.VersionResponse;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * apid's behaviour in front of the simulated nodes, after Talos's director
 * (internal/app/apid/pkg/director/director.go) and grpc-proxy's handler (siderolabs/grpc-proxy
 * proxy/handler.go, handler_one2one.go): role checks, then
 * <ul>
 *   <li>no {@code node}/{@code nodes} metadata: the endpoint answers for itself;</li>
 *   <li>{@code node} (one value; more is INVALID_ARGUMENT "node metadata must be single-valued"): proxied
 *       one-to-one, so the target's answer — or its error — is the call's;</li>
 *   <li>{@code nodes} (deprecated): proxied to every named node, one message per node, a failing node's
 *       message carrying {@code metadata.error} while the call itself succeeds.</li>
 * </ul>
 * Only control planes forward: apid on a worker has no client certificate for other nodes
 * (internal/app/apid/service.go: no remote backend factory), so it answers "no request forwarding" unless the
 * one target is itself.
 */
public final class TalosApiDispatcher {
    /** Methods that change a node: apid allows them to os:admin (and os:operator for Reboot) only. */
    /** Read too (machined.go's rules: role.Admin); a reader or operator gets PERMISSION_DENIED, which talosctl's boot ID check tolerates. */
    private static final Set<String> ADMIN_ONLY = Set.of("ApplyConfiguration", "Read");
    private static final Set<String> OPERATOR_OR_ADMIN = Set.of("Reboot");
    /** The machine API's one streaming method simulated: a node's file, in chunks. */
    static final String READ = "Read";

    private final Map<String, ApiNode> byAddress = new ConcurrentHashMap<>();

    /** Makes a node reachable by its addresses and hostname. */
    public void register(ApiNode node) {
        byAddress.put(node.hostname(), node);
        node.addresses().forEach(a -> byAddress.put(a, node));
    }

    /**
     * The outcome of one call: its reply messages (one for a unary call, any number for a server-streaming one), or a
     * status for the whole call; and how long to delay it.
     */
    public record Outcome(List<Message> replies, Code code, String message, Duration delay) {
        static Outcome reply(Message reply, Duration delay) {
            return new Outcome(List.of(reply), Code.OK, null, delay);
        }

        static Outcome stream(List<Message> replies, Duration delay) {
            return new Outcome(List.copyOf(replies), Code.OK, null, delay);
        }

        static Outcome error(Code code, String message, Duration delay) {
            return new Outcome(null, code, message, delay);
        }

        public boolean failed() {
            return replies == null;
        }

        /** The one reply of a unary call; null when the call failed. */
        public Message reply() {
            return replies == null || replies.isEmpty() ? null : replies.get(0);
        }
    }

    /** The targeting metadata of one call: every value of {@code node} and of {@code nodes}, in order. */
    public record Targets(List<String> node, List<String> nodes) {
        public static final Targets NONE = new Targets(List.of(), List.of());
    }

    /**
     * @param endpoint the node whose API was called
     * @param role     the Organization of the client certificate ({@code os:admin}, ...), or null
     */
    public Outcome dispatch(ApiNode endpoint, String method, Message request, Targets targets, String role) {
        if (!endpoint.reachable()) {
            // a call that raced the endpoint's own reboot; new connections are refused by its listener
            return Outcome.error(Code.UNAVAILABLE, dialError(endpoint.hostname(), "connection refused"), Duration.ZERO);
        }
        if (role == null || role.isEmpty() || !role.startsWith("os:")) {
            return Outcome.error(Code.PERMISSION_DENIED, "client certificate carries no Talos role", Duration.ZERO);
        }
        if (ADMIN_ONLY.contains(method) && !role.equals("os:admin")
                || OPERATOR_OR_ADMIN.contains(method) && !(role.equals("os:admin") || role.equals("os:operator"))) {
            return Outcome.error(Code.PERMISSION_DENIED, "not authorized", Duration.ZERO);
        }
        if (targets.node().size() > 1) {
            return Outcome.error(Code.INVALID_ARGUMENT, "node metadata must be single-valued", Duration.ZERO);
        }
        if (!targets.nodes().isEmpty() && ResourceApi.handles(method)) {
            // director.go allows the one-to-many fan-out for the machine API and a few others, never for COSI's State
            return Outcome.error(Code.INVALID_ARGUMENT, "one-2-many proxying is not supported for method /"
                    + ResourceApi.SERVICE + "/" + method, Duration.ZERO);
        }
        if (!targets.nodes().isEmpty()) {
            return fanOut(endpoint, method, request, targets.nodes());
        }
        if (!targets.node().isEmpty()) {
            return oneToOne(endpoint, method, request, targets.node().get(0), role);
        }
        return answer(endpoint, method, request, role);
    }

    /**
     * The node that answers a call {@link #dispatch} accepted with these targets: the endpoint itself, or the one node
     * {@code node} names (a long-lived call such as a resource watch follows that node's model afterwards).
     */
    ApiNode answering(ApiNode endpoint, Targets targets) {
        if (targets.node().isEmpty()) {
            return endpoint;
        }
        ApiNode node = byAddress.get(targets.node().get(0));
        if (node == null) {
            throw new IllegalStateException("no node " + targets.node().get(0) + " (dispatch refuses such a call)");
        }
        return node;
    }

    private Outcome answer(ApiNode node, String method, Message request, String role) {
        Duration delay = node.injectedLatency(method);
        if (ResourceApi.handles(method)) {
            try {
                Optional<ApiError> injected = node.injectedError(method);
                if (injected.isPresent()) {
                    throw injected.get();
                }
                return Outcome.stream(node.resources(method, request, role), delay);
            } catch (ApiError e) {
                return Outcome.error(e.code(), e.getMessage(), delay);
            }
        }
        if (READ.equals(method)) {
            try {
                Optional<ApiError> injected = node.injectedError(method);
                if (injected.isPresent()) {
                    throw injected.get();
                }
                return Outcome.stream(node.read(((ReadRequest) request).getPath()), delay);
            } catch (ApiError e) {
                return Outcome.error(e.code(), e.getMessage(), delay);
            }
        }
        try {
            return Outcome.reply(response(method, List.of(call(node, method, request))), delay);
        } catch (ApiError e) {
            return Outcome.error(e.code(), e.getMessage(), delay);
        }
    }

    /** {@code node}: the target's own answer, or its error as the call's (grpc-proxy handler_one2one.go). */
    private Outcome oneToOne(ApiNode endpoint, String method, Message request, String target, String role) {
        ApiNode node = byAddress.get(target);
        if (!endpoint.controlPlane()) {
            // a worker's apid has no remote backends: only a target that is the worker itself is answered (director.go)
            return node == endpoint ? answer(endpoint, method, request, role)
                    : Outcome.error(Code.PERMISSION_DENIED, "no request forwarding", Duration.ZERO);
        }
        if (node == null) {
            // apid dials any address it is given (apid_factory.go); nothing answers there
            return Outcome.error(Code.UNAVAILABLE, dialError(target, "no route to host"), Duration.ZERO);
        }
        if (!node.reachable()) {
            return Outcome.error(Code.UNAVAILABLE, dialError(target, "connection refused"), node.injectedLatency(method));
        }
        Outcome answered = answer(node, method, request, role);
        // one-to-one proxying passes the node's reply through: no metadata is added (only one-to-many adds it);
        // the resource API's messages carry none to begin with
        return answered.failed() || ResourceApi.handles(method) || READ.equals(method) ? answered
                : Outcome.reply(withoutMetadata(method, answered.reply()), answered.delay());
    }

    /** {@code nodes}: every target's message, failures in their slots (grpc-proxy handler_one2many.go). */
    private Outcome fanOut(ApiNode endpoint, String method, Message request, List<String> targets) {
        if (!endpoint.controlPlane()) {
            return Outcome.error(Code.PERMISSION_DENIED, "no request forwarding", Duration.ZERO);
        }
        if (READ.equals(method)) {
            return readFanOut(method, request, targets);
        }
        List<Message> messages = new ArrayList<>();
        Duration delay = Duration.ZERO;
        for (String target : targets) {
            ApiNode node = byAddress.get(target);
            if (node == null) {
                messages.add(failed(method, target, Code.UNAVAILABLE, dialError(target, "no route to host")));
                continue;
            }
            Duration latency = node.injectedLatency(method);
            delay = latency.compareTo(delay) > 0 ? latency : delay;
            if (!node.reachable()) {
                messages.add(failed(method, node.hostname(), Code.UNAVAILABLE, dialError(target, "connection refused")));
                continue;
            }
            try {
                messages.add(call(node, method, request));
            } catch (ApiError e) {
                messages.add(failed(method, node.hostname(), e.code(), e.getMessage()));
            }
        }
        return Outcome.reply(response(method, messages), delay);
    }

    /**
     * {@code nodes} on a streaming method: every node's chunks, each carrying its hostname (apid's backend adds the
     * metadata to every streamed message), a failing node as one message with its error.
     */
    private Outcome readFanOut(String method, Message request, List<String> targets) {
        List<Message> messages = new ArrayList<>();
        Duration delay = Duration.ZERO;
        for (String target : targets) {
            ApiNode node = byAddress.get(target);
            if (node == null || !node.reachable()) {
                messages.add(failed(method, node == null ? target : node.hostname(), Code.UNAVAILABLE,
                        dialError(target, node == null ? "no route to host" : "connection refused")));
                continue;
            }
            Duration latency = node.injectedLatency(method);
            delay = latency.compareTo(delay) > 0 ? latency : delay;
            Outcome answered = answer(node, method, request, null);
            if (answered.failed()) {
                messages.add(failed(method, node.hostname(), answered.code(), answered.message()));
                continue;
            }
            Metadata ok = Metadata.newBuilder().setHostname(node.hostname()).build();
            answered.replies().forEach(m -> messages.add(((Data) m).toBuilder().setMetadata(ok).build()));
        }
        return Outcome.stream(messages, delay);
    }

    /** What grpc-go reports when apid cannot reach a node's apid on port 50000. */
    static String dialError(String target, String why) {
        return "connection error: desc = \"transport: Error while dialing: dial tcp " + target + ":50000: connect: " + why + "\"";
    }

    private static Message withoutMetadata(String method, Message response) {
        Message.Builder builder = response.toBuilder();
        com.google.protobuf.Descriptors.FieldDescriptor messages = builder.getDescriptorForType().findFieldByName("messages");
        List<Message> stripped = new ArrayList<>();
        for (Object m : (List<?>) response.getField(messages)) {
            Message.Builder one = ((Message) m).toBuilder();
            one.clearField(one.getDescriptorForType().findFieldByName("metadata"));
            stripped.add(one.build());
        }
        builder.clearField(messages);
        stripped.forEach(m -> builder.addRepeatedField(messages, m));
        return builder.build();
    }

    private static Message call(ApiNode node, String method, Message request) throws ApiError {
        Optional<ApiError> injected = node.injectedError(method);
        if (injected.isPresent()) {
            throw injected.get();
        }
        Metadata ok = Metadata.newBuilder().setHostname(node.hostname()).build();
        return switch (method) {
            case "ApplyConfiguration" -> node.apply((ApplyConfigurationRequest) request).toBuilder().setMetadata(ok).build();
            case "Version" -> node.version().toBuilder().setMetadata(ok).build();
            case "ServiceList" -> node.services().toBuilder().setMetadata(ok).build();
            case "EtcdMemberList" -> node.etcdMembers(((EtcdMemberListRequest) request).getQueryLocal()).toBuilder().setMetadata(ok).build();
            case "EtcdStatus" -> node.etcdStatus().toBuilder().setMetadata(ok).build();
            case "Reboot" -> {
                node.reboot();
                yield Reboot.newBuilder().setMetadata(ok).build();
            }
            default -> throw new ApiError(Code.UNIMPLEMENTED, "method " + method + " is not simulated");
        };
    }

    /** One node's slot in a proxied reply, carrying its error. */
    private static Message failed(String method, String node, Code code, String message) {
        Metadata metadata = Metadata.newBuilder().setHostname(node).setError(message)
                .setStatus(Status.newBuilder().setCode(code.value()).setMessage(message)).build();
        return switch (method) {
            case "ApplyConfiguration" -> ApplyConfiguration.newBuilder().setMetadata(metadata).build();
            case "Version" -> Version.newBuilder().setMetadata(metadata).build();
            case "ServiceList" -> ServiceList.newBuilder().setMetadata(metadata).build();
            case "EtcdMemberList" -> EtcdMembers.newBuilder().setMetadata(metadata).build();
            case "EtcdStatus" -> EtcdStatus.newBuilder().setMetadata(metadata).build();
            case READ -> Data.newBuilder().setMetadata(metadata).build();
            default -> Reboot.newBuilder().setMetadata(metadata).build();
        };
    }

    private static Message response(String method, List<Message> messages) {
        return switch (method) {
            case "ApplyConfiguration" -> ApplyConfigurationResponse.newBuilder().addAllMessages(cast(messages)).build();
            case "Version" -> VersionResponse.newBuilder().addAllMessages(cast(messages)).build();
            case "ServiceList" -> ServiceListResponse.newBuilder().addAllMessages(cast(messages)).build();
            case "EtcdMemberList" -> EtcdMemberListResponse.newBuilder().addAllMessages(cast(messages)).build();
            case "EtcdStatus" -> EtcdStatusResponse.newBuilder().addAllMessages(cast(messages)).build();
            default -> RebootResponse.newBuilder().addAllMessages(cast(messages)).build();
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Message> messages) {
        return (List<T>) (List<?>) messages;
    }
}
