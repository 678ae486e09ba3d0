package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Homelab;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code talos get -w} against the simulated homelab, printed as talosctl's {@code get -w} prints (talos
 * cmd/talosctl/cmd/talos/get.go; output/table.go and yaml.go with events). A cluster per test: the tests change nodes.
 */
class TalosGetWatchCommandTest {
    @TempDir
    Path dir;
    Path talosconfig;
    SimulatedTalosNodes cluster;

    @BeforeEach
    void start() throws IOException {
        cluster = Homelab.startTalosApi("before");
        talosconfig = dir.resolve("talosconfig");
        Files.writeString(talosconfig, cluster.talosconfig());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private String[] args(String... args) {
        return TalosGetCommandTest.talosGet(talosconfig, args);
    }

    /**
     * table.go with events: a column {@code *} after NODE, {@code +} for each resource there was; the current contents
     * printed as one aligned block once the node said it sent them all (get.go flushes on BOOTSTRAPPED). {@code --timeout}
     * given ends the watch, normally.
     */
    @Test
    void theCurrentContentsAreCreatedRowsUntilTheTimeout() {
        CliRun run = CliRun.of(args("addresses", "-n", "192.168.20.21", "-w", "--timeout", "3"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NODE", "*", "NAMESPACE", "TYPE", "ID", "VERSION", "ADDRESS", "LINK");
        assertThat(run.out()).containsPattern("192\\.168\\.20\\.21 +\\+ +network +AddressStatus +eth0/192\\.168\\.20\\.21/24 +\\d+ +192\\.168\\.20\\.21/24 +eth0");
    }

    /**
     * The change a migration makes, watched as it happens: the worker's node-address list moves to the LAN (a blank
     * {@code *}: updated), then the node reboots and its watch ends, and the command with it, on one line (get.go:
     * "error watching resource").
     */
    @Test
    void anUpdateIsPrintedAsItHappensAndANodeGoingDownEndsTheWatch() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> Main.run(
                args("nodeaddresses", "-n", "192.168.20.20", "-w"), new PrintWriter(out, true), new PrintWriter(err, true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("routed-no-k8s"));

        try (TalosClient talos = Homelab.client(cluster)) {
            talos.apply("192.168.20.20", Homelab.after(Homelab.W0).toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().lines()
                    .anyMatch(l -> l.matches("192\\.168\\.20\\.20 {7}network +NodeAddress +routed-no-k8s +\\d+ +\\[\"192\\.168\\.20\\.20/24\"\\].*")));
            talos.reboot("192.168.20.20");
        }

        int code = running.get(30, TimeUnit.SECONDS);
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error watching resource: 192.168.20.20: UNAVAILABLE: error reading from server: EOF");
    }

    /** yaml.go with events: {@code event: created} after {@code node}; a sensitive type's spec stays redacted. */
    @Test
    void yamlDocumentsNameTheirEvent() {
        CliRun run = CliRun.of(args("hostname", "-n", "192.168.20.11", "-w", "-o", "yaml", "--timeout", "3"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("node: 192.168.20.11\nevent: created\nmetadata:\n").contains("hostname: talos-master-1");

        CliRun config = CliRun.of(args("machineconfig", "v1alpha1", "-n", "192.168.20.11", "-w", "-o", "yaml", "--timeout", "3"));
        assertThat(config.out()).contains("event: created").contains("redacted").doesNotContain("token:").doesNotContain("BEGIN");
    }

    @Test
    void watchingIntoAFileIsBadInputOnOneLine() {
        CliRun run = CliRun.of(args("addresses", "-w", "--output-file", dir.resolve("x").toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--watch prints as it goes");
    }
}
