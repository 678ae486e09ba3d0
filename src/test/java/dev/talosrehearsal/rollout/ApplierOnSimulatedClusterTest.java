package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.sim.node.ApiCode;
import dev.talosrehearsal.sim.node.Disruption;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's migration rolled out by the real applier against the simulated homelab. */
class ApplierOnSimulatedClusterTest {
    static final List<String> ORDER = List.of("talos-master-0", "talos-master-1", "talos-master-2", "talos-worker-gpu-0", "talos-worker-gpu-1");

    @TempDir
    Path dir;
    @AutoClose
    SimulatedHomelab homelab;

    private Journal journal(RolloutPlan plan, String name) {
        return homelab.journal(dir.resolve(name), plan, Applier.Settings.defaults());
    }

    private static List<String> applied(Journal journal) {
        return journal.events().stream().filter(e -> e.type() == Type.APPLIED).map(JournalEvent::node).toList();
    }

    @Test
    void theSeedMigrationMovesAllFiveNodesToTheLanInOrder() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "migration");

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal);

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(applied(journal)).containsExactlyElementsOf(ORDER);
        assertThat(homelab.nodeIp("talos-master-0")).isEqualTo("192.168.20.10");
        assertThat(homelab.nodeIp("talos-worker-gpu-1")).isEqualTo("192.168.20.21");
        // its reboot for etcd's listen addresses is confirmed by a new boot ID before the gates (talosctl's reboot --wait)
        assertThat(report.node("talos-master-0").gates).extracting(RolloutReport.GateRecord::gate)
                .containsExactly("reboot", "kube-node-ready", "etcd-peer-url", "services", "tailnet-api", "tailnet-host");
    }

    /**
     * Nodes that run another Talos release than their configs are for: the rollout goes on (the applier follows what each
     * node answers), but pre-flight says which nodes run what, since a rehearsal of these configs simulated the configs'
     * release. Nodes on the configs' own release get no such line.
     */
    @Test
    void preflightNamesTheNodesOnAnotherReleaseThanTheirConfigsAndGoesOn() {
        homelab = new SimulatedHomelab();
        List<String> progress = new ArrayList<>();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER)
                .withRelease(java.util.Optional.of(dev.talosrehearsal.talconfig.TalosVersion.parse("v1.13.9")));

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), new RolloutListener() {
            @Override
            public void progress(String line) {
                progress.add(line);
            }
        }).run(plan, journal(plan, "releases"));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        String note = "talos-master-0, talos-master-1, talos-master-2, talos-worker-gpu-0, talos-worker-gpu-1 run Talos v1.11.5, but the"
                + " configs of --from are for v1.13.9 (the talconfig's talosVersion, or the machine configs' installer image): a"
                + " rehearsal of them simulates v1.13.9; rehearse with the release the nodes run";
        assertThat(report.notes).containsExactly(note);
        assertThat(progress).contains("pre-flight … note: " + note);
        assertThat(report.toJson()).contains("\"notes\" : [ \"talos-master-0, talos-master-1");
        assertThat(ReportHtml.section(report, "h3", Object::toString)).contains("<p class=\"note\">Note: talos-master-0, talos-master-1");

        homelab.close();
        homelab = new SimulatedHomelab();
        RolloutPlan same = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER)
                .withRelease(java.util.Optional.of(dev.talosrehearsal.talconfig.TalosVersion.parse("v1.11.5")));
        assertThat(homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(same, journal(same, "same")).notes).isEmpty();
    }

    @Test
    void neverTwoControlPlanesDisruptedAtOnceAccordingToTheNodesOwnRecords() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal(plan, "quorum"));

        List<Disruption> disruptions = new ArrayList<>();
        for (String cp : ORDER.subList(0, 3)) {
            disruptions.addAll(homelab.cluster.node(cp).disruptions());
        }
        assertThat(disruptions).isNotEmpty();
        for (Disruption a : disruptions) {
            for (Disruption b : disruptions) {
                if (!a.node().equals(b.node())) {
                    assertThat(a.overlaps(b)).as("%s overlaps %s", a, b).isFalse();
                }
            }
        }
    }

    @Test
    void aNodeWithoutAnUnderlayAddressStopsTheRolloutInPreflight() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Map<String, List<String>> inventory = Map.of(
                "talos-master-0", List.of("192.168.20.10"), "talos-master-1", List.of("192.168.20.11"),
                "talos-master-2", List.of("192.168.20.12"), "talos-worker-gpu-0", List.of("192.168.20.20"),
                "talos-worker-gpu-1", List.of("100.101.0.21"));
        Journal journal = journal(plan, "preflight");

        RolloutReport report = homelab.applier(new Applier.Settings(dev.talosrehearsal.talos.ApplyMode.AUTO,
                java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(5), inventory), RolloutListener.NONE).run(plan, journal);

        assertThat(report.outcome).isEqualTo(RolloutReport.Outcome.PREFLIGHT_FAILED);
        assertThat(report.failure).contains("talos-worker-gpu-1").contains("no address in the new validSubnets");
        assertThat(journal.events()).noneMatch(e -> e.type() == Type.APPLYING);
        assertThat(homelab.nodeIp("talos-master-0")).isEqualTo("100.101.0.10");
    }

    /**
     * A node that is down while the endpoints answer: pre-flight says so once, through which endpoints, and asks
     * whether the node is up (its talosconfig names this cluster's nodes, so not whether it is another cluster's);
     * the etcd and address checks, which would repeat the dial error, are not run.
     */
    @Test
    void aPlannedNodeThatIsDownWhileTheEndpointsAnswerFailsPreflightInOneLine() {
        homelab = new SimulatedHomelab();
        homelab.cluster.node("talos-worker-gpu-0").faults().neverReturnsFromReboot(true);
        homelab.cluster.node("talos-worker-gpu-0").reboot();
        RolloutPlan plan = new Planner().plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER,
                new Planner.Options(1, List.of("talos-worker-gpu-0"), Homelab.TAILNET));

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal(plan, "node-down"));

        assertThat(report.outcome).isEqualTo(RolloutReport.Outcome.PREFLIGHT_FAILED);
        assertThat(report.failure).contains("talos-worker-gpu-0 does not answer the Talos API through the talosconfig's endpoints (")
                .contains("which answer themselves: is the node up, and do the endpoints reach its address? talos-worker-gpu-0 (192.168.20.20): ")
                .doesNotContain("is it this cluster's talosconfig").doesNotContain("cannot read its addresses");
    }

    /** Issue 15, item 5: pre-flight passed, and the rollout stopped half-way at talos-master-2's etcd gate. */
    @Test
    void aControlPlaneWhoseEtcdMemberListAlwaysFailsStopsTheRolloutInPreflightNamingIt() {
        FaultsFile faults = FaultsFile.parse("faults:\n  - node: talos-master-2\n    grpcError: {method: EtcdMemberList, code: UNAVAILABLE,"
                + " message: etcd member list timed out}\n", "faults.yaml");
        homelab = new SimulatedHomelab(Homelab.inventory(), faults);
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "etcd-member-list");

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal);

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.PREFLIGHT_FAILED);
        assertThat(report.failure).contains("talos-master-2: EtcdMemberList failed: UNAVAILABLE: etcd member list timed out")
                .doesNotContain("talos-master-0:").doesNotContain("talos-master-1:");
        assertThat(journal.events()).noneMatch(e -> e.type() == Type.APPLYING);
        assertThat(homelab.nodeIp("talos-master-0")).isEqualTo("100.101.0.10");
    }

    @Test
    void aControlPlaneWhoseEtcdStatusAlwaysFailsStopsTheRolloutInPreflightNamingIt() {
        FaultsFile faults = FaultsFile.parse("faults:\n  - node: talos-master-1\n    grpcError: {method: EtcdStatus, code: INTERNAL,"
                + " message: context deadline exceeded}\n", "faults.yaml");
        homelab = new SimulatedHomelab(Homelab.inventory(), faults);
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "etcd-status");

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal);

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.PREFLIGHT_FAILED);
        assertThat(report.failure).contains("talos-master-1: EtcdStatus failed: INTERNAL: context deadline exceeded");
        assertThat(journal.events()).noneMatch(e -> e.type() == Type.APPLYING);
    }

    /**
     * Without an inventory, pre-flight reads each node's NodeAddress resources through the Talos API (the lists
     * talos internal/app/machined/pkg/controllers/k8s/nodeip.go picks the node IP from): a node without a LAN address
     * stops the rollout before any node is touched.
     */
    @Test
    void withoutAnInventoryPreflightReadsTheAddressesThroughTheResourceApiAndRefusesANodeWithoutALanAddress() {
        Inventory inventory = Homelab.inventory();
        Map<String, Inventory.Node> nodes = new java.util.LinkedHashMap<>(inventory.nodes());
        nodes.put("talos-master-1", Inventory.Node.of("talos-master-1", "100.101.0.11", "eth0", "10.0.0.11/24"));
        homelab = new SimulatedHomelab(new Inventory(nodes), null);
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "preflight-resources");

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal);

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.PREFLIGHT_FAILED);
        assertThat(report.failure).contains("talos-master-1: no address in the new validSubnets 192.168.20.0/24")
                .contains("has 10.0.0.11, 100.101.0.11, read through the Talos API");
        assertThat(report.preflight).filteredOn(c -> c.name().equals("addresses-in-new-subnets") && !c.passed())
                .extracting(RolloutReport.Check::node).containsOnly("talos-master-1");
        assertThat(journal.events()).noneMatch(e -> e.type() == Type.APPLYING);
    }

    @Test
    void aGateThatTimesOutOnMaster1RollsBackMaster0AndLeavesEveryNodeOnItsOldIp() {
        // master-1's kubelet crash-loops once it runs the new config (pre-flight sees it healthy), and recovers
        // when the rollback begins: its kube-node-ready gate times out, and the rollback's gates pass
        homelab = new SimulatedHomelab();
        SimulatedNode master1 = homelab.cluster.node("talos-master-1");
        List<String> progress = new ArrayList<>();
        RolloutListener crashloopUnderTheNewConfig = new RolloutListener() {
            @Override
            public void progress(String line) {
                progress.add(line);
                if (line.contains("talos-master-1 apply … ok")) {
                    master1.faults().kubeletCrashloop(true);
                } else if (line.contains("rolling back")) {
                    master1.faults().kubeletCrashloop(false);
                }
            }
        };
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "gate-timeout");

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), crashloopUnderTheNewConfig).run(plan, journal);

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(report.failure).contains("kube-node-ready on talos-master-1");
        // issue 15 item 10: the progress line and the outcome state one duration, the wait as it was
        assertThat(report.failure).contains("gate kube-node-ready on talos-master-1 timed out after 300.0 s: ");
        assertThat(progress).contains("[2/5] talos-master-1 gate kube-node-ready … timed out after 300.0 s: "
                + report.failure.substring(report.failure.indexOf("300.0 s: ") + "300.0 s: ".length()));
        assertThat(report.rolledBack).containsExactly("talos-master-1", "talos-master-0");
        for (String host : ORDER) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
    }

    @Test
    void anApplyUnavailableOnAWorkerRollsBackEverythingChangedSoFar() {
        FaultsFile faults = FaultsFile.parse("faults:\n  - node: talos-worker-gpu-1\n    grpcError: {method: ApplyConfiguration, code: UNAVAILABLE, message: connection reset, times: 1}\n", "faults.yaml");
        homelab = new SimulatedHomelab(Homelab.inventory(), faults);
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal(plan, "unavailable"));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(report.failure).contains("talos-worker-gpu-1").contains("UNAVAILABLE");
        assertThat(report.rolledBack).containsExactly("talos-worker-gpu-0", "talos-master-2", "talos-master-1", "talos-master-0");
        for (String host : ORDER) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
    }

    @Test
    void aRolloutKilledAfterTheSecondNodeResumesWithoutReapplyingAndThenRollsBack() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "killed");
        RolloutListener killAfterSecond = new RolloutListener() {
            @Override
            public void stepDone(RolloutPlan.Step step) {
                if (step.number() == 2) {
                    throw new IllegalStateException("simulated kill -9 after step 2");
                }
            }
        };
        assertThatThrownBy(() -> homelab.applier(Applier.Settings.defaults(), killAfterSecond).run(plan, journal))
                .hasMessageContaining("simulated kill");
        assertThat(applied(journal)).containsExactly("talos-master-0", "talos-master-1");
        journal.close(); // the killed process's lock goes with it

        Journal reopened = homelab.closedWithThis(Journal.open(dir.resolve("killed")));
        RolloutPlan rebuilt = JournalPlans.rebuild(reopened);
        RolloutReport resumed = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).resume(rebuilt, reopened);

        assertThat(resumed.outcome).as(resumed.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(applied(reopened)).containsExactlyElementsOf(ORDER); // masters 0 and 1 once each
        assertThat(homelab.nodeIp("talos-worker-gpu-1")).isEqualTo("192.168.20.21");

        reopened.close();
        RolloutReport rolledBack = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE)
                .rollback(rebuilt, homelab.closedWithThis(Journal.open(dir.resolve("killed"))));
        assertThat(rolledBack.outcome).as(rolledBack.toJson()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        for (String host : ORDER) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
    }

    /**
     * A node the killed run applied but never gated is found applied on resume; should its gate fail then, it goes
     * back with the others. It used to be left out of the rollback: alone on the new config, the rest on the old.
     */
    @Test
    void aNodeTheKilledRunAppliedGoesBackWithTheOthersWhenItsGateFailsOnResume() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "killed");
        RolloutListener killAfterTheWorkersApply = new RolloutListener() {
            @Override
            public void progress(String line) {
                if (line.contains("talos-worker-gpu-0 apply … ok")) {
                    throw new IllegalStateException("simulated kill -9 before the worker's gates");
                }
            }
        };
        assertThatThrownBy(() -> homelab.applier(Applier.Settings.defaults(), killAfterTheWorkersApply).run(plan, journal))
                .hasMessageContaining("simulated kill");
        journal.close();
        homelab.cluster.node("talos-worker-gpu-0").faults().kubeletCrashloop(true);
        homelab.cluster.sync();

        Journal reopened = homelab.closedWithThis(Journal.open(dir.resolve("killed")));
        RolloutListener crashloopUntilTheRollback = new RolloutListener() {
            @Override
            public void progress(String line) {
                if (line.contains("rolling back")) { // the kubelet crash-loops under the new config only
                    homelab.cluster.node("talos-worker-gpu-0").faults().kubeletCrashloop(false);
                }
            }
        };
        RolloutReport resumed = homelab.applier(new Applier.Settings(ApplyMode.AUTO, Duration.ofMinutes(1), Duration.ofMinutes(1), null),
                crashloopUntilTheRollback).resume(JournalPlans.rebuild(reopened), reopened);

        assertThat(resumed.outcome).as(resumed.toJson()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(resumed.failure).contains("talos-worker-gpu-0");
        for (String host : ORDER) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
        assertThat(JournalAudit.of(reopened).problems()).isEmpty();
    }

    @Test
    void reRunningAnAppliedMigrationChangesNothing() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal(plan, "first"));
        int appliesBefore = countApplies(homelab);

        Journal second = journal(plan, "second");
        RolloutReport again = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, second);

        assertThat(again.outcome).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(applied(second)).isEmpty();
        assertThat(second.events()).filteredOn(e -> e.type() == Type.ALREADY_APPLIED).hasSize(5);
        assertThat(countApplies(homelab)).isEqualTo(appliesBefore);
    }

    private static int countApplies(SimulatedHomelab homelab) {
        int n = 0;
        for (String host : ORDER) {
            SimulatedNode node = homelab.cluster.node(host);
            n += (int) node.events().stream().filter(e -> e.kind() == dev.talosrehearsal.sim.node.NodeEvent.Kind.APPLIED).count();
        }
        return n;
    }

    @Test
    void theJournalKeepsConfigsPrivateAndTheEventLogFreeOfSecrets() throws Exception {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        Journal journal = journal(plan, "private");
        homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).run(plan, journal);

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("private/nodes/talos-master-0/after.yaml")))).isEqualTo("rw-------");
        String events = Files.readString(dir.resolve("private/events.ndjson"));
        for (String secret : List.of(Homelab.secrets().clusterSecret(), Homelab.secrets().bootstrapToken(),
                Homelab.secrets().os().key(), "tskey-auth-")) {
            assertThat(events).doesNotContain(secret);
        }
        assertThat(ApiCode.values()).isNotEmpty();
    }
}
