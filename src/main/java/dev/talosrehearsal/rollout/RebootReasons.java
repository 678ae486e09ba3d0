package dev.talosrehearsal.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * Why the applier reboots a node that Talos applied a config to without rebooting it: the change takes effect only
 * when the node boots. One home for the rule, shared by the way forward ({@link Applier}) and back ({@link Rollback}),
 * and worded for the progress line, the report and the journal.
 *
 * <ul>
 *   <li>etcd takes its listen addresses only when it starts, while Talos updates the member's peer URL live
 *       ({@link NodeChange#etcdRestartRequired}; talos issue 9605);</li>
 *   <li>a change outside what Talos up to v1.13 applies immediately ({@link NodeChange#rebootRequired}): those releases
 *       answer AUTO with a reboot of their own, and then this reason is never asked for; from v1.14 Talos applies every
 *       change live and leaves the reboot to the operator (siderolabs/talos 995bc30d5, "feat: drop apply config method
 *       reboot"), and which of those changes take effect before the next boot is not known here, so the node boots them
 *       as it would have before.</li>
 * </ul>
 */
final class RebootReasons {
    private RebootReasons() {}

    /** Null when nothing in the node's change waits for a boot; {@code back} words it for a rollback to the old config. */
    static String afterLiveApply(NodeChange node, boolean back) {
        List<String> reasons = new ArrayList<>();
        if (node.etcdRestartRequired()) {
            reasons.add("etcd takes its " + (back ? "old" : "new") + " listen addresses at start");
        }
        if (node.rebootRequired()) {
            reasons.add("Talos applied " + String.join(", ", node.rebootPaths()) + " without one, which up to v1.13 it applies only"
                    + " with a reboot");
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    static String afterLiveApply(NodeChange node) {
        return afterLiveApply(node, false);
    }
}
