package dev.talosrehearsal.sim.tailnet;

import static dev.talosrehearsal.testing.Homelab.API_SERVICE;
import static dev.talosrehearsal.testing.Homelab.M0;
import static dev.talosrehearsal.testing.Homelab.M1;
import static dev.talosrehearsal.testing.Homelab.M2;
import static dev.talosrehearsal.testing.Homelab.TAILNET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.secrets.KubernetesCertificates;
import dev.talosrehearsal.sim.kube.apiserver.ControlPlaneApiServer;
import dev.talosrehearsal.sim.net.Tls;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.sim.tailnet.DialResult.Outcome;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.spec.KubernetesApiStub;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance of issue 4's tailnet part, on the seed's homelab rendered by the real generator. */
class SimulatedTailnetTest {
    private SimulatedTalosNodes cluster;
    private KubernetesApiStub api;
    private SimulatedTailnet tailnet;

    @AfterEach
    void stop() {
        if (tailnet != null) {
            tailnet.close();
        }
        if (api != null) {
            api.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(SimulatedTalosNodes started) {
        cluster = started;
        api = KubernetesApiStub.http();
        tailnet = new SimulatedTailnet(TAILNET, cluster, api.upstream());
    }

    private X509Certificate kubernetesCa() {
        return cluster.secrets().k8s().certificate();
    }

    @Test
    void theServiceNameReachesTheKubernetesApiThroughAControlPlane() throws IOException {
        start(Homelab.startTalosApi("after"));

        assertThat(tailnet.advertised()).containsEntry(API_SERVICE + ":6443", List.of(M0, M1, M2));

        // as kubectl with the kubeconfig's certificate-authority-data would connect
        TailnetClient.Response response = TailnetClient.trusting(kubernetesCa()).get(tailnet, API_SERVICE, 6443, "/version");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"gitVersion\":\"v1.34.1\"");
        X509Certificate served = response.serverChain().get(0);
        assertThat(served.getIssuerX500Principal()).isEqualTo(kubernetesCa().getSubjectX500Principal());
        assertThat(DialResult.dnsNames(served)).contains(API_SERVICE);
        assertThat(api.requests()).isEqualTo(1);

        DialResult dial = tailnet.dial(API_SERVICE, 6443);
        assertThat(dial.outcome()).isEqualTo(Outcome.REACHED_API);
        assertThat(dial.host()).contains(M0);
        assertThat(dial.apiServer()).contains(M0);
        assertThat(dial.status()).isEqualTo(200);
        assertThat(dial.message()).contains(API_SERVICE + ":6443 → " + M0 + " (TCPForward 127.0.0.1:6443)");
        assertThat(tailnet.connections()).hasSize(2).allSatisfy(c -> assertThat(c.reachedKubernetesApi()).isTrue());
    }

    @Test
    void stoppingExtTailscaleOnTheActiveHostFailsOverToTheNextControlPlane() {
        start(Homelab.startTalosApi("after"));
        assertThat(tailnet.dial(API_SERVICE, 6443).host()).contains(M0);

        // talos-master-0 gets a config without the tailscale ExtensionServiceConfig: ext-tailscale stops
        SimulatedNode m0 = cluster.node(M0);
        MachineConfig withoutTailscale = new MachineConfig(m0.activeConfig().documents().stream().filter(d -> !d.has("kind")).toList());
        m0.apply(withoutTailscale.toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
        assertThat(m0.tailscaleRunning()).isFalse();

        DialResult afterStop = tailnet.dial(API_SERVICE, 6443);
        assertThat(afterStop.outcome()).isEqualTo(Outcome.REACHED_API);
        assertThat(afterStop.host()).contains(M1);
        assertThat(afterStop.apiServer()).contains(M1);
        assertThat(tailnet.advertised().get(API_SERVICE + ":6443")).containsExactly(M1, M2);

        // talos-master-1 reboots and never comes back: talos-master-2 takes over
        cluster.node(M1).faults().neverReturnsFromReboot(true);
        cluster.node(M1).reboot();
        cluster.clock().advance(java.time.Duration.ofMinutes(10));
        DialResult afterReboot = tailnet.dial(API_SERVICE, 6443);
        assertThat(afterReboot.host()).contains(M2);
        assertThat(afterReboot.outcome()).isEqualTo(Outcome.REACHED_API);

        // and without talos-master-2's tailscale nothing serves the name any more
        SimulatedNode m2 = cluster.node(M2);
        MachineConfig m2WithoutTailscale = new MachineConfig(m2.activeConfig().documents().stream().filter(d -> !d.has("kind")).toList());
        m2.apply(m2WithoutTailscale.toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
        DialResult none = tailnet.dial(API_SERVICE, 6443);
        assertThat(none.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(none.host()).isEmpty();
        assertThat(none.message()).isEqualTo("no healthy host serves " + API_SERVICE + ":6443: " + M1 + " (down)");
        assertThatThrownBy(() -> TailnetClient.trusting(kubernetesCa()).get(tailnet, API_SERVICE, 6443, "/version"))
                .isInstanceOf(IOException.class);
    }

    /** Fault tailnetCutOff: a host whose tailscaled reaches no peer is passed over, as a host that is down is. */
    @Test
    void aHostCutOffFromTheTailnetIsPassedOverAndTheNextServes() {
        start(Homelab.startTalosApi("after"));
        cluster.node(M0).faults().tailnetCutOff(true);

        assertThat(tailnet.route(API_SERVICE, 6443).skipped()).containsExactly(M0 + " (cut off from the tailnet)");
        assertThat(tailnet.dial(API_SERVICE, 6443).host()).contains(M1);
    }

    /**
     * A host's own name on a port its serve config does not take (the homelab's serves only the Service) reaches the host
     * itself: the extension runs tailscaled in kernel mode (TS_USERSPACE=false), and Talos's kube-apiserver listens on
     * every address (bind-address 0.0.0.0). Its certificate is for the node's addresses, not that name. Cut off from the
     * tailnet, the host is reached by nobody, on any name.
     */
    @Test
    void aHostsOwnNameReachesItsOwnKubeApiserverUntilItIsCutOff() throws IOException {
        start(Homelab.startTalosApi("after"));
        String m1Name = M1 + "." + TAILNET;

        assertThat(tailnet.route(m1Name, 6443).reason()).isEqualTo(m1Name + ":6443 → " + M1 + " (no serve entry: tailscale0 delivers it to the host)");
        TailnetClient.Response response = TailnetClient.trustingAll().get(tailnet, m1Name, 6443, "/version");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.serverChain().get(0).getIssuerX500Principal()).isEqualTo(kubernetesCa().getSubjectX500Principal());
        assertThat(tailnet.connections()).last().satisfies(c -> assertThat(c.apiServer()).contains(M1));
        DialResult asKubectl = tailnet.dial(m1Name, 6443);
        assertThat(asKubectl.outcome()).isEqualTo(Outcome.CERTIFICATE_ERROR); // the node's name is no certSAN
        assertThat(asKubectl.host()).contains(M1);

        cluster.node(M1).faults().tailnetCutOff(true);
        assertThat(tailnet.route(m1Name, 6443).reason()).isEqualTo("no healthy host serves " + m1Name + ":6443: " + M1 + " (cut off from the tailnet)");
        assertThat(tailnet.dial(m1Name, 6443).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(tailnet.dial(API_SERVICE, 6443).host()).as("the Service still answers, through another host").contains(M0);
    }

    @Test
    void whileExtTailscaleRestartsForANewServeConfigTheNextHostServesAndCertDomainIsSubstituted() throws IOException {
        start(Homelab.startTalosApi("after"));
        String serve = "{\"TCP\": {\"443\": {\"HTTPS\": true}, \"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}},"
                + " \"Web\": {\"${TS_CERT_DOMAIN}:443\": {\"Handlers\": {\"/\": {\"Text\": \"hello from the tailnet\"}}}},"
                + " \"Services\": {\"svc:bastion-k8s\": {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}}}";
        withServeConfig(M0, serve);

        // the serve config changed: ext-tailscale restarts, and meanwhile talos-master-1 answers
        assertThat(tailnet.route(API_SERVICE, 6443).skipped()).containsExactly(M0 + " (ext-tailscale not running)");
        assertThat(tailnet.dial(API_SERVICE, 6443).host()).contains(M1);

        cluster.clock().advance(java.time.Duration.ofSeconds(5));
        assertThat(tailnet.dial(API_SERVICE, 6443).host()).contains(M0);
        String m0Name = M0 + "." + TAILNET;
        TailnetClient.Response text = TailnetClient.trusting(tailnet.certificateAuthority()).get(tailnet, m0Name, 443, "/anything");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("hello from the tailnet");
        assertThat(tailnet.dial(m0Name, 6443).outcome()).isEqualTo(Outcome.CERTIFICATE_ERROR); // the node name is no certSAN
    }

    /** Applies {@code node}'s active config with the tailscale serve.json replaced by {@code serve}. */
    private void withServeConfig(String node, String serve) {
        SimulatedNode n = cluster.node(node);
        List<com.fasterxml.jackson.databind.node.ObjectNode> docs = new java.util.ArrayList<>();
        for (var d : n.activeConfig().documents()) {
            var copy = d.deepCopy();
            if (copy.has("kind")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("configFiles").get(0)).put("content", serve);
            }
            docs.add(copy);
        }
        n.apply(new MachineConfig(docs).toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
    }

    @Test
    void terminateTlsHandsTheApiServerPlaintextWhileAnInsecureProxyReachesIt() throws IOException {
        start(Homelab.startTalosApi("after"));
        withServeConfig(M0, "{\"TCP\": {\"8443\": {\"TCPForward\": \"127.0.0.1:6443\", \"TerminateTLS\": \"${TS_CERT_DOMAIN}\"},"
                + " \"443\": {\"HTTPS\": true}},"
                + " \"Web\": {\"${TS_CERT_DOMAIN}:443\": {\"Handlers\": {\"/\": {\"Proxy\": \"https+insecure://127.0.0.1:6443\"}}}}}");
        cluster.clock().advance(java.time.Duration.ofSeconds(5));
        String m0Name = M0 + "." + TAILNET;

        DialResult terminated = tailnet.dial(m0Name, 8443);
        assertThat(terminated.outcome()).isEqualTo(Outcome.HTTP_ANSWER);
        assertThat(terminated.status()).isEqualTo(400);
        assertThat(terminated.body()).isEqualTo("Client sent an HTTP request to an HTTPS server.\n");

        DialResult proxied = tailnet.dial(m0Name, 443);
        assertThat(proxied.outcome()).isEqualTo(Outcome.REACHED_API);
        assertThat(proxied.apiServer()).contains(M0);
        assertThat(proxied.body()).contains("v1.34.1");
    }

    @Test
    void theSeedsAsWrittenServeConfigAnswers404AndAdvertisesNoService() throws IOException {
        start(Homelab.startTalosApi("after-as-written"));
        String m0Name = M0 + "." + TAILNET;

        // {"TCP": {"6443": {"HTTPS": true}}} is served on each control plane's own name, not on a service
        assertThat(tailnet.advertised()).containsOnlyKeys(m0Name + ":6443", M1 + "." + TAILNET + ":6443", M2 + "." + TAILNET + ":6443");

        TailnetClient.Response response = TailnetClient.trustingAll().get(tailnet, m0Name, 6443, "/version");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.reason()).isEqualTo("Not Found");
        assertThat(response.body()).isEqualTo("404 page not found\n");
        assertThat(response.serverChain().get(0).getIssuerX500Principal()).isEqualTo(tailnet.certificateAuthority().getSubjectX500Principal());
        assertThat(api.requests()).isZero();

        DialResult dial = tailnet.dial(m0Name, 6443);
        assertThat(dial.outcome()).isEqualTo(Outcome.HTTP_ANSWER);
        assertThat(dial.status()).isEqualTo(404);
        assertThat(dial.host()).contains(M0);
        assertThat(dial.apiServer()).isEmpty();
        assertThat(dial.message()).contains("tailscaled on talos-master-0 answered 404: no Web handler for " + m0Name + ":6443/version");

        // a kubeconfig trusting only the cluster CA does not even get that far
        assertThatThrownBy(() -> TailnetClient.trusting(kubernetesCa()).get(tailnet, m0Name, 6443, "/version"))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");

        DialResult service = tailnet.dial(API_SERVICE, 6443);
        assertThat(service.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(service.message()).isEqualTo("no host's serve config serves " + API_SERVICE + ":6443");
    }

    @Test
    void withoutTheCertSanAClientDialingTheServiceNameGetsTheCertificateError(@TempDir Path dir) throws IOException {
        Path talconfig = dir.resolve("talconfig.yaml");
        String text = Files.readString(Homelab.DIR.resolve("after/talconfig.yaml"));
        String withoutSan = text.replace("additionalApiServerCertSans:\n  - bastion-k8s.tailnet-4d89.ts.net\n", "");
        assertThat(withoutSan).isNotEqualTo(text);
        Files.writeString(talconfig, withoutSan);
        start(Homelab.startTalosApi(talconfig));

        assertThatThrownBy(() -> TailnetClient.trusting(kubernetesCa()).get(tailnet, API_SERVICE, 6443, "/version"))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No subject alternative DNS name matching bastion-k8s.tailnet-4d89.ts.net found");

        DialResult dial = tailnet.dial(API_SERVICE, 6443);
        assertThat(dial.outcome()).isEqualTo(Outcome.CERTIFICATE_ERROR);
        assertThat(dial.host()).contains(M0);
        assertThat(dial.apiServer()).contains(M0);
        assertThat(dial.message()).startsWith("tls: failed to verify certificate: x509: certificate is valid for ")
                .contains("kubernetes.default.svc.cluster.local")
                .contains(", not bastion-k8s.tailnet-4d89.ts.net (");
        assertThat(api.requests()).isZero();
    }

    @Test
    void theApiServerCertificateCarriesWhatTalosPutsThere() {
        // Talos's KubernetesCertSANsController (secrets/kubernetes_cert_sans.go): the endpoint's host, certSANs,
        // the hostname, the node's addresses, the first service IP, loopback and the in-cluster names.
        start(Homelab.startTalosApi("after"));
        assertThat(ControlPlaneApiServer.certificateNames(cluster.node(M1))).containsExactly("192.168.20.10", API_SERVICE,
                M1, "192.168.20.11", "100.101.0.11", "10.96.0.1", "localhost", "127.0.0.1", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
    }

    @Test
    void plainBytesToTheApiServerGetGosAnswerAndAWorkerRunsNone() throws IOException {
        start(Homelab.startTalosApi("after"));
        try (Socket s = new Socket()) {
            s.connect(tailnet.apiServer(M0));
            s.getOutputStream().write("GET /version HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
        }
        try (Socket s = new Socket()) {
            s.connect(tailnet.apiServer("talos-worker-gpu-0"));
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anUpstreamSpeakingTlsIsReachedToo() throws IOException {
        cluster = Homelab.startTalosApi("after");
        var ca = KubernetesCertificates.selfSignedCa("upstream");
        api = KubernetesApiStub.https(Tls.server(KubernetesCertificates.server(ca, List.of("127.0.0.1")), ca.certificate()));
        tailnet = new SimulatedTailnet(TAILNET, cluster, api.upstream());
        assertThat(TailnetClient.trusting(kubernetesCa()).get(tailnet, API_SERVICE, 6443, "/version").status()).isEqualTo(200);
    }

    @Test
    void namesOutsideTheSuffixDoNotResolve() {
        start(Homelab.startTalosApi("after"));
        assertThatThrownBy(() -> tailnet.endpoint("bastion-k8s.example.org", 6443)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tailnet.dial("bastion-k8s.example.org", 6443).message()).isEqualTo("dial tcp: lookup bastion-k8s.example.org: no such host");
    }
}
