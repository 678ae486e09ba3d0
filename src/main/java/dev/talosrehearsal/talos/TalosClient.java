package dev.talosrehearsal.talos;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.EtcdMemberListRequest;
import dev.talos.api.machine.EtcdMembers;
import dev.talos.api.machine.EtcdStatus;
import dev.talos.api.machine.MachineServiceGrpc;
import dev.talos.api.machine.Reboot;
import dev.talos.api.machine.RebootRequest;
import dev.talos.api.machine.ServiceList;
import dev.talos.api.machine.Version;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberStatus;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A client of the Talos machine API (apid): gRPC over mutual TLS, targeting nodes through an endpoint
 * with the {@code nodes} metadata key, as talosctl does.
 *
 * <ul>
 *   <li>TLS uses the JDK provider: Netty's BoringSSL never offers the ed25519 signature scheme that
 *       Talos's default certificates need.</li>
 *   <li>Every call has a deadline. Read calls are retried with backoff on UNAVAILABLE (gRPC's own retry
 *       policy); ApplyConfiguration and Reboot are never retried — re-sending an apply blindly could apply
 *       it twice or reboot a node twice.</li>
 *   <li>Every reply message is checked for {@code metadata.error}: a node that failed surfaces as an error
 *       naming it, never as success.</li>
 * </ul>
 */
public final class TalosClient implements AutoCloseable {
    public static final int DEFAULT_PORT = 50000;
    /** Talos's own limit for messages (a machine config, a support bundle). */
    public static final int MAX_INBOUND_BYTES = 32 * 1024 * 1024;
    static final Metadata.Key<String> NODES = Metadata.Key.of("nodes", Metadata.ASCII_STRING_MARSHALLER);

