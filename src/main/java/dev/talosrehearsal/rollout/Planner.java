package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.RebootRules;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.rollout.NodeChange.ChangeLine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders a migration: control planes one at a time (etcd keeps quorum only while at most one member
 * is disrupted), then workers in batches of {@code maxParallelWorkers}. Nodes whose config does not
 * change are left out.
 */
public final class Planner {
    /** @param onlyNodes hostnames to roll out (empty: all); @param tailnetSuffix see {@link GateRules#forConfig} */
    public record Options(int maxParallelWorkers, List<String> onlyNodes, String tailnetSuffix) {
        public Options {
            if (maxParallelWorkers < 1) {
                throw new InputException("--max-parallel-workers must be at least 1");
            }
            onlyNodes = List.copyOf(onlyNodes);
        }

        public static Options defaults() {
            return new Options(1, List.of(), null);
        }
    }

    public RolloutPlan plan(RenderedCluster from, RenderedCluster to, Options options) {
        if (!from.clusterName().equals(to.clusterName())) {
            throw new InputException("OLD is cluster '" + from.clusterName() + "' and NEW is cluster '" + to.clusterName()
                    + "': a rollout moves one cluster from one config to another");
        }
        Set<String> oldHosts = hostnames(from);
        Set<String> newHosts = hostnames(to);
        for (String host : newHosts) {
            if (!oldHosts.contains(host)) {
                throw new InputException("node '" + host + "' is only in NEW: add new nodes with talosctl apply-config --insecure first");
            }
        }
        for (String host : oldHosts) {
            if (!newHosts.contains(host)) {
                throw new InputException("node '" + host + "' is only in OLD: remove nodes from the cluster before rolling out");
            }
        }
        for (String host : options.onlyNodes()) {
            if (!newHosts.contains(host)) {
                throw new InputException("--node " + host + ": no such node in the cluster (nodes: " + String.join(", ", newHosts) + ")");
            }
        }

        List<NodeChange> controlPlanes = new ArrayList<>();
        List<NodeChange> workers = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (RenderedNode target : to.nodes()) {
            if (!options.onlyNodes().isEmpty() && !options.onlyNodes().contains(target.hostname())) {
                continue;
            }
            RenderedNode current = from.node(target.hostname()).orElseThrow();
            NodeChange change = change(current, target, options.tailnetSuffix());
            if (!change.hasChanges()) {
                unchanged.add(target.hostname());
            } else if (target.controlPlane()) {
                controlPlanes.add(change);
            } else {
                workers.add(change);
            }
        }

        List<RolloutPlan.Step> steps = new ArrayList<>();
        int total = (int) from.nodes().stream().filter(RenderedNode::controlPlane).count();
        for (NodeChange cp : controlPlanes) {
            steps.add(new RolloutPlan.Step(steps.size() + 1, List.of(cp), "control plane " + cp.hostname() + " alone: "
                    + (total == 1 ? "the only etcd member, so the Kubernetes API is down while it restarts"
                            : "etcd keeps quorum only while at most " + ((total - 1) / 2) + " of " + total + " members are disrupted")));
        }
        for (int i = 0; i < workers.size(); i += options.maxParallelWorkers()) {
            List<NodeChange> batch = workers.subList(i, Math.min(workers.size(), i + options.maxParallelWorkers()));
            steps.add(new RolloutPlan.Step(steps.size() + 1, batch, (batch.size() == 1 ? "worker" : "workers")
                    + " after every control plane is done" + (options.maxParallelWorkers() > 1 ? ", " + options.maxParallelWorkers() + " at a time" : "")));
        }
        return new RolloutPlan(to.clusterName(), steps, unchanged, warnings(controlPlanes, workers, total));
    }

    private static NodeChange change(RenderedNode current, RenderedNode target, String tailnetSuffix) {
        List<ChangeLine> lines = ChangeLines.between(current.config(), target.config());
        String address = target.reachedAt();
        List<String> rebootPaths = RebootRules.pathsNeedingReboot(current.config(), target.config());
        return new NodeChange(target.hostname(), address, target.controlPlane(), current.config(), target.config(), lines, rebootPaths,
                RebootRules.pathsLiveFromV114(current.config(), target.config(), rebootPaths),
                target.controlPlane() ? RebootRules.etcdRestartPaths(current.config(), target.config()) : List.of(),
                RebootRules.pathsTakingEffectAtBoot(current.config(), target.config()),
                GateRules.forConfig(target.config(), target.controlPlane(), target.hostname(), tailnetSuffix));
    }

