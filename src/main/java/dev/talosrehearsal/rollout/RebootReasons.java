package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.RebootRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the applier reboots a node that Talos applied a config to without rebooting it: part of the change takes effect
 * only when the node boots. One home for the rule, shared by the way forward ({@link Applier}) and back ({@link Rollback}),
 * and worded for the progress line, the report and the journal.
 *
 * <ul>
 *   <li>etcd takes its image, arguments and listen addresses only when it starts, and Talos never restarts it, while it
 *       updates the member's peer URL live ({@link NodeChange#etcdRestartRequired}; talos issue 9605);</li>
 *   <li>kernel modules, EnvironmentConfig and volume encryption, which every release applies live and which take effect
 *       at boot ({@link NodeChange#atBootPaths});</li>
 *   <li>a change outside what Talos up to v1.13 applies immediately ({@link NodeChange#rebootRequired}): those releases
 *       answer AUTO with a reboot of their own, and then this reason is never asked for; from v1.14 Talos applies every
 *       change live and leaves the reboot to the operator (siderolabs/talos 995bc30d5, "feat: drop apply config method
 *       reboot"), and the node boots the ones v1.14 still takes only at boot ({@link NodeChange#bootingOnV114Paths}).</li>
 * </ul>
 * It keys on Talos's answer, not on a release: a node that rebooted by itself is not rebooted again.
 */
final class RebootReasons {
    private RebootReasons() {}

    /** Null when nothing in the node's change waits for a boot; {@code back} words it for a rollback to the old config. */
    static String afterLiveApply(NodeChange node, boolean back) {
        List<String> reasons = new ArrayList<>();
        if (node.etcdRestartRequired()) {
            reasons.add(RebootRules.etcdAddressesMove(node.before(), node.after())
                    ? "etcd takes its " + (back ? "old" : "new") + " listen addresses at start"
                    : "etcd reads " + String.join(", ", node.etcdRestartPaths()) + " at start");
        }
        if (!node.atBootPaths().isEmpty()) {
            reasons.add(String.join(", ", node.atBootPaths()) + " take effect only at boot");
        }
        if (!node.bootingOnV114Paths().isEmpty()) {
            reasons.add("Talos applied " + String.join(", ", node.bootingOnV114Paths()) + " without one, which up to v1.13 it applies"
                    + " only with a reboot");
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    static String afterLiveApply(NodeChange node) {
        return afterLiveApply(node, false);
    }
}
