package dev.talosrehearsal.sim.talosapi;

import dev.talos.api.machine.ApplyConfiguration;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.EtcdMember;
import dev.talos.api.machine.EtcdMembers;
import dev.talos.api.machine.EtcdStatus;
import dev.talos.api.machine.ServiceHealth;
import dev.talos.api.machine.ServiceInfo;
import dev.talos.api.machine.ServiceList;
import dev.talos.api.machine.Version;
import dev.talos.api.machine.VersionInfo;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A node with fixed answers, to test the simulated apid's wire behaviour apart from the node model. */
final class ScriptedNode implements ApiNode {
    final String hostname;
    final String address;
    final boolean controlPlane;
    volatile boolean reachable = true;
    volatile Duration latency = Duration.ZERO;
    volatile ApiError nextError;
    final List<ApplyConfigurationRequest> applies = new CopyOnWriteArrayList<>();

    ScriptedNode(String hostname, String address, boolean controlPlane) {
        this.hostname = hostname;
        this.address = address;
        this.controlPlane = controlPlane;
    }

    @Override public String hostname() { return hostname; }
    @Override public List<String> addresses() { return List.of(address); }
    @Override public boolean controlPlane() { return controlPlane; }
    @Override public boolean reachable() { return reachable; }

    @Override
    public ApplyConfiguration apply(ApplyConfigurationRequest request) throws ApiError {
        applies.add(request);
        if (request.getData().toStringUtf8().isBlank()) {
            throw new ApiError(Status.Code.INVALID_ARGUMENT, "failed to parse config: no v1alpha1 document");
        }
        return ApplyConfiguration.newBuilder().setMode(ApplyConfigurationRequest.Mode.NO_REBOOT)
                .setModeDetails("Applied configuration without a reboot").addWarnings("a warning").build();
    }

    @Override
    public Version version() {
        return Version.newBuilder().setVersion(VersionInfo.newBuilder().setTag("v1.11.5").setOs("linux").setArch("amd64")).build();
    }

    @Override
    public ServiceList services() {
        return ServiceList.newBuilder().addServices(ServiceInfo.newBuilder().setId("kubelet").setState("Running")
                .setHealth(ServiceHealth.newBuilder().setHealthy(true))).build();
    }

    @Override
    public EtcdMembers etcdMembers(boolean queryLocal) throws ApiError {
        if (!controlPlane) {
            throw new ApiError(Status.Code.UNIMPLEMENTED, "etcd is not running on workers");
        }
        return EtcdMembers.newBuilder().addMembers(EtcdMember.newBuilder().setId(42).setHostname(hostname)
                .addPeerUrls("https://" + address + ":2380").addClientUrls("https://" + address + ":2379")).build();
    }

    @Override
    public EtcdStatus etcdStatus() {
        return EtcdStatus.getDefaultInstance();
    }

    @Override
    public void reboot() {
        reachable = false;
    }

    @Override
    public Optional<ApiError> injectedError(String method) {
        ApiError e = nextError;
        nextError = null;
        return Optional.ofNullable(e);
    }

    @Override
    public Duration injectedLatency(String method) {
        return latency;
    }
}
