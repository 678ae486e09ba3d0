package dev.talosrehearsal.rollout;

import static dev.talosrehearsal.testing.Homelab.M0;
import static dev.talosrehearsal.testing.Homelab.M1;
import static dev.talosrehearsal.testing.Homelab.M2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control plane that does not serve on the tailnet after its change fails its own gate, whichever one it is.
 *
 * <p>The homelab's control planes serve the Kubernetes API as the Tailscale Service bastion-k8s, and a Service's name
 * reaches whichever host advertising it is available ("users connect to Tailscale Services using stable MagicDNS
 * names while Tailscale automatically routes traffic to available hosts", https://tailscale.com/kb/1552/tailscale-services).
 * Once talos-master-0 serves it, the name answers through talos-master-0 whatever talos-master-1 does: before the
 * tailnet-host gate, a talos-master-1 cut off from the tailnet ended "migrated", serving nothing on the tailnet.
 */
class TailnetHostGateTest {
    @TempDir
    Path dir;
    SimulatedHomelab homelab;
    final List<Journal> journals = new ArrayList<>();

    @AfterEach
    void stop() {
        journals.forEach(Journal::close);
        if (homelab != null) {
            homelab.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {M1, M2})
    void aLaterControlPlaneCutOffFromTheTailnetFailsItsOwnGateAndEveryChangedNodeGoesBack(String cutOff) {
        homelab = new SimulatedHomelab(Homelab.inventory(), FaultsFile.parse("faults:\n  - node: " + cutOff + "\n    tailnetCutOff: true\n",
                "faults.yaml"));
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal(plan));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(report.failure).contains("gate tailnet-host on " + cutOff + " timed out")
                .contains(cutOff + ".tailnet-4d89.ts.net:6443").contains(cutOff + " is not reachable on the tailnet");
        // the service's name still answered, through a control plane changed before: that gate proves a client gets the API
        assertThat(report.node(cutOff).gates).filteredOn(g -> g.gate().equals("tailnet-api"))
                .singleElement().satisfies(g -> assertThat(g.passed()).isTrue());
        List<String> changed = cutOff.equals(M1) ? List.of(M1, M0) : List.of(M2, M1, M0);
        assertThat(report.rolledBack).containsExactlyElementsOf(changed);
        for (String host : Homelab.ALL) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
    }

    @Test
    void everyControlPlaneThatServesPassesItsOwnGateOnItsOwnName() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal(plan));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        for (String host : List.of(M0, M1, M2)) {
            assertThat(report.node(host).gates).filteredOn(g -> g.gate().equals("tailnet-host")).singleElement()
                    .satisfies(g -> assertThat(g.passed()).isTrue())
                    .satisfies(g -> assertThat(g.detail()).isEqualTo("API answered: HTTP/1.1 200 OK"));
        }
        assertThat(report.node(Homelab.W0).gates).noneMatch(g -> g.gate().startsWith("tailnet"));
    }

    private Journal journal(RolloutPlan plan) {
        Journal journal = Journal.create(dir.resolve("journal"), JournalPlans.manifest(plan, Applier.Settings.defaults(), 1, Homelab.TAILNET),
                plan.nodeChanges());
        journals.add(journal);
        return journal;
    }
}
