package dev.talosrehearsal.sim.talosapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.ResourceTypes;
import dev.talosrehearsal.talos.ResourceWatch;
import dev.talosrehearsal.talos.ResourceWatch.EventType;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResource;
import dev.talosrehearsal.testing.Homelab;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production client's resource watch against the simulated apid of the homelab (before/): {@code Watch} streamed
 * over mutual TLS, each node targeted with {@code node} through an endpoint, events derived from the node model as it
 * changes. A cluster per test: the tests change the nodes.
 */
class ResourceWatchRoundTripTest {
    /** How long a test waits for an event before it fails: a bound on a hang, not a measured time. */
    private static final long PATIENCE_SECONDS = 30;
    private static final String W0 = "192.168.20.20";
    private static final String W1 = "192.168.20.21";

    SimulatedTalosNodes cluster;
    TalosClient talos;
    final BlockingQueue<ResourceWatch.Event> events = new LinkedBlockingQueue<>();
    final List<ResourceWatch> watches = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = Homelab.startTalosApi("before");
        talos = Homelab.client(cluster);
    }

    @AfterEach
    void stop() {
        watches.forEach(ResourceWatch::close);
        talos.close();
        cluster.close();
    }

    private ResourceWatch watch(String node, String namespace, String type, String id) {
        ResourceWatch w = talos.resources().watch(node, namespace, type, id, events::add);
        watches.add(w);
        return w;
    }

    private ResourceWatch.Event next() throws InterruptedException {
        ResourceWatch.Event e = events.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(e).as("an event within %d s", PATIENCE_SECONDS).isNotNull();
        return e;
    }

    /** The first event that matches, skipping the others (a change of the model may touch several resources). */
    private ResourceWatch.Event nextMatching(Predicate<ResourceWatch.Event> wanted) throws InterruptedException {
        while (true) {
            ResourceWatch.Event e = next();
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    /**
     * cosi-project/runtime v1.14.1 pkg/state/impl/inmem/collection.go, WatchAll with bootstrap contents: every resource
     * there is, sorted by ID, as CREATED, then one BOOTSTRAPPED; pkg/state/protobuf/server/server.go sends BOOTSTRAPPED to
     * clients asking api_version 1, as COSI's client (and this one) does.
     */
    @Test
    void aTypeIsWatchedWithItsContentsByIdThenBootstrapped() throws InterruptedException {
        watch(W1, ResourceTypes.NETWORK, ResourceTypes.ADDRESS_STATUS, null);
        List<String> listed = talos.resources().list(List.of(W1), ResourceTypes.NETWORK, ResourceTypes.ADDRESS_STATUS).get(0).orThrow()
                .stream().map(TalosResource::id).sorted().toList();

        List<ResourceWatch.Event> bootstrap = new ArrayList<>();
        for (ResourceWatch.Event e = next(); e.type() != EventType.BOOTSTRAPPED; e = next()) {
            bootstrap.add(e);
        }

        assertThat(bootstrap).extracting(ResourceWatch.Event::type).containsOnly(EventType.CREATED);
        assertThat(bootstrap).extracting(e -> e.resource().id()).containsExactlyElementsOf(listed)
                .contains("eth0/192.168.20.21/24", "tailscale0/100.101.0.21/32");
        assertThat(bootstrap.get(0).node()).isEqualTo(W1);
        assertThat(bootstrap.get(0).resource().spec().path("linkName").asText()).isNotEmpty();
    }

    /**
     * The migration's own change seen live: the worker's kubelet validSubnets move to the LAN (applied without a reboot),
     * and the node-address list the kubelet picks its IP from is UPDATED, with the list before as {@code old}
     * (collection.go, Update: Updated with Old; talos internal/app/machined/pkg/controllers/network/node_address.go).
     */
    @Test
    void anApplyThatMovesTheNodeIpUpdatesItsNodeAddressesLive() throws InterruptedException {
        watch(W0, ResourceTypes.NETWORK, ResourceTypes.NODE_ADDRESS, null);
        nextMatching(e -> e.type() == EventType.BOOTSTRAPPED);

        talos.apply(W0, Homelab.after(Homelab.W0).toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);

        ResourceWatch.Event updated = nextMatching(e -> e.type() == EventType.UPDATED && e.resource().id().equals(ResourceTypes.ROUTED_NO_K8S));
        assertThat(addresses(updated.old())).contains("100.101.0.20/32");
        assertThat(addresses(updated.resource())).containsExactly("192.168.20.20/24");
        assertThat(talos.resources().nodeAddresses(List.of(W0)).get(0).orThrow().get(ResourceTypes.ROUTED_NO_K8S))
                .isEqualTo(addresses(updated.resource()));
    }

    /**
     * A control plane's apply restarts ext-tailscale (its serve config changed): tailscale0's address leaves "current"
     * and comes back once the service runs again, while "accumulative", which node_address.go only ever adds to, is
     * never updated. (The migration removes tailscale from the workers: theirs leaves "current" for good.)
     */
    @Test
    void tailscalesAddressLeavesCurrentWhileItRestartsAndNeverLeavesAccumulative() throws InterruptedException {
        String m0 = "192.168.20.10";
        watch(m0, ResourceTypes.NETWORK, ResourceTypes.NODE_ADDRESS, null);
        nextMatching(e -> e.type() == EventType.BOOTSTRAPPED);

        talos.apply(m0, Homelab.after(Homelab.M0).toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.NO_REBOOT, false, null);
        ResourceWatch.Event gone = nextMatching(e -> e.type() == EventType.UPDATED && e.resource().id().equals("current"));
        cluster.clock().advance(java.time.Duration.ofSeconds(10));
        ResourceWatch.Event back = nextMatching(e -> e.type() == EventType.UPDATED && e.resource().id().equals("current")
                || e.resource().id().equals("accumulative"));

        assertThat(addresses(gone.resource())).doesNotContain("100.101.0.10/32");
        assertThat(back.resource().id()).as("accumulative is never updated").isEqualTo("current");
        assertThat(addresses(back.resource())).contains("100.101.0.10/32", "192.168.20.10/24");
        assertThat(talos.resources().nodeAddresses(List.of(m0)).get(0).orThrow().get("accumulative"))
                .containsExactlyInAnyOrder("100.101.0.10/32", "192.168.20.10/24");
    }

    /**
     * One resource: its state now first — CREATED, or DESTROYED when there is none — and no BOOTSTRAPPED
     * (collection.go, Watch: the initial event); bootstrap contents of one resource COSI refuses (server.go, Watch).
     */
    @Test
    void oneResourceIsWatchedFromItsStateNow() throws InterruptedException {
        watch(W1, ResourceTypes.NETWORK, ResourceTypes.HOSTNAME_STATUS, "hostname");
        ResourceWatch.Event first = next();
        assertThat(first.type()).isEqualTo(EventType.CREATED);
        assertThat(first.resource().spec().path("hostname").asText()).isEqualTo(Homelab.W1);

        watch(W1, ResourceTypes.ETCD, ResourceTypes.ETCD_MEMBER, "local");
        ResourceWatch.Event none = next();
        assertThat(none.type()).isEqualTo(EventType.DESTROYED);
        assertThat(none.resource().id()).isEqualTo("local");
        assertThat(none.resource().version()).isEqualTo("undefined");
    }

    /**
     * A node that reboots takes its apid down, and the stream through the endpoint ends UNAVAILABLE, as a proxied stream
     * whose backend connection breaks does (grpc-proxy passes the backend's status on); the watch does not resume itself
     * (COSI's client retries only from a bookmark).
     */
    @Test
    void aNodeGoingDownEndsItsWatchUnavailable() throws InterruptedException {
        ResourceWatch watch = watch(W1, ResourceTypes.NETWORK, ResourceTypes.LINK_STATUS, null);
        nextMatching(e -> e.type() == EventType.BOOTSTRAPPED);

        talos.reboot(W1);

        assertThatThrownBy(() -> watch.ended().get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TalosApiException.class)
                .hasMessage(W1 + ": UNAVAILABLE: " + ResourceWatchSession.GONE);
    }

    /** talos internal/app/resources/access.go applies to watches too: the access checks come before the watch is set up. */
    @Test
    void aWatchIsRefusedAsAListWouldBe() {
        assertThatThrownBy(() -> watch(W1, ResourceTypes.NETWORK, "NoSuchThings.net.talos.dev", null))
                .isInstanceOf(TalosApiException.class)
                .hasMessage(W1 + ": PERMISSION_DENIED: resource type \"NoSuchThings.net.talos.dev\" is not supported");

        OsCertificates.Issued reader = OsCertificates.client(Homelab.secrets(), "os:reader");
        TalosConfig.Context admin = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        TalosConfig.Context readerContext = new TalosConfig.Context(admin.name(), admin.endpoints(), admin.nodes(), admin.ca(),
                reader.certificate(), reader.privateKey());
        try (TalosClient asReader = TalosClient.connect(readerContext, admin.endpoints(),
                new TalosClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> asReader.resources().watch(W1, ResourceTypes.CONFIG, ResourceTypes.MACHINE_CONFIG, null, e -> { }))
                    .isInstanceOf(TalosApiException.class).hasMessage(W1 + ": PERMISSION_DENIED: not authorized");
        }
        // a node that is down: the call's error, as for every call through apid
        cluster.node(Homelab.W1).reboot();
        assertThatThrownBy(() -> watch(W1, ResourceTypes.NETWORK, ResourceTypes.LINK_STATUS, null))
                .isInstanceOf(TalosApiException.class).extracting(e -> ((TalosApiException) e).code()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    private static List<String> addresses(TalosResource r) {
        List<String> out = new ArrayList<>();
        r.spec().path("addresses").forEach(a -> out.add(a.asText()));
        return out;
    }
}
