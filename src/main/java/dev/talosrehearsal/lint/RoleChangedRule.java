package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 20, {@code role-changed} (needs {@code --from OLD}; <b>error</b>): a node changes role, worker to control plane
 * or back. That is not a config rollout: a control plane runs etcd, which a worker has no member of (the simulated
 * cluster answers a worker's etcd calls as Talos does, "etcd is not available on worker nodes"), and a node leaving the
 * control plane must leave etcd first. Talos's own procedure is to reset the node and join it again with the other
 * role; how a running node takes a changed {@code machine.type} is not modelled, so the rehearsal says so instead of
 * guessing.
 */
final class RoleChangedRule implements Rule {
    static final String ID = "role-changed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (LintContext.NodePair pair : context.nodePairs()) {
            RenderedNode old = pair.old();
            RenderedNode node = pair.now();
            if (old.controlPlane() == node.controlPlane()) {
                continue;
            }
            String from = old.controlPlane() ? "control plane" : "worker";
            String to = node.controlPlane() ? "control plane" : "worker";
            out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), context.line(context.talNode(node.hostname())
                            .map(n -> n.pointer() + "/controlPlane").orElse("/nodes")),
                    node.hostname() + " changes from " + from + " to " + to + ": a role is not changed by rolling a config out ("
                            + (node.controlPlane() ? "the node has no etcd member to join with" : "its etcd member must leave the cluster first")
                            + "), and talos-rehearsal does not rehearse it.",
                    "keep the role in this migration; to change it, reset the node (talosctl reset"
                            + (node.controlPlane() ? "" : ", which has a control plane leave etcd first")
                            + ") and join it again with a " + to + " config."));
        }
        return out;
    }
}
