package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.NodeNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 18, {@code node-name-collision} (<b>error</b>): two nodes that Talos registers as the same Kubernetes Node.
 * talhelper accepts any hostname, but the kubelet's Node is named after the part before the first dot (unless
 * {@code registerWithFQDN}), lower-cased ({@link NodeNames}, Talos controllers/k8s/nodename.go): {@code worker.rack-a}
 * and {@code worker.rack-b} are both Node {@code worker}, and their two kubelets overwrite each other's status and
 * addresses. The rollout's gates, which read that Node, would pass or fail on the other machine's word.
 */
final class NodeNameCollisionRule implements Rule {
    static final String ID = "node-name-collision";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        NodeNames.collisions(context.rendered()).forEach((nodeName, hostnames) -> out.add(new Finding(ID, Severity.ERROR, String.join(",", hostnames), context.file(), context.nodeLine(hostnames.get(1)),
                        String.join(" and ", hostnames) + " all register as Kubernetes Node '" + nodeName + "' (Talos names the Node after"
                                + " the hostname's first label, lower-cased): their kubelets overwrite each other's Node.",
                        "give the nodes hostnames that differ before the first dot, or set machine.kubelet.registerWithFQDN: true on them.")));
        return out;
    }
}
