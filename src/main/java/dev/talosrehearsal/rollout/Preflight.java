package dev.talosrehearsal.rollout;

import dev.talosrehearsal.rollout.RolloutReport.Check;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything checked before touching any node: every node answers the Talos API; Kubernetes and etcd
 * are healthy; every node has an address inside its new subnets (when the operator says which
 * addresses nodes have). One failed check stops the rollout before it starts.
 */
final class Preflight {
    static final int BATCH = 100;
    private final TalosClient talos;
    private final GateChecker gates;
    private final Map<String, List<String>> inventory;

    Preflight(TalosClient talos, GateChecker gates, Map<String, List<String>> inventory) {
        this.talos = talos;
        this.gates = gates;
        this.inventory = inventory;
    }

    record Result(List<Check> checks) {
        boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        String summary() {
            List<String> failed = checks.stream().filter(c -> !c.passed())
                    .map(c -> (c.node() == null ? "" : c.node() + ": ") + c.detail()).toList();
            return failed.isEmpty() ? "all checks passed" : String.join("; ", failed);
        }
    }

    Result run(RolloutPlan plan) {
        List<Check> checks = new ArrayList<>();
        List<NodeChange> nodes = plan.nodeChanges();
        try {
            // gRPC limits metadata to 8 KiB: ask through the endpoint for at most 100 nodes at a time
            List<NodeReply<VersionResult>> replies = new ArrayList<>();
            for (int from = 0; from < nodes.size(); from += BATCH) {
                replies.addAll(talos.version(nodes.subList(from, Math.min(nodes.size(), from + BATCH)).stream().map(NodeChange::address).toList()));
            }
            for (int i = 0; i < nodes.size(); i++) {
                NodeReply<VersionResult> reply = i < replies.size() ? replies.get(i) : null;
                boolean ok = reply != null && reply.ok();
                checks.add(new Check("talos-api", nodes.get(i).hostname(), ok,
                        ok ? "Talos " + reply.value().tag() : "does not answer the Talos API: " + (reply == null ? "no reply" : reply.error())));
            }
        } catch (TalosApiException e) {
            // not a cluster problem to report but a wrong endpoint or credentials: bad input, before anything
            throw new dev.talosrehearsal.common.InputException("the Talos API endpoint does not answer: " + e.getMessage());
        }
        for (NodeChange node : nodes) {
            Gate ready = new Gate(Gate.Kind.KUBE_NODE_READY, List.of(), List.of(), null);
            GateResult result = gates.check(node.hostname(), node.address(), node.before(), ready);
            checks.add(new Check("kubernetes-ready", node.hostname(), result.passed(), result.detail()));
        }
        if (nodes.stream().anyMatch(NodeChange::controlPlane)) {
            GateResult etcd = gates.etcdQuorum();
            checks.add(new Check("etcd-healthy", null, etcd.passed(), etcd.detail()));
            checks.addAll(etcdApi(nodes.stream().filter(NodeChange::controlPlane).toList()));
        }
        checks.addAll(addresses(nodes));
        return new Result(checks);
    }

    /**
     * Every control plane in the plan answers the two etcd calls its gates make (EtcdMemberList on the node itself,
     * EtcdStatus): a node that always fails one would otherwise pass pre-flight and stop the rollout half-way, with
     * nodes already changed, at that node's etcd gate.
     */
    private List<Check> etcdApi(List<NodeChange> controlPlanes) {
        List<String> addresses = controlPlanes.stream().map(NodeChange::address).toList();
        List<String> members = errors(addresses, () -> talos.etcdMembers(addresses));
        List<String> status = errors(addresses, () -> talos.etcdStatus(addresses));
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < controlPlanes.size(); i++) {
            List<String> failed = new ArrayList<>();
            if (members.get(i) != null) {
                failed.add("EtcdMemberList failed: " + members.get(i));
            }
            if (status.get(i) != null) {
                failed.add("EtcdStatus failed: " + status.get(i));
            }
            checks.add(new Check("etcd-api", controlPlanes.get(i).hostname(), failed.isEmpty(),
                    failed.isEmpty() ? "answers EtcdMemberList and EtcdStatus" : String.join("; ", failed)));
        }
        return checks;
    }

    /** Per address, the error its reply carried (null: it answered); a call that failed as a whole fails every address. */
    private static List<String> errors(List<String> addresses, java.util.function.Supplier<? extends List<? extends NodeReply<?>>> call) {
        List<String> errors = new ArrayList<>();
        try {
            List<? extends NodeReply<?>> replies = call.get();
            for (int i = 0; i < addresses.size(); i++) {
                NodeReply<?> reply = i < replies.size() ? replies.get(i) : null;
                errors.add(reply == null ? "no reply" : reply.ok() ? null : reply.errorCode() + ": " + reply.error());
            }
        } catch (TalosApiException e) {
            addresses.forEach(a -> errors.add(e.code() + ": " + e.description()));
        }
        return errors;
    }

    /** Trap 2: a node with no address in its new validSubnets cannot pick a node IP after the change. */
    private List<Check> addresses(List<NodeChange> nodes) {
        List<Check> checks = new ArrayList<>();
        if (inventory == null) {
            checks.add(new Check("addresses-in-new-subnets", null, true,
                    "skipped: no --inventory given, and a node's addresses are not read through the Talos API here"));
            return checks;
        }
        for (NodeChange node : nodes) {
            List<String> addresses = inventory.get(node.hostname());
            if (addresses == null) {
                checks.add(new Check("addresses-in-new-subnets", node.hostname(), false, "not in the inventory"));
                continue;
            }
            for (Gate gate : node.gates()) {
                if (gate.kind() != Gate.Kind.KUBE_NODE_READY && gate.kind() != Gate.Kind.ETCD_PEER_URL) {
                    continue;
                }
                String which = gate.kind() == Gate.Kind.KUBE_NODE_READY ? "validSubnets" : "advertisedSubnets";
                boolean has = addresses.stream().anyMatch(a -> GateChecker.inExpected(a, gate.expectedSubnets()));
                checks.add(new Check("addresses-in-new-subnets", node.hostname(), has, has
                        ? "has an address in the new " + which
                        : "no address in the new " + which + " " + String.join(", ", gate.expectedSubnets())
                                + " (has " + String.join(", ", addresses) + "): it would have no "
                                + (which.equals("validSubnets") ? "kubelet node IP" : "etcd peer address") + " after the change"));
            }
        }
        return checks;
    }
}
