package dev.talosrehearsal.sim.talosapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.machineconfig.secrets.AdminCertificate;
import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.secrets.TestBundles;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real TalosClient against simulated apid servers over mutual TLS with the cluster's own
 * Ed25519 CA: what talosctl would see from a real cluster.
 */
class SimulatedApidTest {
    static SecretsBundle bundle;
    static ScriptedNode master = new ScriptedNode("talos-master-0", "192.168.20.10", true);
    static ScriptedNode worker = new ScriptedNode("talos-worker-gpu-0", "192.168.20.20", false);
    static SimulatedTalosApiServer masterApi;
    static SimulatedTalosApiServer workerApi;
    static TalosConfig.Context admin;

    @BeforeAll
    static void startCluster() {
        bundle = SecretsFile.read(Path.of("src/test/resources/secrets/test-talsecret.yaml"));
        TalosApiDispatcher dispatcher = new TalosApiDispatcher();
        dispatcher.register(master);
        dispatcher.register(worker);
        masterApi = SimulatedTalosApiServer.start(master, dispatcher, bundle);
        workerApi = SimulatedTalosApiServer.start(worker, dispatcher, bundle);
        AdminCertificate cert = AdminCertificate.derive(bundle, "homelab");
        admin = new TalosConfig.Context("homelab", List.of(masterApi.endpoint()), List.of("192.168.20.10"),
                bundle.os().certificate(), cert.certificate(), cert.privateKey());
    }

    @AfterAll
    static void stopCluster() {
        masterApi.close();
        workerApi.close();
    }

    @BeforeEach
    void resetNodes() {
        master.reachable = true;
        worker.reachable = true;
        master.latency = Duration.ZERO;
        worker.nextError = null;
        master.applies.clear();
        worker.applies.clear();
    }

