package dev.talosrehearsal.sim.talosapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.ResourceDefinition;
import dev.talosrehearsal.talos.ResourceTypes;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResource;
import dev.talosrehearsal.talos.TalosResources;
import dev.talosrehearsal.testing.Homelab;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production client's resource reads against the simulated apid of the homelab (before/): the COSI State
 * service over mutual TLS, List streamed, each node targeted with {@code node} through an endpoint.
 */
class ResourceApiRoundTripTest {
    static SimulatedTalosNodes cluster;
    static TalosClient talos;
    static TalosResources resources;

    @BeforeAll
    static void start() {
        cluster = Homelab.startTalosApi("before");
        talos = Homelab.client(cluster);
        resources = talos.resources();
    }

    @AfterAll
    static void stop() {
        talos.close();
        cluster.close();
    }

    /** talos pkg/machinery/resources/network/address_status.go: one resource per address, loopback's too. */
    @Test
    void addressStatusesListEveryAddressOfAWorkerReachedThroughAnEndpoint() {
        List<TalosResource> addresses = resources.list(List.of("192.168.20.21"), ResourceTypes.NETWORK, ResourceTypes.ADDRESS_STATUS)
                .get(0).orThrow();
        assertThat(addresses).extracting(TalosResource::id)
                .contains("lo/127.0.0.1/8", "eth0/192.168.20.21/24", "tailscale0/100.101.0.21/32");
        TalosResource lan = addresses.stream().filter(a -> a.id().equals("eth0/192.168.20.21/24")).findFirst().orElseThrow();
        assertThat(lan.spec().path("linkName").asText()).isEqualTo("eth0");
        assertThat(lan.spec().path("family").asText()).isEqualTo("inet4");
        assertThat(lan.namespace()).isEqualTo("network");
        assertThat(lan.node()).isEqualTo("192.168.20.21");
    }

    /** internal/app/machined/pkg/controllers/network/node_address.go and k8s/address_filter.go. */
    @Test
    void nodeAddressesCarryTheListsTheKubeletAndEtcdChooseFrom() {
        Map<String, List<String>> lists = resources.nodeAddresses(List.of("192.168.20.10")).get(0).orThrow();
        assertThat(lists).containsKeys("default", "current", "routed", "accumulative", ResourceTypes.ROUTED_NO_K8S,
                ResourceTypes.CURRENT_NO_K8S);
        assertThat(lists.get(ResourceTypes.ROUTED_NO_K8S)).containsExactly("100.101.0.10/32", "192.168.20.10/24");
    }

    @Test
    void linksRoutesAndHostname() {
        assertThat(resources.list(List.of("192.168.20.11"), ResourceTypes.NETWORK, ResourceTypes.LINK_STATUS).get(0).orThrow())
                .extracting(TalosResource::id).containsExactly("lo", "eth0", "tailscale0");
        List<TalosResource> routes = resources.list(List.of("192.168.20.11"), ResourceTypes.NETWORK, ResourceTypes.ROUTE_STATUS)
                .get(0).orThrow();
        assertThat(routes).extracting(TalosResource::id).containsExactly("inet4//192.168.20.0/24/0");
        assertThat(routes.get(0).spec().path("outLinkName").asText()).isEqualTo("eth0");
        TalosResource hostname = resources.get(List.of("192.168.20.11"), ResourceTypes.NETWORK, ResourceTypes.HOSTNAME_STATUS, "hostname")
                .get(0).orThrow();
        assertThat(hostname.spec().path("hostname").asText()).isEqualTo("talos-master-1");
    }

    /**
     * ResolverStatus holds netip.Addr values (network/resolver_config.go), so a nameserver written in full reads back as Go
     * prints it (RFC 5952), and the verification, which compares through the same rule, finds it as written.
     */
    @Test
    void resolversReadBackAsTalosPrintsThem() {
        var node = cluster.node("talos-master-2");
        String yaml = node.activeConfig().toYaml();
        assertThat(yaml).contains("- 100.100.100.100");
        node.apply(yaml.replace("- 100.100.100.100", "- 2606:4700:4700:0:0:0:0:1111").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dev.talosrehearsal.talos.ApplyMode.NO_REBOOT, false, null);

        TalosResource resolvers = resources.get(List.of("192.168.20.12"), ResourceTypes.NETWORK, ResourceTypes.RESOLVER_STATUS,
                ResourceTypes.RESOLVERS).get(0).orThrow();

        assertThat(resolvers.spec().path("dnsServers").get(0).asText()).isEqualTo("2606:4700:4700::1111");
        assertThat(dev.talosrehearsal.machineconfig.Resolvers.asReported("2606:4700:4700:0:0:0:0:1111")).isEqualTo("2606:4700:4700::1111");
        assertThat(dev.talosrehearsal.machineconfig.Resolvers.asReported("not-an-address")).isEqualTo("not-an-address");
    }

    /** cluster/member.go: every node, as discovery publishes it, on every node. */
    @Test
    void membersListTheWholeClusterOnAnyNode() {
        List<TalosResource> members = resources.list(List.of("192.168.20.20"), ResourceTypes.CLUSTER, ResourceTypes.MEMBER).get(0).orThrow();
        assertThat(members).extracting(TalosResource::id).containsExactlyElementsOf(Homelab.ALL);
        assertThat(members.get(0).spec().path("machineType").asText()).isEqualTo("controlplane");
        assertThat(members.get(4).spec().path("machineType").asText()).isEqualTo("worker");
        assertThat(members.get(0).spec().path("operatingSystem").asText()).startsWith("Talos (v1.");
    }

