package dev.talosrehearsal.sim.talosapi;

import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.EtcdMembers;
import dev.talos.api.machine.EtcdStatus;
import dev.talos.api.machine.ServiceList;
import dev.talos.api.machine.Version;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one simulated node answers on the Talos API, in Talos's own messages (metadata is added by
 * the dispatcher). Implemented over the node model; the dispatcher handles targeting, roles and faults.
 */
public interface ApiNode {
    String hostname();

    /** The addresses the {@code nodes} metadata may name this node by (its talosconfig address, its IPs). */
    java.util.List<String> addresses();

    /** Only control planes proxy calls to other nodes (apid on workers refuses). */
    boolean controlPlane();

    /** False while the node is down (rebooting, or never coming back): it answers nothing. */
    boolean reachable();

    /**
     * Runs {@code listener} (quickly: it may hold the node's lock) whenever {@link #reachable()} changes; returns what
     * unsubscribes it.
     */
    default Runnable onReachabilityChange(Runnable listener) {
        return () -> { };
    }

    /**
     * Runs {@code listener} (quickly, as above) whenever what {@link #resources} answers may have changed: any change of
     * this node's model or of another node of its cluster (Members lists them all); returns what unsubscribes it.
     */
    default Runnable onChange(Runnable listener) {
        return () -> { };
    }

    ApplyConfiguration apply(ApplyConfigurationRequest request) throws ApiError;

    Version version() throws ApiError;

    ServiceList services() throws ApiError;

    /** {@code EtcdMemberList}; {@code queryLocal} answers from the local member without quorum. */
    EtcdMembers etcdMembers(boolean queryLocal) throws ApiError;

    EtcdStatus etcdStatus() throws ApiError;

    void reboot() throws ApiError;

    /** {@code Read}: the file at {@code path} as machined streams it (common.Data chunks without metadata). */
    default List<Message> read(String path) throws ApiError {
        throw new ApiError(io.grpc.Status.Code.UNIMPLEMENTED, "Read is not simulated for " + hostname());
    }

    /**
     * The resource API's answer ({@code List}: one ListResponse per resource; {@code Get}: one GetResponse;
     * {@code Watch}: none, once the request passed the access checks — {@link ResourceWatchSession} sends the events)
     * for a client with {@code role}; see {@link ResourceApi}.
     */
    default List<Message> resources(String method, Message request, String role) throws ApiError {
        throw new ApiError(io.grpc.Status.Code.UNIMPLEMENTED, "the resource API is not simulated for " + hostname());
    }

    /** An injected gRPC error for this method, consumed when returned (faults with a count). */
    default Optional<ApiError> injectedError(String method) {
        return Optional.empty();
    }

    /** Injected latency for this method. */
    default Duration injectedLatency(String method) {
        return Duration.ZERO;
    }
}
