package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.testing.OfficeFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tailnet gates follow what a control plane's config serves and certifies, not the homelab's port 6443
 * (fixtures/office: the API as the Tailscale service kube on port 443), and a host that advertises a Tailscale Service
 * is also gated on its own name, the one target no other host answers.
 */
class TailnetGateRulesTest {
    private static final String TAILNET = "tail7c3e2.ts.net";

    @TempDir
    Path dir;

    @Test
    void theApiServedAsAServiceOnPort443IsGatedThereAndEachHostOnItsOwnNameAtItsApiServersPort() {
        for (String host : List.of("cp-a", "cp-b", "cp-c")) {
            assertThat(tailnetGates(Path.of("fixtures/office"), host)).as(host).containsExactly(
                    new Gate(Gate.Kind.TAILNET_API, List.of(), List.of(), "kube.tail7c3e2.ts.net:443"),
                    // the Service's name answers through any available host (https://tailscale.com/kb/1552/tailscale-services);
                    // only the host's own name, where its kube-apiserver listens (6443, not the Service's 443), is this node's
                    new Gate(Gate.Kind.TAILNET_HOST, List.of(), List.of(), host + ".tail7c3e2.ts.net:6443"));
        }
        assertThat(tailnetGates(Path.of("fixtures/office"), "build-1")).as("workers serve no API").isEmpty();
    }

    @Test
    void theHomelabsControlPlanesAreEachGatedOnTheServiceAndOnTheirOwnName() {
        for (String host : List.of("talos-master-0", "talos-master-1", "talos-master-2")) {
            RenderedNode node = new RehearsalDirectory(Path.of("fixtures/homelab"), "after").afterConfigs().node(host).orElseThrow();
            assertThat(GateRules.forConfig(node.config(), true, host, "tailnet-4d89.ts.net").stream().filter(g -> g.tailnetAddress() != null))
                    .as(host).extracting(Gate::kind, Gate::target).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Gate.Kind.TAILNET_API, "bastion-k8s.tailnet-4d89.ts.net:6443"),
                            org.assertj.core.groups.Tuple.tuple(Gate.Kind.TAILNET_HOST, host + ".tailnet-4d89.ts.net:6443"));
        }
    }

    @Test
    void aHostNamedByTsHostnameIsGatedOnThatName() {
        OfficeFixture.copy(dir);
        OfficeFixture.edit(dir, "after", "        - TS_AUTH_ONCE=true\n", "        - TS_AUTH_ONCE=true\n        - TS_HOSTNAME=office-api\n");

        assertThat(tailnetGates(dir, "cp-b")).extracting(Gate::target)
                .containsExactly("kube.tail7c3e2.ts.net:443", "office-api.tail7c3e2.ts.net:6443");
    }

    @Test
    void everyServedPortIsGatedAndTheHostsOwnNameIsTsHostnameAsLintAndTheSimulatorHaveIt() {
        OfficeFixture.copy(dir);
        OfficeFixture.edit(dir, "after", "        - TS_AUTH_ONCE=true\n", "        - TS_AUTH_ONCE=true\n        - TS_HOSTNAME=office-api\n");
        OfficeFixture.edit(dir, "after", "\"Services\": {", "\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}},"
                + " \"Services\": {\"svc:docs\": {\"TCP\": {\"443\": {\"HTTPS\": true}},"
                + " \"Web\": {\"docs.tail7c3e2.ts.net:443\": {\"Handlers\": {\"/\": {\"Text\": \"docs\"}}}}},");

        // no tailnet-host gate: the host's own name already serves 6443, a gate only this node can pass
        assertThat(tailnetGates(dir, "cp-b")).extracting(Gate::kind, Gate::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Gate.Kind.TAILNET_API, "office-api.tail7c3e2.ts.net:6443"),
                org.assertj.core.groups.Tuple.tuple(Gate.Kind.TAILNET_SERVE, "https://docs.tail7c3e2.ts.net:443"),
                org.assertj.core.groups.Tuple.tuple(Gate.Kind.TAILNET_API, "kube.tail7c3e2.ts.net:443"));
    }

    @Test
    void aTailnetCertSanNothingServesHereIsDialledOnThePortsTheApiIsServedOn() {
        OfficeFixture.copy(dir);
        OfficeFixture.edit(dir, "after", "  - kube.tail7c3e2.ts.net\n", "  - kube.tail7c3e2.ts.net\n  - k8s.tail7c3e2.ts.net\n  - k8s.example.com\n");

        assertThat(tailnetGates(dir, "cp-c")).extracting(Gate::target)
                .containsExactly("kube.tail7c3e2.ts.net:443", "k8s.tail7c3e2.ts.net:443", "cp-c.tail7c3e2.ts.net:6443");
    }

    /**
     * The Tailscale Kubernetes operator's API server proxy serves a tailnet name in certSANs on a cluster whose nodes run no
     * tailscale extension (a real config, JJGadgets/Biohazard): no apply on a node changes whether it answers, nor on
     * which port, so no node is gated on it — gated, every control plane timed out on it and the rollout was rolled back.
     */
    @Test
    void aNodeWithoutTheTailscaleExtensionHasNoTailnetGateForATailnetCertSan() {
        OfficeFixture.copy(dir);
        RenderedNode node = new RehearsalDirectory(dir, "after").afterConfigs().node("cp-c").orElseThrow();
        assertThat(dev.talosrehearsal.machineconfig.ConfigSetting.API_SERVER_CERT_SANS.strings(node.config())).contains("kube.tail7c3e2.ts.net");
        dev.talosrehearsal.machineconfig.MachineConfig withoutTailscale = new dev.talosrehearsal.machineconfig.MachineConfig(
                node.config().documents().stream().filter(d -> !"ExtensionServiceConfig".equals(d.path("kind").asText())).toList());

        assertThat(GateRules.forConfig(withoutTailscale, true, "cp-c", TAILNET)).extracting(Gate::tailnetAddress).containsOnlyNulls();
    }

    private static List<Gate> tailnetGates(Path fixture, String hostname) {
        RenderedNode node = new RehearsalDirectory(fixture, "after").afterConfigs().node(hostname).orElseThrow();
        return GateRules.forConfig(node.config(), node.controlPlane(), node.hostname(), TAILNET).stream()
                .filter(g -> g.tailnetAddress() != null).toList();
    }
}