    /** etcd/member.go: the local member's ID on a control plane, as EtcdMemberList reports it; none on a worker. */
    @Test
    void etcdMemberIsTheLocalMembersIdOnControlPlanesOnly() {
        TalosResource local = resources.get(List.of("192.168.20.12"), ResourceTypes.ETCD, ResourceTypes.ETCD_MEMBER, "local").get(0).orThrow();
        long id = talos.etcdMembers(List.of("192.168.20.12")).get(0).orThrow().stream()
                .filter(m -> m.hostname().equals("talos-master-2")).findFirst().orElseThrow().id();
        assertThat(local.spec().path("memberID").asText()).isEqualTo(String.format("%016x", id));
        assertThat(resources.list(List.of("192.168.20.20"), ResourceTypes.ETCD, ResourceTypes.ETCD_MEMBER).get(0).orThrow()).isEmpty();
    }

    /** config/machine_config.go: the running config as the spec's text; sensitive, so os:admin only. */
    @Test
    void machineConfigIsTheAppliedConfigAndOnlyAnAdminMayReadIt() {
        TalosResource config = resources.get(List.of("192.168.20.10"), ResourceTypes.CONFIG, ResourceTypes.MACHINE_CONFIG, "v1alpha1")
                .get(0).orThrow();
        assertThat(config.spec().asText()).contains("hostname: talos-master-0").contains("validSubnets");
        assertThat(config.toString()).doesNotContain("BEGIN");

        OsCertificates.Issued reader = OsCertificates.client(Homelab.secrets(), "os:reader");
        TalosConfig.Context admin = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        TalosConfig.Context readerContext = new TalosConfig.Context(admin.name(), admin.endpoints(), admin.nodes(), admin.ca(),
                reader.certificate(), reader.privateKey());
        try (TalosClient asReader = TalosClient.connect(readerContext, admin.endpoints(), new TalosClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> asReader.resources().get(List.of("192.168.20.10"), ResourceTypes.CONFIG,
                    ResourceTypes.MACHINE_CONFIG, "v1alpha1"))
                    .isInstanceOf(TalosApiException.class).hasMessageEndingWith("PERMISSION_DENIED: not authorized");
            // addresses are not sensitive: a reader sees them
            assertThat(asReader.resources().list(List.of("192.168.20.10"), ResourceTypes.NETWORK, ResourceTypes.ADDRESS_STATUS).get(0).ok()).isTrue();
        }
    }

    /** talos pkg/machinery/client/resources.go, ResolveResourceKind: aliases and plural names match, any case. */
    @Test
    void typesResolveByAliasAsTalosctlDoes() {
        assertThat(resources.resolve(null, "addresses").type()).isEqualTo(ResourceTypes.ADDRESS_STATUS);
        assertThat(resources.resolve(null, "NodeAddresses").type()).isEqualTo(ResourceTypes.NODE_ADDRESS);
        assertThat(resources.resolve(null, "etcdmembers").defaultNamespace()).isEqualTo("etcd");
        assertThat(resources.resolve(null, "mc").sensitive()).isTrue();
        ResourceDefinition links = resources.resolve("192.168.20.20", "links");
        assertThat(links.printColumns()).extracting(ResourceDefinition.PrintColumn::name).contains("Hw Addr", "Oper State");
        assertThatThrownBy(() -> resources.resolve(null, "nosuchthing")).isInstanceOf(TalosApiException.class)
                .hasMessageContaining("resource \"nosuchthing\" is not registered");
    }

    /** inmem/errors.go and talos internal/app/resources/access.go. */
    @Test
    void missingResourcesAndUnknownTypesFailAsOnTalos() {
        // a control plane and a worker: the worker's NOT_FOUND stays in its own reply
        List<NodeReply<TalosResource>> local = resources.get(List.of("192.168.20.10", "192.168.20.20"), ResourceTypes.ETCD,
                ResourceTypes.ETCD_MEMBER, "local");
        assertThat(local.get(0).ok()).isTrue();
        assertThat(local.get(1).errorCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(local.get(1).error()).isEqualTo("resource EtcdMembers.etcd.talos.dev(etcd/local@undefined) doesn't exist");
        assertThatThrownBy(() -> resources.list(List.of("192.168.20.10"), "network", "Bogus.net.talos.dev"))
                .hasMessageEndingWith("PERMISSION_DENIED: resource type \"Bogus.net.talos.dev\" is not supported");
        assertThatThrownBy(() -> resources.list(List.of("192.168.20.10"), "nowhere", ResourceTypes.LINK_STATUS))
                .hasMessageEndingWith("PERMISSION_DENIED: namespace \"nowhere\" is not supported");
    }

    /** A node that is down fails its own reply with apid's dial error, as for the machine API. */
    @Test
    void aNodeThatIsDownFailsItsReplyAndTheOthersAnswer() {
        List<NodeReply<List<TalosResource>>> replies = resources.list(List.of("192.168.20.20", "192.168.20.99"),
                ResourceTypes.NETWORK, ResourceTypes.ADDRESS_STATUS);
        assertThat(replies.get(0).ok()).isTrue();
        assertThat(replies.get(1).errorCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(replies.get(1).error()).contains("dial tcp 192.168.20.99:50000");
    }
}
