package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.util.List;

/** The plan of a journaled rollout, rebuilt from the configs and settings the journal kept. */
public final class JournalPlans {
    private JournalPlans() {}

    public static RolloutPlan rebuild(Journal journal) {
        JournalManifest manifest = journal.manifest();
        List<RenderedNode> before = new ArrayList<>();
        List<RenderedNode> after = new ArrayList<>();
        for (JournalManifest.Node node : manifest.nodes()) {
            before.add(new RenderedNode(node.hostname(), node.controlPlane(), List.of(node.address()), journal.before(node.hostname())));
            after.add(new RenderedNode(node.hostname(), node.controlPlane(), List.of(node.address()), journal.after(node.hostname())));
        }
        return new Planner().plan(new RenderedCluster(manifest.clusterName(), before, List.of()),
                new RenderedCluster(manifest.clusterName(), after, List.of()),
                new Planner.Options(manifest.maxParallelWorkers(), List.of(), manifest.tailnetSuffix()));
    }

    /** What the journal keeps of a plan and its settings. */
    public static JournalManifest manifest(RolloutPlan plan, Applier.Settings settings, int maxParallelWorkers, String tailnetSuffix) {
        List<JournalManifest.Node> nodes = plan.nodeChanges().stream()
                .map(n -> new JournalManifest.Node(n.hostname(), n.address(), n.controlPlane())).toList();
        return new JournalManifest(plan.clusterName(), settings.mode().name(), settings.tryTimeout().toSeconds(),
                settings.gateTimeout().toSeconds(), maxParallelWorkers, tailnetSuffix, nodes);
    }
}
