package dev.talosrehearsal.sim.talosapi;

import com.google.protobuf.Timestamp;
import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.EtcdMember;
import dev.talos.api.machine.EtcdMemberStatus;
import dev.talos.api.machine.EtcdMembers;
import dev.talos.api.machine.EtcdStatus;
import dev.talos.api.machine.PlatformInfo;
import dev.talos.api.machine.ServiceEvent;
import dev.talos.api.machine.ServiceEvents;
import dev.talos.api.machine.ServiceHealth;
import dev.talos.api.machine.ServiceInfo;
import dev.talos.api.machine.ServiceList;
import dev.talos.api.machine.Version;
import dev.talos.api.machine.VersionInfo;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.sim.node.ApplyOutcome;
import dev.talosrehearsal.sim.node.NodeApiException;
import dev.talosrehearsal.sim.node.NodeVersion;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import com.google.protobuf.Message;

/** A simulated node's model, answering in Talos's API messages. */
public final class ModelApiNode implements ApiNode {
    private final SimulatedNode node;
    private final List<String> addresses;
    private final Supplier<List<SimulatedNode>> cluster;

    /** @param addresses what talosctl's {@code nodes} may call this node: its talconfig ipAddress values */
    public ModelApiNode(SimulatedNode node, List<String> addresses) {
        this(node, addresses, () -> List.of(node));
    }

    /** @param cluster every node of the cluster, for what discovery tells each node about the others (Members) */
    public ModelApiNode(SimulatedNode node, List<String> addresses, Supplier<List<SimulatedNode>> cluster) {
        this.node = node;
        this.cluster = cluster;
        List<String> all = new ArrayList<>(addresses);
        node.addresses().forEach(a -> all.add(a.address().withoutPrefixLength().toNormalizedString()));
        this.addresses = List.copyOf(all);
    }

    public SimulatedNode model() {
        return node;
    }

    @Override
    public String hostname() {
        return node.hostname();
    }

    @Override
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public boolean controlPlane() {
        return node.controlPlane();
    }

    @Override
    public boolean reachable() {
        return node.isReachable();
    }

    @Override
    public Runnable onReachabilityChange(Runnable listener) {
        return node.onReachabilityChange(listener);
    }

    /** Every node of the cluster: Members, on this node, follow the others. */
    @Override
    public Runnable onChange(Runnable listener) {
        List<Runnable> unsubscribe = new ArrayList<>();
        for (SimulatedNode member : cluster.get()) {
            unsubscribe.add(member.onChange(listener));
        }
        return () -> unsubscribe.forEach(Runnable::run);
    }

    @Override
    public ApplyConfiguration apply(ApplyConfigurationRequest request) throws ApiError {
        Duration tryTimeout = request.hasTryModeTimeout()
                ? Duration.ofSeconds(request.getTryModeTimeout().getSeconds(), request.getTryModeTimeout().getNanos()) : null;
        // An apply that is slow (latency fault) holds machined's "apply in progress" for its whole duration,
        // so a concurrent apply on Talos >= 1.12 meets FailedPrecondition as it would on a real node.
        try (SimulatedNode.ApplyCall call = node.beginApply()) {
            sleep(node.faults().latency("ApplyConfiguration"));
            ApplyOutcome outcome = call.apply(request.getData().toByteArray(), ApplyMode.forNumber(request.getModeValue()),
                    request.getDryRun(), tryTimeout);
            if (!request.getDryRun() && node.faults().takeApplyAnswerTimesOut()) {
                // applied on the node, the answer lost: gRPC ends the call with DEADLINE_EXCEEDED when the client's deadline
                // passes, whatever the server did (grpc-java's Deadline); the client cannot tell an apply that happened
                throw error(new NodeApiException(dev.talosrehearsal.sim.node.ApiCode.DEADLINE_EXCEEDED, "context deadline exceeded"));
            }
            return ApplyConfiguration.newBuilder()
                    .setModeValue(outcome.mode().number())
                    .setModeDetails(outcome.modeDetails())
                    .addAllWarnings(outcome.warnings())
                    .build();
        } catch (NodeApiException e) {
            throw error(e);
        }
    }

    @Override
    public Version version() throws ApiError {
        NodeVersion v = call(node::version);
        return Version.newBuilder()
                .setVersion(VersionInfo.newBuilder().setTag(v.tag()).setSha(v.sha()).setBuilt(v.built())
                        .setGoVersion(v.goVersion()).setOs(v.os()).setArch(v.arch()))
                .setPlatform(PlatformInfo.newBuilder().setName("metal").setMode("metal"))
                .build();
    }

