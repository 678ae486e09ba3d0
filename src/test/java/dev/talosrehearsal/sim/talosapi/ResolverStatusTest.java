package dev.talosrehearsal.sim.talosapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a simulated node reports as its ResolverStatus ({@code resolvers}). From v1.14 Talos reports each resolver with
 * its protocol in {@code nameServers} and keeps filling the deprecated flat {@code dnsServers}
 * (pkg/machinery/resources/network/resolver_status.go, controllers/network/resolver_spec.go at v1.14.0-rc.1).
 */
class ResolverStatusTest {
    private static final String TALCONFIG = """
            clusterName: t
            talosVersion: %s
            kubernetesVersion: v1.36.3
            endpoint: https://10.77.0.11:6443
            nodes:
              - hostname: cp-1
                ipAddress: 10.77.0.11
                controlPlane: true
                installDisk: /dev/sda
            patches:
              - |-
                apiVersion: v1alpha1
                kind: ResolverConfig
                nameservers:
                  - address: 10.77.0.1
                  - address: 2606:4700:4700:0:0:0:0:1111
                    protocol: dot
                    tlsServerName: one.one.one.one
                hostDNS:
                  enabled: true
            """;

    @TempDir
    Path dir;

    @Test
    void fromV114EachResolverCarriesItsProtocolBesideTheFlatList() throws IOException {
        JsonNode spec = resolverStatus("v1.14.0-rc.1");

        assertThat(spec.path("dnsServers").toString()).isEqualTo("[\"10.77.0.1\",\"2606:4700:4700::1111\"]");
        assertThat(spec.path("nameServers").toString()).isEqualTo("[{\"addr\":\"10.77.0.1\",\"protocol\":\"Do53\",\"tlsServerName\":\"\"},"
                + "{\"addr\":\"2606:4700:4700::1111\",\"protocol\":\"DoT\",\"tlsServerName\":\"one.one.one.one\"}]");
    }

    @Test
    void beforeV114OnlyTheFlatList() throws IOException {
        JsonNode spec = resolverStatus("v1.13.9");

        assertThat(spec.path("dnsServers").toString()).isEqualTo("[\"10.77.0.1\",\"2606:4700:4700::1111\"]");
        assertThat(spec.has("nameServers")).isFalse();
    }

    private JsonNode resolverStatus(String release) throws IOException {
        // v1.13 has neither hostDNS in ResolverConfig nor encrypted resolvers: the same addresses, plainly
        String text = release.startsWith("v1.14") ? TALCONFIG.formatted(release)
                : TALCONFIG.formatted(release).replace("    protocol: dot\n        tlsServerName: one.one.one.one\n", "")
                        .replace("    hostDNS:\n      enabled: true\n", "");
        Path file = Files.writeString(dir.resolve("talconfig.yaml"), text);
        MachineConfig config = new ClusterRenderer().render(new TalConfigLoader(Map.of()).load(file),
                SecretsFile.read(Path.of("src/test/resources/secrets/test-talsecret.yaml"))).nodes().get(0).config();
        Inventory.Node machine = Inventory.parse("nodes:\n  cp-1:\n    interfaces:\n      eth0: [10.77.0.11/24]\n", "inventory.yaml")
                .node("cp-1").orElseThrow();
        SimulatedNode node = new SimulatedNode("cp-1", TalosVersion.parse(release), machine, new SimulatedEtcd(), new SimClock());
        node.boot(config);

        List<SimResource> resolvers = new NodeResources(node, List.of(node)).of("ResolverStatuses.net.talos.dev");

        return new ObjectMapper().valueToTree(resolvers.get(0).spec());
    }
}
