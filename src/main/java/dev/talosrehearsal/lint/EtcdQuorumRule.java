package dev.talosrehearsal.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Rule 13, quorum for the rollout. {@code single-control-plane} (<b>warning</b>): with one control
 * plane every change that restarts etcd or the API server takes the cluster's API down.
 * {@code even-etcd-members} (<b>warning</b>): an even number of etcd members tolerates no more
 * failures than one fewer, and with two, restarting either one loses quorum.
 */
final class EtcdQuorumRule implements Rule {
    static final String EVEN = "even-etcd-members";
    static final String SINGLE = "single-control-plane";

    @Override
    public String id() {
        return EVEN;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        long members = context.rendered().nodes().stream().filter(n -> n.controlPlane()).count();
        int line = context.line("/nodes");
        if (members == 1) {
            out.add(new Finding(SINGLE, Severity.WARNING, null, context.file(), line,
                    "There is one control plane, so every change that restarts etcd or the API server takes the Kubernetes API down during the rollout.",
                    "plan a maintenance window, or add two control planes (three in all) before the migration."));
        } else if (members % 2 == 0) {
            out.add(new Finding(EVEN, Severity.WARNING, null, context.file(), line,
                    "There are " + members + " etcd members, which tolerate only " + (members / 2 - 1)
                            + " failure(s), as many as " + (members - 1) + " would, so restarting "
                            + (members == 2 ? "either control plane loses quorum." : "members during the rollout is riskier than it looks."),
                    "run an odd number of control planes (" + (members + 1) + " or " + (members - 1)
                            + ") and roll them out one at a time."));
        }
        return out;
    }
}
