package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberStatus;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd's image, rolled out as a config: every release applies {@code cluster.etcd} without a reboot, and etcd takes its
 * image only when it starts (services/etcd.go PreFunc, v1.13.9 and v1.14.0-rc.1; Talos never restarts etcd on a config
 * change). The simulated members report the release they started with, as machined reports etcd's server version in
 * EtcdStatus ({@code protocol_version}); the etcd gate compares it with the image the config pins.
 */
class EtcdImageTest {
    private static final String PINNED = "gcr.io/etcd-development/etcd:v3.6.6";

    @TempDir
    Path dir;
    @AutoClose
    SimulatedHomelab homelab = new SimulatedHomelab();

    /** The homelab runs Talos v1.11.5, whose DefaultEtcdVersion is v3.6.5 (pkg/machinery/constants). */
    @Test
    void eachMemberReportsTheEtcdOfItsTalosRelease() {
        List<NodeReply<EtcdMemberStatus>> replies = homelab.talos.etcdStatus(List.of("192.168.20.10", "192.168.20.12"));

        assertThat(replies).extracting(r -> r.orThrow().version()).containsExactly("3.6.5", "3.6.5");
    }

    @Test
    void theApplierRebootsEachControlPlaneForANewImageAndTheGateSeesItRun() {
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, withEtcdImage(SimulatedHomelab.BEFORE));

        RolloutReport report = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE)
                .run(plan, homelab.journal(dir.resolve("auto"), plan, Applier.Settings.defaults()));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(plan.steps()).extracting(s -> s.nodes().get(0).hostname()).containsExactly("talos-master-0", "talos-master-1", "talos-master-2");
        assertThat(report.node("talos-master-0").actions).anySatisfy(a -> assertThat(a.detail()).isEqualTo("etcd reads cluster.etcd.image at start"));
        assertThat(report.node("talos-master-2").gates).anySatisfy(g -> {
            assertThat(g.gate()).isEqualTo("etcd-peer-url");
            assertThat(g.detail()).endsWith(", all members healthy, etcd 3.6.6");
        });
    }

    /** In no-reboot mode the apply goes through and etcd keeps running the old image: the gate says so, and the rollout goes back. */
    @Test
    void withoutTheRebootTheEtcdGateFailsOnTheOldImage() {
        Applier.Settings noReboot = new Applier.Settings(ApplyMode.NO_REBOOT, Duration.ofMinutes(1), Duration.ofSeconds(30), null);
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, withEtcdImage(SimulatedHomelab.BEFORE));

        RolloutReport report = homelab.applier(noReboot, RolloutListener.NONE).run(plan, homelab.journal(dir.resolve("no-reboot"), plan, noReboot));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(report.node("talos-master-0").gates).anySatisfy(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.detail()).isEqualTo("runs etcd 3.6.5, but cluster.etcd.image names 3.6.6: etcd takes its image only when it starts"
                    + " (reboot the node)");
        });
    }

    /** The homelab's configs with every control plane's etcd image pinned to {@link #PINNED}. */
    private static RenderedCluster withEtcdImage(RenderedCluster cluster) {
        List<RenderedNode> nodes = cluster.nodes().stream().map(n -> {
            if (!n.controlPlane()) {
                return n;
            }
            MachineConfig copy = new MachineConfig(n.config().documents().stream().map(ObjectNode::deepCopy).toList());
            copy.v1alpha1().withObject("/cluster/etcd").put("image", PINNED);
            return new RenderedNode(n.hostname(), true, n.addresses(), copy);
        }).toList();
        return new RenderedCluster(cluster.clusterName(), nodes, cluster.endpoints(), cluster.fileNames());
    }
}
