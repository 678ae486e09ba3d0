package dev.talosrehearsal.talos;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.EtcdMemberListRequest;
import dev.talos.api.machine.EtcdMembers;
import dev.talos.api.machine.EtcdStatus;
import dev.talos.api.machine.MachineServiceGrpc;
import dev.talos.api.machine.ReadRequest;
import dev.talos.api.machine.Reboot;
import dev.talos.api.machine.RebootRequest;
import dev.talos.api.machine.ServiceList;
import dev.talos.api.machine.Version;
import dev.talosrehearsal.common.InMemoryKeyManagers;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberStatus;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A client of the Talos machine API (apid): gRPC over mutual TLS to the talosconfig's endpoints, targeting
 * each node through an endpoint with the {@code node} metadata key, as talosctl does.
 *
 * <ul>
 *   <li>Endpoints: one channel over all of them, load-balanced {@code round_robin} as talosctl's resolver
 *       does (Talos pkg/machinery/client/resolver/roundrobin.go), so an endpoint that is down (rebooting) is
 *       skipped and the call goes through another one.</li>
 *   <li>Targeting: one call per node with {@code node} metadata, several nodes fanned out by the client —
 *       what talosctl does since apid's {@code nodes} fan-out was deprecated (Talos
 *       pkg/machinery/client/context.go, {@code WithNodes}: "Use WithNode and client-side multiplexing
 *       instead"). apid proxies a {@code node} call one-to-one: the node's error is the call's error
 *       (internal/app/apid/pkg/director/director.go, singleDirector).</li>
 *   <li>TLS uses the JDK provider: Netty's BoringSSL never offers the ed25519 signature scheme that
 *       Talos's default certificates need.</li>
 *   <li>Every call has a deadline. Nothing is retried by policy (talosctl configures no retries either):
 *       re-sending an apply blindly could apply it twice or reboot a node twice, a down target node is for
 *       the rollout's gates to wait out, and a down endpoint is left to round_robin and gRPC's transparent
 *       retry of calls that never reached it.</li>
 *   <li>A call made while every endpoint failed its last dial dials them again first, instead of failing until
 *       gRPC's reconnect backoff ends: that backoff grows to two minutes while a node reboots, and would keep a
 *       gate from seeing a node that is long back. talosctl dials anew for every command.</li>
 *   <li>Every reply message is checked for {@code metadata.error}: a node that failed surfaces as an error
 *       naming it, never as success.</li>
 * </ul>
 */
public final class TalosClient implements AutoCloseable {
    /**
     * Where the calls of a fan-out to many nodes wait: bounded, so a thousand nodes cost 32 threads, not a thousand;
     * shared and made of daemon threads that time out, so an idle client costs none.
     */
    private static final ExecutorService FAN_OUT = fanOutPool();
    public static final int DEFAULT_PORT = 50000;
    /** Talos's own limit for messages (a machine config, a support bundle). */
    public static final int MAX_INBOUND_BYTES = 32 * 1024 * 1024;
    /** apid's one-to-one target (director.go: "node metadata must be single-valued"). */
    static final Metadata.Key<String> NODE = Metadata.Key.of("node", Metadata.ASCII_STRING_MARSHALLER);

