package dev.talosrehearsal.kube.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.sim.kube.ClusterObjects;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import dev.talosrehearsal.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance of issue 7's impact scan: fixtures/homelab/cluster, from files and from the embedded API, list exactly these. */
class ImpactFixtureTest {
    static final Path DIR = Path.of("fixtures/homelab/cluster");

    /** kind namespace/name field value — the intended list, nothing more. */
    static final List<String> EXPECTED = List.of(
            "CiliumClusterwideNetworkPolicy /allow-tailnet-ingress spec.ingress[0].fromCIDRSet[0].cidr 100.64.0.0/10",
            "CiliumClusterwideNetworkPolicy /allow-tailnet-ingress spec.ingress[0].fromCIDRSet[0].except[0] 100.100.100.100/32",
            "CiliumNetworkPolicy monitoring/prometheus-egress spec.egress[0].toCIDR[0] 100.64.0.0/10",
            "ConfigMap kube-system/coredns-custom data.tailnet.server 100.100.100.100",
            "ConfigMap monitoring/prometheus-config data.prometheus.yml 100.101.0.10",
            "ConfigMap monitoring/prometheus-config data.prometheus.yml 100.101.0.11",
            "ConfigMap monitoring/prometheus-config data.prometheus.yml 100.101.0.12",
            "ConfigMap monitoring/prometheus-config data.prometheus.yml 100.101.0.20",
            "EndpointSlice monitoring/gpu-dcgm-exporter-x7k2p endpoints[0].addresses[0] 100.101.0.20",
            "EndpointSlice monitoring/gpu-dcgm-exporter-x7k2p endpoints[1].addresses[0] 100.101.0.21",
            "Endpoints monitoring/gpu-dcgm-exporter subsets[0].addresses[0].ip 100.101.0.20",
            "Endpoints monitoring/gpu-dcgm-exporter subsets[0].addresses[1].ip 100.101.0.21",
            "Ingress media/jellyfin metadata.annotations.nginx.ingress.kubernetes.io/whitelist-source-range 100.64.0.0/10",
            "Ingress monitoring/grafana metadata.annotations.nginx.ingress.kubernetes.io/allowlist-source-range 100.101.0.0/16",
            "NetworkPolicy media/egress-cgnat-except-magicdns spec.egress[0].to[0].ipBlock.cidr 100.0.0.0/8",
            "NetworkPolicy media/egress-cgnat-except-magicdns spec.egress[0].to[0].ipBlock.except[0] 100.100.100.100/32",
            "NetworkPolicy monitoring/allow-tailnet-scrapes spec.ingress[0].from[0].ipBlock.cidr 100.64.0.0/10",
            "Node /talos-master-0 metadata.annotations.alpha.kubernetes.io/provided-node-ip 100.101.0.10",
            "Node /talos-master-0 metadata.annotations.flannel.alpha.coreos.com/public-ip 100.101.0.10",
            "Node /talos-master-1 metadata.annotations.alpha.kubernetes.io/provided-node-ip 100.101.0.11",
            "Node /talos-master-1 metadata.annotations.flannel.alpha.coreos.com/public-ip 100.101.0.11",
            "Node /talos-master-2 metadata.annotations.alpha.kubernetes.io/provided-node-ip 100.101.0.12",
            "Node /talos-master-2 metadata.annotations.flannel.alpha.coreos.com/public-ip 100.101.0.12",
            "Node /talos-worker-gpu-0 metadata.annotations.alpha.kubernetes.io/provided-node-ip 100.101.0.20",
            "Node /talos-worker-gpu-0 metadata.annotations.flannel.alpha.coreos.com/public-ip 100.101.0.20",
            "Node /talos-worker-gpu-1 metadata.annotations.alpha.kubernetes.io/provided-node-ip 100.101.0.21",
            "Node /talos-worker-gpu-1 metadata.annotations.flannel.alpha.coreos.com/public-ip 100.101.0.21",
            "Service home/home-assistant spec.externalIPs[0] 100.101.0.10",
            "Service home/home-assistant spec.loadBalancerSourceRanges[0] 100.64.0.0/10",
            "Service media/jellyfin spec.loadBalancerIP 100.101.0.11");

    static EmbeddedKubernetes api;

    @BeforeAll
    static void start() {
        api = new EmbeddedKubernetes();
        api.start();
        ClusterObjects.load(api, ObjectFiles.read(DIR));
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @Test
    void theDirectoryListsExactlyTheIntendedValues() throws Exception {
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--to-cidr", "192.168.20.0/24", "--json", DIR.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(lines(run.out())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void theEmbeddedClusterListsTheSameThroughAKubeconfig(@TempDir Path tmp) throws Exception {
        Path kubeconfig = api.writeKubeconfig(tmp.resolve("kubeconfig"));
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--to-cidr", "192.168.20.0/24", "--json",
                "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(lines(run.out())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aClusterWithoutTheCiliumCrdsIsScannedWithoutThemAndSaysSo(@TempDir Path tmp) throws Exception {
        try (EmbeddedKubernetes bare = new EmbeddedKubernetes()) {
            bare.start();
            Path files = Files.createDirectories(tmp.resolve("cluster"));
            Files.copy(DIR.resolve("services.yaml"), files.resolve("services.yaml"));
            ClusterObjects.load(bare, ObjectFiles.read(files));
            CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--kubeconfig",
                    bare.writeKubeconfig(tmp.resolve("kubeconfig")).toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("spec.externalIPs[0]", "spec.loadBalancerIP")
                    .contains("not served by this cluster, not scanned: CiliumNetworkPolicy (cilium.io/v2)")
                    .contains("not served by this cluster, not scanned: CiliumClusterwideNetworkPolicy (cilium.io/v2)")
                    .contains("3 values in 2 objects refer to the old range");
        }
    }

    @Test
    void theSecretIsInTheClusterButNeverListed() {
        assertThat(api.client().secrets().inNamespace("home").withName("home-assistant-remote").get()).isNotNull();
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--objects", DIR.toString());
        assertThat(run.out()).doesNotContain("Secret").doesNotContain("home-assistant-remote")
                .contains("30 values in 17 objects refer to the old range");
    }

    static List<String> lines(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(json)) {
            out.add(f.path("kind").asText() + " " + f.path("namespace").asText() + "/" + f.path("name").asText() + " "
                    + f.path("field").asText() + " " + f.path("value").asText());
        }
        return out;
    }
}