    private static List<String> warnings(List<NodeChange> controlPlanes,
            List<NodeChange> workers, int controlPlaneCount) {
        Set<String> warnings = new LinkedHashSet<>();
        if (controlPlanes.stream().anyMatch(n -> RebootRules.etcdAddressesMove(n.before(), n.after()))) {
            warnings.add("etcd's listen subnets change: Talos updates each member's peer URL live (needs quorum), but etcd"
                    + " keeps listening on its old addresses until it restarts, so in auto mode the applier reboots each such control"
                    + " plane after its apply (talos issue 9605); staged and reboot modes reboot anyway; in try and no-reboot"
                    + " modes the member advertises an address etcd does not listen on and the etcd gate fails");
        } else if (controlPlanes.stream().anyMatch(NodeChange::etcdRestartRequired)) {
            warnings.add("etcd's image or extra arguments change: Talos applies them live, but etcd reads them only when it starts"
                    + " and Talos does not restart it, so in auto mode the applier reboots each such control plane after its apply,"
                    + " one at a time behind the etcd gates; in try and no-reboot modes they wait for the node's next boot, and a new image"
                    + " fails the etcd gate: etcd still runs the old one");
        }
        List<NodeChange> all = new ArrayList<>(controlPlanes);
        all.addAll(workers);
        if (all.stream().anyMatch(n -> changed(n, ConfigSetting.NODE_IP_VALID_SUBNETS))) {
            // the plan knows the subnets, not which address each node picks under them (lint --inventory does)
            warnings.add("the kubelet's node IP subnets change: on a node whose picked address moves, the kubelet restarts and"
                    + " the Node's InternalIP moves; CNIs such as flannel and Cilium may keep the old node IP in annotations until"
                    + " their agents restart");
        }
        if (all.stream().anyMatch(n -> changed(n, ConfigSetting.ENDPOINT))) {
            warnings.add("cluster.controlPlane.endpoint changes: nodes rolled out at different times disagree on the"
                    + " API endpoint, and service-account tokens issued for the old endpoint may be rejected");
        }
        all.stream().filter(n -> !ClusterSide.installerImage(n.before()).equals(ClusterSide.installerImage(n.after()))).findFirst()
                .ifPresent(n -> warnings.add(installerImageWarning(n)));
        if (controlPlaneCount == 1) {
            warnings.add("a single control plane: etcd and the Kubernetes API are unavailable while it restarts");
        } else if (controlPlaneCount % 2 == 0) {
            warnings.add(controlPlaneCount + " control planes: an even number tolerates no more failures than "
                    + (controlPlaneCount - 1) + " would");
        }
        if (all.stream().anyMatch(n -> !n.atBootPaths().isEmpty())) {
            warnings.add("some changes take effect only at boot on every release (" + String.join(", ", all.stream()
                    .flatMap(n -> n.atBootPaths().stream()).distinct().toList()) + "): Talos applies them live, so in auto mode the"
                    + " applier reboots those nodes after their apply; in try and no-reboot modes they wait for the next boot");
        }
        if (all.stream().anyMatch(NodeChange::rebootRequired)) {
            warnings.add("some nodes need a reboot for this change (see each node's reboot line); in no-reboot and try modes Talos"
                    + " up to v1.13 refuses it, and v1.14 applies it without one, so it may not take effect before the node's next boot");
        }
        return List.copyOf(warnings);
    }

    /** Compared where each release keeps it (v1alpha1, or from v1.14 its document), not by changed path. */
    private static boolean changed(NodeChange node, ConfigSetting setting) {
        return !setting.value(node.before()).equals(setting.value(node.after()));
    }

    private static Set<String> hostnames(RenderedCluster cluster) {
        Set<String> out = new LinkedHashSet<>();
        cluster.nodes().forEach(n -> out.add(n.hostname()));
        return out;
    }

    /** A new installer image is not installed by an apply (lint's installer-image-changed says more, with the extensions). */
    private static String installerImageWarning(NodeChange node) {
        String before = ClusterSide.installerImage(node.before()).orElse("none");
        String after = ClusterSide.installerImage(node.after()).orElse("none");
        String release = ClusterSide.releaseChange(before, after).map(change -> " (Talos " + change + ")").orElse("");
        return "the installer image changes" + release + ": applying a config does not install it — Talos reads it only to install"
                + " or upgrade — so the nodes keep their release and extensions until talosctl upgrade --image " + after
                + " (talhelper gencommand upgrade)";
    }
}
