package dev.talosrehearsal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners only where a real cluster has them, and endpoints that go down with their node: the seed's cluster
 * (three control planes, two workers) listens on its three control planes only; a control plane that reboots
 * refuses connections until it is back, and a client holding all endpoints — as talosctl with its round-robin
 * resolver (Talos pkg/machinery/client/resolver/roundrobin.go) — keeps working through the others.
 */
class EndpointFailoverTest {
    static final Path HOMELAB = Path.of("fixtures/homelab");
    SimulatedTalosNodes cluster;
    TalosClient client;

    @BeforeEach
    void start() {
        SecretsBundle secrets = SecretsFile.read(HOMELAB.resolve("talsecret.yaml"));
        TalConfig before = new TalConfigLoader(TalEnv.read(HOMELAB.resolve("talenv.yaml"))).load(HOMELAB.resolve("before/talconfig.yaml"));
        RenderedCluster rendered = new ClusterRenderer().render(before, secrets);
        cluster = SimulatedTalosNodes.start(new SimulatedTalosNodes.Spec(rendered, before.talosVersion(),
                Inventory.read(HOMELAB.resolve("inventory.yaml")), secrets, null, NodeTimings.DEFAULT, new SimClock()));
        TalosConfig.Context ctx = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        client = TalosClient.connect(ctx, ctx.endpoints(), new TalosClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void onlyTheControlPlanesListenAndWorkersAreReachedThroughThem() {
        assertThat(cluster.endpointHosts()).containsExactly("talos-master-0", "talos-master-1", "talos-master-2");
        assertThat(TalosConfig.parse(cluster.talosconfig(), "talosconfig", null).endpoints()).hasSize(3);
        assertThatThrownBy(() -> cluster.endpoint("talos-worker-gpu-0")).isInstanceOf(IllegalArgumentException.class);

        assertThat(client.version(List.of("192.168.20.20")).get(0).ok()).isTrue();
    }

    @Test
    void aRebootingEndpointAnswersItsRebootThenRefusesConnectionsWhileTheOthersServe() {
        String master1 = cluster.endpoint("talos-master-1");
        String master1Address = "192.168.20.11";

        // through itself or another endpoint: either way the Reboot call is answered before the node goes down
        client.reboot(master1Address);

        await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.listening("talos-master-1"));
        assertThat(accepts(master1)).isFalse();
        assertThat(client.version(List.of("192.168.20.20")).get(0).ok()).isTrue();
        assertThatThrownBy(() -> client.services(List.of(master1Address)).get(0).orThrow())
                .isInstanceOf(TalosApiException.class)
                .satisfies(e -> assertThat(((TalosApiException) e).code()).isEqualTo(Status.Code.UNAVAILABLE))
                .hasMessageContaining("connection refused");

        cluster.clock().advance(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.listening("talos-master-1"));
        assertThat(client.services(List.of(master1Address)).get(0).ok()).isTrue();
    }

    /**
     * gRPC waits out a reconnect backoff (1 s, growing by 1.6 up to 2 minutes) before it dials a failed endpoint
     * again, and fails every call in between at once. Through a talosconfig with a single endpoint, a gate polling
     * a control plane back from a long reboot would see it only when that backoff ends; the client dials again
     * when a call finds every endpoint failed, as talosctl dials anew for every command.
     */
    @Test
    void throughItsOnlyEndpointANodeBackFromRebootIsSeenWithoutWaitingOutTheReconnectBackoff() throws Exception {
        TalosConfig.Context ctx = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        try (TalosClient single = TalosClient.connect(ctx, cluster.endpoint("talos-master-0"),
                new TalosClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)))) {
            single.reboot("192.168.20.10");
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.listening("talos-master-0"));
            // down for 4 s of wall time, polled as a gate would: by then gRPC's backoff is at least 2.5 s
            long downUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < downUntil) {
                assertThat(answers(single, "192.168.20.10")).isFalse();
                Thread.sleep(200);
            }

            cluster.clock().advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.listening("talos-master-0"));

            await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(100))
                    .until(() -> answers(single, "192.168.20.10"));
        }
    }

    @Test
    void awaitConnectedDialsAnEndpointBackFromRebootAtOnce() {
        TalosConfig.Context ctx = TalosConfig.parse(cluster.talosconfig(), "talosconfig", null);
        try (TalosClient single = TalosClient.connect(ctx, cluster.endpoint("talos-master-0"),
                new TalosClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)))) {
            assertThat(single.awaitConnected(Duration.ofSeconds(10))).isTrue();
            single.reboot("192.168.20.10");
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.listening("talos-master-0"));
            assertThat(answers(single, "192.168.20.10")).isFalse();
            assertThat(single.awaitConnected(Duration.ofMillis(300))).as("nothing listens").isFalse();

            cluster.clock().advance(Duration.ofMinutes(1));
            cluster.awaitListeners();

            assertThat(single.awaitConnected(Duration.ofSeconds(10))).isTrue();
            assertThat(answers(single, "192.168.20.10")).isTrue();
        }
    }

    private static boolean answers(TalosClient client, String node) {
        try {
            return client.version(List.of(node)).get(0).ok();
        } catch (TalosApiException e) {
            return false;
        }
    }

    private static boolean accepts(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        try (Socket s = new Socket(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)))) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