    /** Deadlines per kind of call. */
    public record Timeouts(Duration read, Duration apply) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(15), Duration.ofMinutes(2));
    }

    private final ManagedChannel channel;
    private final EventLoopGroup io;
    private final String endpoint;
    private final String contextName;
    private final List<String> contextNodes;
    private final Timeouts timeouts;

    private TalosClient(ManagedChannel channel, EventLoopGroup io, String endpoint, TalosConfig.Context context, Timeouts timeouts) {
        this.channel = channel;
        this.io = io;
        this.endpoint = endpoint;
        // the context's name and nodes only, to say which cluster the talosconfig is for; never its credentials
        this.contextName = context.name();
        this.contextNodes = context.nodes() == null ? List.of() : List.copyOf(context.nodes());
        this.timeouts = timeouts;
    }

    /** Connects to {@code endpoint} ({@code host}, {@code host:port} or {@code [v6]:port}; port 50000 by default). */
    public static TalosClient connect(TalosConfig.Context context, String endpoint, Timeouts timeouts) {
        return connect(context, List.of(endpoint), timeouts);
    }

    /** Connects to all of {@code endpoints}, load-balanced as talosctl does (see the class comment). */
    @SuppressWarnings("deprecation") // nameResolverFactory: the one way to hand a channel a fixed address list
    public static TalosClient connect(TalosConfig.Context context, List<String> endpoints, Timeouts timeouts) {
        List<HostPort> targets = endpoints.stream().map(e -> HostPort.parse(e, DEFAULT_PORT)).toList();
        // The client's own event loop, shut down with it: gRPC's shared one outlives every channel by a second, and a
        // thread waiting in epoll when the process exits makes the JVM wait 300 ms for it at every command's end.
        EventLoopGroup io = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "talos-client-io");
            t.setDaemon(true);
            return t;
        });
        ManagedChannel channel = NettyChannelBuilder.forTarget(EndpointsNameResolver.SCHEME + ":///endpoints")
                .eventLoopGroup(io)
                .channelType(NioSocketChannel.class)
                .nameResolverFactory(EndpointsNameResolver.factory(targets))
                .defaultLoadBalancingPolicy("round_robin")
                .sslContext(sslContext(context))
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .build();
        return new TalosClient(channel, io, String.join(",", endpoints), context, timeouts);
    }

    /** Connects to all of the context's endpoints. */
    public static TalosClient connect(TalosConfig.Context context) {
        return connect(context, context.endpoints(), Timeouts.DEFAULT);
    }

    /** Talos's resource API (COSI State) through the same channel, targeting and deadlines. */
    public TalosResources resources() {
        return new TalosResources(this, timeouts.read());
    }

    /** The endpoints, comma-separated. */
    public String endpoint() {
        return endpoint;
    }

    /** The talosconfig context this client was made from. */
    public String contextName() {
        return contextName;
    }

    /** The nodes that context names (talosctl's default targets; may be empty). */
    public List<String> contextNodes() {
        return contextNodes;
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
                (ApplyConfiguration m, String n) -> Replies.reply(m.getMetadata(), node, new ApplyResult(
                        name(m.getMetadata(), node), ApplyMode.fromWire(m.getMode()), m.getModeDetails(), m.getWarningsList())));
        return Replies.single(replies, node);
    }

    public List<NodeReply<VersionResult>> version(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.version(Empty.getDefaultInstance()).getMessagesList(),
                (Version m, String n) -> Replies.reply(m.getMetadata(), n, new VersionResult(name(m.getMetadata(), n),
                        m.getVersion().getTag(), m.getVersion().getSha(), m.getVersion().getOs(), m.getVersion().getArch(),
                        m.getPlatform().getName())));
    }

    public List<NodeReply<List<ServiceStatus>>> services(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.serviceList(Empty.getDefaultInstance()).getMessagesList(),
                (ServiceList m, String n) -> Replies.reply(m.getMetadata(), n, m.getServicesList().stream()
                        .map(s -> new ServiceStatus(s.getId(), s.getState(), s.getHealth().getHealthy(),
                                s.getHealth().getUnknown(), s.getHealth().getLastMessage()))
                        .toList()));
    }

    /**
     * etcd members as one control plane's local member sees them; workers answer UNIMPLEMENTED. {@code query_local} as
     * talosctl sends it (cmd/talosctl/cmd/talos/etcd.go, {@code etcd members}): a local read answers without quorum,
     * so a cluster that lost quorum still shows who is in it. Whether members are healthy is EtcdStatus's question.
     */
    public List<NodeReply<List<EtcdMemberInfo>>> etcdMembers(List<String> nodes) {
        EtcdMemberListRequest local = EtcdMemberListRequest.newBuilder().setQueryLocal(true).build();
        return call(nodes, timeouts.read(), stub -> stub.etcdMemberList(local).getMessagesList(),
                (EtcdMembers m, String n) -> Replies.reply(m.getMetadata(), n, m.getMembersList().stream()
                        .map(e -> new EtcdMemberInfo(e.getId(), e.getHostname(), e.getPeerUrlsList(), e.getClientUrlsList(), e.getIsLearner()))
                        .toList()));
    }

    public List<NodeReply<EtcdMemberStatus>> etcdStatus(List<String> nodes) {
        return call(nodes, timeouts.read(), stub -> stub.etcdStatus(Empty.getDefaultInstance()).getMessagesList(),
                (EtcdStatus m, String n) -> Replies.reply(m.getMetadata(), n, new EtcdMemberStatus(
                        m.getMemberStatus().getMemberId(), m.getMemberStatus().getProtocolVersion(), m.getMemberStatus().getLeader(), m.getMemberStatus().getRaftIndex(),
                        m.getMemberStatus().getRaftTerm(), m.getMemberStatus().getErrorsList(), m.getMemberStatus().getIsLearner())));
    }

    public void reboot(String node) {
        List<NodeReply<String>> replies = call(List.of(node), timeouts.read(),
                stub -> stub.reboot(RebootRequest.getDefaultInstance()).getMessagesList(),
                (Reboot m, String n) -> Replies.reply(m.getMetadata(), node, m.getActorId()));
        Replies.single(replies, node);
    }

    /**
     * The node's boot ID, read as talosctl's {@code reboot --wait} reads it to confirm a reboot: the file
     * {@value BootId#PATH} through MachineService.Read, its chunks joined and trimmed
     * (cmd/talosctl/pkg/talos/action/tracker.go, {@code getBootID}, v1.13 and v1.14). Read is os:admin only
     * (machined.go's rules); a client without that role gets {@link BootId#UNAUTHORIZED} — talosctl then skips
     * the check (its {@code unauthorizedBootIDFallback}) — instead of an error.
     *
     * @throws TalosApiException when the node cannot be read (down, unreachable: the caller waits and asks again)
     */
    public BootId bootId(String node) {
        ReadRequest request = ReadRequest.newBuilder().setPath(BootId.PATH).build();
        try {
            List<NodeReply<byte[]>> chunks = call(List.of(node), timeouts.read(), MachineServiceGrpc::newBlockingStub,
                    stub -> { // the stream is drained here, so an error that ends it is the call's error
                        List<dev.talos.api.common.Data> all = new ArrayList<>();
                        stub.read(request).forEachRemaining(all::add);
                        return all;
                    },
                    (dev.talos.api.common.Data d, String n) -> Replies.reply(d.getMetadata(), node, d.getBytes().toByteArray()));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (NodeReply<byte[]> chunk : chunks) {
                bytes.writeBytes(chunk.orThrow());
            }
            return BootId.of(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (TalosApiException e) {
            if (e.code() == Status.Code.PERMISSION_DENIED) {
                return BootId.UNAUTHORIZED;
            }
            throw e;
        }
    }

    /**
     * Dials every endpoint that is not connected now, without waiting for gRPC's reconnect backoff, and waits up to
     * {@code max} until at least one is connected. Returns whether one is; false when none answered in time.
     */
    public boolean awaitConnected(Duration max) {
        channel.resetConnectBackoff();
        long deadline = System.nanoTime() + max.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY && state != ConnectivityState.SHUTDOWN) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            state = channel.getState(true);
        }
        return state == ConnectivityState.READY;
    }

    // --- plumbing -------------------------------------------------------------------------------

    /**
     * One call per node (the endpoint itself when {@code nodes} is empty), all in flight at once. A node whose
     * call fails gets that failure as its reply; when every call failed the same way, the endpoint or the
     * credentials are at fault and that is thrown instead.
     */
    private <M, T> List<NodeReply<T>> call(List<String> nodes, Duration deadline,
            Function<MachineServiceGrpc.MachineServiceBlockingStub, List<M>> rpc, BiFunction<M, String, NodeReply<T>> convert) {
        return call(nodes, deadline, MachineServiceGrpc::newBlockingStub, rpc, convert);
    }

    /** {@link #call} for any service's blocking stub (the machine API's, COSI's State). */
    <S extends AbstractStub<S>, M, T> List<NodeReply<T>> call(List<String> nodes, Duration deadline, Function<Channel, S> stubs,
            Function<S, List<M>> rpc, BiFunction<M, String, NodeReply<T>> convert) {
        if (nodes.isEmpty()) {
            return callOne(null, deadline, stubs, rpc, convert);
        }
        if (nodes.size() == 1) {
            return callOne(nodes.get(0), deadline, stubs, rpc, convert);
        }
        List<CompletableFuture<List<NodeReply<T>>>> calls = new ArrayList<>();
        for (String node : nodes) {
            calls.add(CompletableFuture.supplyAsync(() -> callOne(node, deadline, stubs, rpc, convert), FAN_OUT));
        }
        List<NodeReply<T>> out = new ArrayList<>();
        List<TalosApiException> failures = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                out.addAll(calls.get(i).join());
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof TalosApiException failure)) {
                    throw e;
                }
                failures.add(failure);
                out.add(new NodeReply<>(nodes.get(i), null, failure.code(), failure.description()));
            }
        }
        if (failures.size() == nodes.size() && failures.stream().map(f -> f.code() + f.description()).distinct().count() == 1) {
            throw new TalosApiException(failures.get(0).code(), endpoint, failures.get(0).description());
        }
        return out;
    }

    private <S extends AbstractStub<S>, M, T> List<NodeReply<T>> callOne(String node, Duration deadline, Function<Channel, S> stubs,
            Function<S, List<M>> rpc, BiFunction<M, String, NodeReply<T>> convert) {
        S stub = stub(node, stubs).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            List<NodeReply<T>> out = new ArrayList<>();
            for (M message : rpc.apply(stub)) {
                out.add(convert.apply(message, node != null ? node : endpoint));
            }
            return out;
        } catch (StatusRuntimeException e) {
            throw failure(e, node);
        }
    }

    /**
     * A stub of any service targeting {@code node} ({@code null}: the endpoint itself) with the {@code node} metadata,
     * without a deadline: {@link #call} sets one per call; a watch, which lasts until it is cancelled, sets none.
     */
    <S extends AbstractStub<S>> S stub(String node, Function<Channel, S> stubs) {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff(); // see the class comment: a call is a reason to dial again now
        }
        S stub = stubs.apply(channel);
        if (node != null) {
            Metadata headers = new Metadata();
            headers.put(NODE, node);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return stub;
    }

    /** A failed call as one line naming the node (or the endpoint), its code and Talos's message (or the TLS failure). */
    TalosApiException failure(StatusRuntimeException e, String node) {
        String description = tlsFailure(e).orElse(e.getStatus().getDescription() == null ? e.getStatus().getCode().name()
                : e.getStatus().getDescription());
        return new TalosApiException(e.getStatus().getCode(), node != null ? node : endpoint, description);
    }

    /**
     * The sentence {@link NamingTrustManager} wrote when the handshake failed on the server's certificate, instead of
     * gRPC's "io exception Channel Pipeline: [...]"; it is the same for every node behind that endpoint, so a fan-out
     * that fails on it is one line.
     */
    private static java.util.Optional<String> tlsFailure(StatusRuntimeException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException c && c.getMessage() != null
                    && c.getMessage().startsWith(NamingTrustManager.PREFIX)) {
                return java.util.Optional.of(c.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    private static ExecutorService fanOutPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "talos-client-fan-out");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }


    private static String name(dev.talos.api.common.Metadata metadata, String fallback) {
        return metadata.getHostname().isEmpty() ? fallback : metadata.getHostname();
    }

    private static SslContext sslContext(TalosConfig.Context context) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                    .keyManager(InMemoryKeyManagers.of(context.clientKey(), context.clientCertificate()))
                    .trustManager(NamingTrustManager.trusting(context.ca()))
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the Talos API: " + e.getMessage(), e);
        }
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
        } finally {
            io.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
