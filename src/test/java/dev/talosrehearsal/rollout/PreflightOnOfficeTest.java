package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.testing.OfficeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-flight without an inventory on fixtures/office (not the homelab, so nothing is tuned to one fixture): each
 * node's addresses come from its own NodeAddress resources through the Talos API.
 */
class PreflightOnOfficeTest {
    static final String TAILNET = "tail7c3e2.ts.net";

    @TempDir
    Path dir;

    private RolloutReport preflightOnly(RehearsalDirectory office) {
        RolloutPlan plan = new Planner().plan(office.beforeConfigs(), office.afterConfigs(), new Planner.Options(1, List.of(), TAILNET));
        try (SimulatedCluster cluster = SimulatedCluster.start(office.beforeSpec(NodeTimings.DEFAULT, new SimClock()), "embedded", TAILNET);
             RolloutTarget target = SimulatedTarget.of(cluster, TAILNET);
             Journal journal = Journal.create(dir.resolve("journal"), JournalPlans.manifest(plan, Applier.Settings.defaults(), 1, TAILNET),
                     plan.nodeChanges())) {
            // stop after pre-flight: the checks are what this test is about
            RolloutListener stopAfterPreflight = new RolloutListener() {
                @Override
                public void progress(String line) {
                    if (line.equals("pre-flight … ok")) {
                        throw new StopHere();
                    }
                }
            };
            RolloutReport[] report = new RolloutReport[1];
            try {
                report[0] = target.applier(Applier.Settings.defaults(), stopAfterPreflight, office.beforeConfigs().controlPlaneTargets())
                        .run(plan, journal);
            } catch (StopHere passed) {
                return null;
            }
            return report[0];
        }
    }

    private static final class StopHere extends RuntimeException {
        StopHere() {
            super("pre-flight passed", null, false, false);
        }
    }

    @Test
    void everyOfficeNodeHasItsLanAddressSoPreflightPasses() {
        OfficeFixture.copy(dir.resolve("office"));
        assertThat(preflightOnly(new RehearsalDirectory(dir.resolve("office"), "after"))).as("pre-flight passed").isNull();
    }

    @Test
    void aControlPlaneWithoutItsLanAddressFailsPreflightReadThroughTheResourceApi() throws IOException {
        Path office = OfficeFixture.copy(dir.resolve("office"));
        Path inventory = office.resolve("inventory.yaml");
        Files.writeString(inventory, Files.readString(inventory).replace("[10.40.0.12/24]", "[172.16.9.12/24]"));

        RolloutReport report = preflightOnly(new RehearsalDirectory(office, "after"));

        assertThat(report).isNotNull();
        assertThat(report.outcome).isEqualTo(RolloutReport.Outcome.PREFLIGHT_FAILED);
        // cp-b would have neither a kubelet node IP nor an etcd peer address; no other node is refused
        List<RolloutReport.Check> refused = report.preflight.stream()
                .filter(c -> c.name().equals("addresses-in-new-subnets") && !c.passed()).toList();
        assertThat(refused).extracting(RolloutReport.Check::node).containsOnly("cp-b");
        assertThat(refused).extracting(RolloutReport.Check::detail).anySatisfy(d -> assertThat(d)
                .contains("no address in the new validSubnets 10.40.0.0/24").contains("172.16.9.12").contains("read through the Talos API"));
        assertThat(refused).extracting(RolloutReport.Check::detail).anySatisfy(d -> assertThat(d)
                .contains("no address in the new advertisedSubnets"));
    }
}