    /** Deadlines per kind of call. */
    public record Timeouts(Duration read, Duration apply) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(15), Duration.ofMinutes(2));
    }

    private final ManagedChannel channel;
    private final String endpoint;
    private final Timeouts timeouts;

    private TalosClient(ManagedChannel channel, String endpoint, Timeouts timeouts) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.timeouts = timeouts;
    }

    /** Connects to {@code endpoint} ({@code host}, {@code host:port} or {@code [v6]:port}; port 50000 by default). */
    public static TalosClient connect(TalosConfig.Context context, String endpoint, Timeouts timeouts) {
        HostPort target = HostPort.parse(endpoint, DEFAULT_PORT);
        ManagedChannel channel = NettyChannelBuilder.forAddress(target.host(), target.port())
                .sslContext(sslContext(context))
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .defaultServiceConfig(retryReadCalls())
                .enableRetry()
                .build();
        return new TalosClient(channel, endpoint, timeouts);
    }

    /** Connects to the context's first endpoint. */
    public static TalosClient connect(TalosConfig.Context context) {
        return connect(context, context.endpoints().get(0), Timeouts.DEFAULT);
    }

    public String endpoint() {
        return endpoint;
    }

    // --- calls ----------------------------------------------------------------------------------

    /** Applies a machine config to one node. Mode AUTO is sent explicitly (unset means REBOOT on the wire). */
    public ApplyResult apply(String node, byte[] config, ApplyMode mode, boolean dryRun, Duration tryTimeout) {
        ApplyConfigurationRequest.Builder request = ApplyConfigurationRequest.newBuilder()
                .setData(ByteString.copyFrom(config))
                .setMode(mode.wire())
                .setDryRun(dryRun);
        if (tryTimeout != null) {
            request.setTryModeTimeout(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(tryTimeout.getSeconds()).setNanos(tryTimeout.getNano()).build());
        }
        List<NodeReply<ApplyResult>> replies = call(List.of(node), timeouts.apply(),
                stub -> stub.applyConfiguration(request.build()).getMessagesList(),
                (ApplyConfiguration m) -> Replies.reply(m.getMetadata(), node, new ApplyResult(
                        name(m.getMetadata(), node), ApplyMode.fromWire(m.getMode()), m.getModeDetails(), m.getWarningsList())));
        return Replies.single(replies, node);
    }

    public List<NodeReply<VersionResult>> version(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.version(Empty.getDefaultInstance()).getMessagesList(),
                (Version m) -> Replies.reply(m.getMetadata(), first(nodes), new VersionResult(name(m.getMetadata(), first(nodes)),
                        m.getVersion().getTag(), m.getVersion().getSha(), m.getVersion().getOs(), m.getVersion().getArch(),
                        m.getPlatform().getName())));
    }

    public List<NodeReply<List<ServiceStatus>>> services(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.serviceList(Empty.getDefaultInstance()).getMessagesList(),
                (ServiceList m) -> Replies.reply(m.getMetadata(), first(nodes), m.getServicesList().stream()
                        .map(s -> new ServiceStatus(s.getId(), s.getState(), s.getHealth().getHealthy(),
                                s.getHealth().getUnknown(), s.getHealth().getLastMessage()))
                        .toList()));
    }

    /** etcd members as one control plane sees them; workers answer UNIMPLEMENTED. */
    public List<NodeReply<List<EtcdMemberInfo>>> etcdMembers(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.etcdMemberList(EtcdMemberListRequest.getDefaultInstance()).getMessagesList(),
                (EtcdMembers m) -> Replies.reply(m.getMetadata(), first(nodes), m.getMembersList().stream()
                        .map(e -> new EtcdMemberInfo(e.getId(), e.getHostname(), e.getPeerUrlsList(), e.getClientUrlsList(), e.getIsLearner()))
                        .toList()));
    }

    public List<NodeReply<EtcdMemberStatus>> etcdStatus(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.etcdStatus(Empty.getDefaultInstance()).getMessagesList(),
                (EtcdStatus m) -> Replies.reply(m.getMetadata(), first(nodes), new EtcdMemberStatus(
                        m.getMemberStatus().getMemberId(), m.getMemberStatus().getLeader(), m.getMemberStatus().getRaftIndex(),
                        m.getMemberStatus().getRaftTerm(), m.getMemberStatus().getErrorsList(), m.getMemberStatus().getIsLearner())));
    }

    public void reboot(String node) {
        List<NodeReply<String>> replies = call(List.of(node), timeouts.read(),
                stub -> stub.reboot(RebootRequest.getDefaultInstance()).getMessagesList(),
                (Reboot m) -> Replies.reply(m.getMetadata(), node, m.getActorId()));
        Replies.single(replies, node);
    }

    // --- plumbing -------------------------------------------------------------------------------

    private <M, T> List<NodeReply<T>> call(List<String> nodes, Duration deadline,
            Function<MachineServiceGrpc.MachineServiceBlockingStub, List<M>> rpc, Function<M, NodeReply<T>> convert) {
        MachineServiceGrpc.MachineServiceBlockingStub stub = MachineServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (!nodes.isEmpty()) {
            Metadata headers = new Metadata();
            nodes.forEach(n -> headers.put(NODES, n));
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        try {
            List<NodeReply<T>> out = new ArrayList<>();
            for (M message : rpc.apply(stub)) {
                out.add(convert.apply(message));
            }
            return out;
        } catch (StatusRuntimeException e) {
            String who = nodes.size() == 1 ? nodes.get(0) : endpoint;
            String description = e.getStatus().getDescription() == null ? e.getStatus().getCode().name() : e.getStatus().getDescription();
            throw new TalosApiException(e.getStatus().getCode(), who, description);
        }
    }

    private static String first(List<String> nodes) {
        return nodes.isEmpty() ? "" : nodes.get(0);
    }

    private static String name(dev.talos.api.common.Metadata metadata, String fallback) {
        return metadata.getHostname().isEmpty() ? fallback : metadata.getHostname();
    }

    private static SslContext sslContext(TalosConfig.Context context) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                    .keyManager(context.clientKey(), context.clientCertificate())
                    .trustManager(context.ca())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the Talos API: " + e.getMessage(), e);
        }
    }

    /** gRPC's retry policy: read calls only, on UNAVAILABLE, 4 attempts with exponential backoff. */
    private static Map<String, Object> retryReadCalls() {
        List<Object> names = new ArrayList<>();
        for (String method : List.of("Version", "ServiceList", "EtcdMemberList", "EtcdStatus")) {
            names.add(Map.of("service", "machine.MachineService", "method", method));
        }
        Map<String, Object> retryPolicy = Map.of(
                "maxAttempts", 4.0,
                "initialBackoff", "0.2s",
                "maxBackoff", "2s",
                "backoffMultiplier", 2.0,
                "retryableStatusCodes", List.of("UNAVAILABLE"));
        return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retryPolicy)));
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