    private static TalosClient client(TalosConfig.Context context, String endpoint) {
        return TalosClient.connect(context, endpoint, new TalosClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @Test
    void anEndpointAnswersForItselfWithoutNodesMetadata() {
        try (TalosClient talos = client(admin, masterApi.endpoint())) {
            List<NodeReply<VersionResult>> replies = talos.version(List.of());
            assertThat(replies).singleElement().satisfies(r -> {
                assertThat(r.ok()).isTrue();
                assertThat(r.value().tag()).isEqualTo("v1.11.5");
                assertThat(r.node()).isEqualTo("talos-master-0");
            });
        }
    }

    @Test
    void theClientAsksEveryNodeThroughAControlPlaneAndAFailingNodeIsNamedNotHidden() {
        worker.nextError = new ApiError(Status.Code.UNAVAILABLE, "connection reset");
        try (TalosClient talos = client(admin, masterApi.endpoint())) {
            List<NodeReply<VersionResult>> replies = talos.version(List.of("192.168.20.10", "192.168.20.20", "192.168.20.99"));

            assertThat(replies).hasSize(3);
            assertThat(replies.get(0).ok()).isTrue();
            assertThat(replies.get(1).ok()).isFalse();
            // named as targeted, as talosctl names it: a one-to-one reply carries no metadata of its own
            assertThat(replies.get(1).node()).isEqualTo("192.168.20.20");
            assertThat(replies.get(1).errorCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThatThrownBy(() -> replies.get(1).orThrow()).isInstanceOf(TalosApiException.class)
                    .hasMessageContaining("192.168.20.20").hasMessageContaining("connection reset");
            assertThat(replies.get(2).ok()).isFalse();
            assertThat(replies.get(2).node()).isEqualTo("192.168.20.99");
        }
    }

    @Test
    void applySendsAutoExplicitlyAndReturnsTheResolvedModeWithDetailsAndWarnings() {
        try (TalosClient talos = client(admin, masterApi.endpoint())) {
            ApplyResult result = talos.apply("192.168.20.20", "version: v1alpha1\n".getBytes(StandardCharsets.UTF_8),
                    ApplyMode.AUTO, false, null);

            assertThat(result.mode()).isEqualTo(ApplyMode.NO_REBOOT);
            assertThat(result.details()).isEqualTo("Applied configuration without a reboot");
            assertThat(result.warnings()).containsExactly("a warning");
            assertThat(result.node()).isEqualTo("192.168.20.20");
        }
        assertThat(worker.applies).singleElement().satisfies(r -> {
            assertThat(r.getMode()).isEqualTo(dev.talos.api.machine.ApplyConfigurationRequest.Mode.AUTO);
            assertThat(r.getDryRun()).isFalse();
        });
    }

    @Test
    void dryRunAndTryTimeoutReachTheNode() {
        try (TalosClient talos = client(admin, masterApi.endpoint())) {
            talos.apply("192.168.20.20", "version: v1alpha1\n".getBytes(StandardCharsets.UTF_8), ApplyMode.TRY, true, Duration.ofSeconds(90));
        }
        assertThat(worker.applies).singleElement().satisfies(r -> {
            assertThat(r.getDryRun()).isTrue();
            assertThat(r.getMode()).isEqualTo(dev.talos.api.machine.ApplyConfigurationRequest.Mode.TRY);
            assertThat(r.getTryModeTimeout().getSeconds()).isEqualTo(90);
        });
    }

    @Test
    void aNodeRefusingAnApplySurfacesAsAnErrorNamingTheNode() {
        try (TalosClient talos = client(admin, masterApi.endpoint())) {
            assertThatThrownBy(() -> talos.apply("192.168.20.20", new byte[0], ApplyMode.AUTO, false, null))
                    .isInstanceOf(TalosApiException.class)
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                    .hasMessageContaining("192.168.20.20").hasMessageContaining("no v1alpha1 document");
        }
    }

    @Test
    void aReaderMayReadButNotApplyOrReboot() {
        OsCertificates.Issued reader = OsCertificates.client(bundle, "os:reader");
        TalosConfig.Context readerContext = new TalosConfig.Context("homelab", admin.endpoints(), admin.nodes(),
                admin.ca(), reader.certificate(), reader.privateKey());
        try (TalosClient talos = client(readerContext, masterApi.endpoint())) {
            assertThat(talos.version(List.of("192.168.20.10")).get(0).ok()).isTrue();
            assertThatThrownBy(() -> talos.apply("192.168.20.10", "version: v1alpha1\n".getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null))
                    .isInstanceOf(TalosApiException.class)
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.PERMISSION_DENIED));
            assertThatThrownBy(() -> talos.reboot("192.168.20.10"))
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
        assertThat(master.applies).isEmpty();
        assertThat(master.reachable).isTrue();
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedAtTheHandshake() {
        SecretsBundle other = TestBundles.another(); // not the cluster's: another OS CA
        AdminCertificate foreign = AdminCertificate.derive(other, "homelab");
        TalosConfig.Context stranger = new TalosConfig.Context("homelab", admin.endpoints(), admin.nodes(),
                admin.ca(), foreign.certificate(), foreign.privateKey());
        try (TalosClient talos = client(stranger, masterApi.endpoint())) {
            assertThatThrownBy(() -> talos.version(List.of()))
                    .isInstanceOf(TalosApiException.class)
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    /** apid requires a client certificate (mutual TLS); a client that trusts the CA but has none gets no TLS session. */
    @Test
    void aClientWithoutACertificateIsRefusedAtTheHandshake() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("os-ca", bundle.os().certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        String[] hostPort = masterApi.endpoint().split(":");
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(5000);
            // TLS 1.3: the server's refusal arrives with the first read after the handshake
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new java.io.EOFException("closed without a TLS alert");
                }
            }).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void workersDoNotProxyAndAnswerUnimplementedForEtcd() {
        try (TalosClient talos = client(admin, workerApi.endpoint())) {
            assertThatThrownBy(() -> talos.etcdMembers(List.of()))
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.UNIMPLEMENTED));
            assertThatThrownBy(() -> talos.version(List.of("192.168.20.10")))
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
    }

    @Test
    void aSlowNodeRunsIntoTheCallDeadline() {
        master.latency = Duration.ofMillis(1500);
        try (TalosClient talos = TalosClient.connect(admin, masterApi.endpoint(),
                new TalosClient.Timeouts(Duration.ofMillis(300), Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> talos.services(List.of()))
                    .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        }
    }

    @Test
    void aRebootingNodeIsUnavailableInItsSlotWhileTheEndpointStillAnswers() {
        try (TalosClient talos = client(admin, masterApi.endpoint())) {
            talos.reboot("192.168.20.20");
            List<NodeReply<VersionResult>> replies = talos.version(List.of("192.168.20.10", "192.168.20.20"));
            assertThat(replies.get(0).ok()).isTrue();
            assertThat(replies.get(1).errorCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }
}
