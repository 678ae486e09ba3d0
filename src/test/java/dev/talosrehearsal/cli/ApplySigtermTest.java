package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.node.NodeEvent;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "SIGTERM during a gate": {@code apply} in its own process gets a real SIGTERM while it waits for a gate.
 * Before, the JVM ended at once wherever it was; now it stops before its next action, journals that, prints the
 * node-state table and the way on, and the journal it leaves is one {@code resume} finishes.
 */
class ApplySigtermTest {
    static final String NODE = "talos-worker-gpu-0";
    @TempDir
    Path dir;
    @AutoClose
    RealTimeHomelab homelab;

    @Test
    void sigtermDuringAGateStopsBeforeTheNextActionWithAJournalResumeFinishes() throws Exception {
        homelab = new RealTimeHomelab(dir);
        Path journal = dir.resolve("journal");
        String[] apply = RealTimeHomelab.inputs(homelab.access("apply", "--from", RealTimeHomelab.BEFORE, "--to", RealTimeHomelab.AFTER,
                "--node", NODE, "--yes", "--journal", journal.toString()));
        Process process = FreshJvmRun.builder(List.of("-XX:-UsePerfData"), "dev.talosrehearsal.cli.Main", apply)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        List<String> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.add(line);
                if (line.contains(NODE + " apply … ok")) {
                    homelab.cluster.node(NODE).faults().kubeletCrashloop(true); // the gate now waits (up to 20 s)
                }
                if (line.endsWith(NODE + " gate kube-node-ready … waiting")) {
                    process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                }
            }
        }
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String printed = String.join("\n", out);

        assertThat(process.exitValue()).as(printed).isEqualTo(128 + 15);
        assertThat(printed).contains("stop requested: the rollout stops before its next action")
                .contains("outcome: stopped — stopped on request (signal) before the next action of the rollout")
                .contains("by hand: go on with talos-rehearsal resume --journal " + journal.toAbsolutePath());
        List<String> events = Files.readAllLines(journal.resolve("events.ndjson"));
        assertThat(events).as("journaled, and left open for resume").anyMatch(l -> l.contains("\"type\":\"STOPPED\""))
                .noneMatch(l -> l.contains("\"type\":\"FINISHED\""));

        homelab.cluster.node(NODE).faults().kubeletCrashloop(false);
        CliRun resume = CliRun.of(homelab.access("resume", "--journal", journal.toString(), "--yes"));
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("outcome: migrated");
        assertThat(homelab.cluster.node(NODE).events()).filteredOn(e -> e.kind() == NodeEvent.Kind.APPLIED).hasSize(1);
    }
}
