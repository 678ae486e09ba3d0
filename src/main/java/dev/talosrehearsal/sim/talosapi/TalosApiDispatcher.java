package dev.talosrehearsal.sim.talosapi;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import dev.talos.api.common.Metadata;
import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.ApplyConfigurationResponse;
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
 * apid's behaviour in front of the simulated nodes: role checks, then either the endpoint answers
 * for itself (no {@code nodes} metadata; an error fails the call) or it proxies to every node named in
 * {@code nodes} and returns one message per node, a failing node's message carrying
 * {@code metadata.error} while the call itself succeeds.
 */
public final class TalosApiDispatcher {
    /** Methods that change a node: apid allows them to os:admin (and os:operator for Reboot) only. */
    private static final Set<String> ADMIN_ONLY = Set.of("ApplyConfiguration");
    private static final Set<String> OPERATOR_OR_ADMIN = Set.of("Reboot");

    private final Map<String, ApiNode> byAddress = new ConcurrentHashMap<>();

    /** Makes a node reachable by its addresses and hostname. */
    public void register(ApiNode node) {
        byAddress.put(node.hostname(), node);
        node.addresses().forEach(a -> byAddress.put(a, node));
    }

    /** The outcome of one call: a reply message, or a status for the whole call; and how long to delay it. */
    public record Outcome(Message reply, Code code, String message, Duration delay) {
        static Outcome reply(Message reply, Duration delay) {
            return new Outcome(reply, Code.OK, null, delay);
        }

        static Outcome error(Code code, String message, Duration delay) {
            return new Outcome(null, code, message, delay);
        }
    }

    /**
     * @param endpoint the node whose API was called
     * @param targets  the {@code nodes} metadata values, in order (empty: the endpoint answers for itself)
     * @param role     the Organization of the client certificate ({@code os:admin}, ...), or null
     */
    public Outcome dispatch(ApiNode endpoint, String method, Message request, List<String> targets, String role) {
        if (!endpoint.reachable()) {
            return Outcome.error(Code.UNAVAILABLE, "connection refused: " + endpoint.hostname() + " is down", Duration.ZERO);
        }
        if (role == null || role.isEmpty() || !role.startsWith("os:")) {
            return Outcome.error(Code.PERMISSION_DENIED, "client certificate carries no Talos role", Duration.ZERO);
        }
        if (ADMIN_ONLY.contains(method) && !role.equals("os:admin")
                || OPERATOR_OR_ADMIN.contains(method) && !(role.equals("os:admin") || role.equals("os:operator"))) {
            return Outcome.error(Code.PERMISSION_DENIED, "not authorized", Duration.ZERO);
        }
        if (targets.isEmpty()) {
            Duration delay = endpoint.injectedLatency(method);
            try {
                return Outcome.reply(response(method, List.of(call(endpoint, method, request))), delay);
            } catch (ApiError e) {
                return Outcome.error(e.code(), e.getMessage(), delay);
            }
        }
        if (!endpoint.controlPlane()) {
            return Outcome.error(Code.PERMISSION_DENIED, "proxying is only possible through control plane nodes", Duration.ZERO);
        }
        List<Message> messages = new ArrayList<>();
        Duration delay = Duration.ZERO;
        for (String target : targets) {
            ApiNode node = byAddress.get(target);
            if (node == null) {
                messages.add(failed(method, target, Code.UNAVAILABLE, "connection error: no route to " + target));
                continue;
            }
            Duration latency = node.injectedLatency(method);
            delay = latency.compareTo(delay) > 0 ? latency : delay;
            if (!node.reachable()) {
                messages.add(failed(method, node.hostname(), Code.UNAVAILABLE, "connection refused: " + node.hostname() + " is down"));
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
            case "EtcdMemberList" -> node.etcdMembers().toBuilder().setMetadata(ok).build();
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