    @Override
    public ServiceList services() throws ApiError {
        ServiceList.Builder list = ServiceList.newBuilder();
        for (dev.talosrehearsal.sim.node.ServiceInfo s : call(node::services)) {
            ServiceEvents.Builder events = ServiceEvents.newBuilder();
            s.events().forEach(e -> events.addEvents(ServiceEvent.newBuilder().setMsg(e.msg()).setState(e.state()).setTs(timestamp(e.ts()))));
            ServiceHealth.Builder health = ServiceHealth.newBuilder().setHealthy(s.healthy()).setUnknown(s.unknown())
                    .setLastMessage(s.lastMessage() == null ? "" : s.lastMessage());
            if (s.lastChange() != null) {
                health.setLastChange(timestamp(s.lastChange()));
            }
            list.addServices(ServiceInfo.newBuilder().setId(s.id()).setState(s.state()).setEvents(events).setHealth(health));
        }
        return list.build();
    }

    @Override
    public EtcdMembers etcdMembers(boolean queryLocal) throws ApiError {
        EtcdMembers.Builder members = EtcdMembers.newBuilder();
        for (SimulatedEtcd.EtcdMember m : call(() -> node.etcdMembers(queryLocal))) {
            members.addMembers(EtcdMember.newBuilder().setId(m.id()).setHostname(NodeNames.etcdMember(m.hostname()))
                    .addAllPeerUrls(m.peerUrls()).addAllClientUrls(m.clientUrls()).setIsLearner(m.learner()));
        }
        return members.build();
    }

    @Override
    public EtcdStatus etcdStatus() throws ApiError {
        SimulatedEtcd.EtcdMemberStatus s = call(node::etcdStatus);
        return EtcdStatus.newBuilder().setMemberStatus(EtcdMemberStatus.newBuilder()
                .setProtocolVersion(s.protocolVersion()).setDbSize(s.dbSize()).setDbSizeInUse(s.dbSizeInUse())
                .setLeader(s.leader()).setRaftIndex(s.raftIndex()).setRaftTerm(s.raftTerm())
                .setRaftAppliedIndex(s.raftAppliedIndex()).addAllErrors(s.errors()).setIsLearner(s.learner())
                .setMemberId(s.memberId()).setStorageVersion(s.storageVersion())).build();
    }

    @Override
    public void reboot() throws ApiError {
        call(() -> {
            node.reboot();
            return null;
        });
    }

    /**
     * The one file a simulated node has: the kernel's boot ID, with the newline the kernel ends it with, in one chunk
     * (machined's Read streams a file in chunks; a 37-byte file is one). Other paths are not simulated: UNIMPLEMENTED,
     * so no caller mistakes them for files that are missing.
     */
    @Override
    public List<Message> read(String path) throws ApiError {
        if (!dev.talosrehearsal.talos.BootId.PATH.equals(path)) {
            throw new ApiError(Status.Code.UNIMPLEMENTED, "reading " + path + " is not simulated (only " + dev.talosrehearsal.talos.BootId.PATH + ")");
        }
        String id = call(node::bootId);
        return List.of(dev.talos.api.common.Data.newBuilder()
                .setBytes(com.google.protobuf.ByteString.copyFromUtf8(id + "\n")).build());
    }

    /**
     * Every resource reports the node's event count as its version: it grows whenever the node changes, as a
     * resource's version grows with each of its own changes on Talos.
     */
    @Override
    public List<Message> resources(String method, Message request, String role) throws ApiError {
        return call(() -> {
            try {
                return ResourceApi.answer(method, request, role, new NodeResources(node, cluster.get()), node.eventCount(),
                        node.clock().now());
            } catch (ApiError e) {
                throw new ResourceRefusal(e);
            }
        });
    }

    /** Carries an ApiError through {@link ModelCall}, which cannot throw checked exceptions. */
    private static final class ResourceRefusal extends RuntimeException {
        private final ApiError error;

        ResourceRefusal(ApiError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    @Override
    public Optional<ApiError> injectedError(String method) {
        return node.faults().takeGrpcError(method).map(ModelApiNode::error);
    }

    @Override
    public Duration injectedLatency(String method) {
        // an apply's latency is spent inside apply(), holding the in-progress flag
        return "ApplyConfiguration".equals(method) ? Duration.ZERO : node.faults().latency(method);
    }

    private interface ModelCall<T> {
        T get();
    }

    private static <T> T call(ModelCall<T> call) throws ApiError {
        try {
            return call.get();
        } catch (NodeApiException e) {
            throw error(e);
        } catch (ResourceRefusal e) {
            throw e.error;
        }
    }

    private static ApiError error(NodeApiException e) {
        return new ApiError(Status.fromCodeValue(e.code().number()).getCode(), e.getMessage());
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
