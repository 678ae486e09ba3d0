package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.rollout.RolloutReport.Check;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.ResourceTypes;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything checked before touching any node: every node answers the Talos API; Kubernetes and etcd
 * are healthy; every node has an address inside its new subnets (from the operator's inventory when
 * given, else from each node's own resources); every extension service a new config configures is one
 * the node's image defines ({@link ImageExtensionServices}). One failed check stops the rollout before it starts.
 */
final class Preflight {
    private final TalosClient talos;
    private final GateChecker gates;
    private final Map<String, List<String>> inventory;

    Preflight(TalosClient talos, GateChecker gates, Map<String, List<String>> inventory) {
        this.talos = talos;
        this.gates = gates;
        this.inventory = inventory;
    }

    /** The checks, and what pre-flight says without stopping the rollout (each a sentence). */
    record Result(List<Check> checks, List<String> notes) {
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
        List<TalosReach.Target> targets = nodes.stream().map(n -> new TalosReach.Target(n.hostname(), n.address())).toList();
        TalosReach.Reach reach = TalosReach.of(talos, targets);
        List<NodeReply<VersionResult>> replies = reach.replies();
        Optional<String> noneAnswered = reach.noneAnswered();
        if (noneAnswered.isPresent()) {
            checks.add(new Check("talos-api", null, false, noneAnswered.get()));
        } else {
            for (int i = 0; i < nodes.size(); i++) {
                NodeReply<VersionResult> reply = i < replies.size() ? replies.get(i) : null;
                boolean ok = reply != null && reply.ok();
                checks.add(new Check("talos-api", nodes.get(i).hostname(), ok,
                        ok ? "Talos " + reply.value().tag() : "does not answer the Talos API: " + (reply == null ? "no reply" : reply.error())));
            }
        }
        var kubeconfig = gates.kubeconfigProblem(nodes.stream().map(n -> NodeNames.kubernetesNode(n.hostname(), n.before())).toList());
        kubeconfig.ifPresent(p -> checks.add(new Check(p.check(), null, false, p.detail())));
        // with another cluster's kubeconfig, or an API that does not answer, each node's check would only repeat that line
        for (NodeChange node : kubeconfig.isPresent() ? List.<NodeChange>of() : nodes) {
            Gate ready = new Gate(Gate.Kind.KUBE_NODE_READY, List.of(), List.of(), null);
            GateResult result = gates.check(node.hostname(), node.address(), node.before(), ready);
            checks.add(new Check("kubernetes-ready", node.hostname(), result.passed(), result.detail()));
        }
        if (noneAnswered.isPresent()) {
            // etcd's and the addresses' checks go through the Talos API too: each would only repeat that line's error
            return new Result(checks, List.of());
        }
        if (nodes.stream().anyMatch(NodeChange::controlPlane)) {
            GateResult etcd = gates.etcdQuorum();
            checks.add(new Check("etcd-healthy", null, etcd.passed(), etcd.detail()));
            checks.addAll(etcdApi(nodes.stream().filter(NodeChange::controlPlane).toList()));
        }
        checks.addAll(addresses(nodes));
        checks.addAll(new ImageExtensionServices(talos).check(nodes));
        return new Result(checks, releaseNote(plan, replies).stream().toList());
    }

    /**
     * The nodes that run another Talos release than the one their configs are for. Nothing stops the rollout for it
     * (the applier follows what each node answers, whatever its release), but a rehearsal of these configs simulated
     * that other release, and releases differ in what they do with the same config (v1.14 applies every change without
     * a reboot; patch releases add guards): the rehearsal may have passed on behaviour these nodes do not have.
     */
    private static Optional<String> releaseNote(RolloutPlan plan, List<NodeReply<VersionResult>> replies) {
        if (plan.release().isEmpty()) {
            return Optional.empty();
        }
        String release = plan.release().get().tag();
        Map<String, List<String>> byTag = new java.util.TreeMap<>();
        List<NodeChange> nodes = plan.nodeChanges();
        for (int i = 0; i < nodes.size() && i < replies.size(); i++) {
            NodeReply<VersionResult> reply = replies.get(i);
            if (reply.ok() && !reply.value().tag().equals(release)) {
                byTag.computeIfAbsent(reply.value().tag(), t -> new ArrayList<>()).add(nodes.get(i).hostname());
            }
        }
        if (byTag.isEmpty()) {
            return Optional.empty();
        }
        List<String> running = new ArrayList<>();
        byTag.forEach((tag, hosts) -> running.add(String.join(", ", hosts) + (hosts.size() == 1 ? " runs" : " run") + " Talos " + tag));
        return Optional.of(String.join("; ", running) + ", but the configs of --from are for " + release + " (the talconfig's talosVersion,"
                + " or the machine configs' installer image): a rehearsal of them simulates " + release + "; rehearse with the release"
                + " the nodes run");
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

    /**
     * Trap 2: a node with no address in its new validSubnets cannot pick a node IP after the change (and one without
     * an address in its new advertisedSubnets has nothing for etcd to advertise). The addresses are the operator's
     * inventory when given; otherwise each node's own, read through the Talos resource API: the NodeAddress lists
     * Talos itself picks from — {@code routed-no-k8s} for the kubelet's node IP
     * (talos internal/app/machined/pkg/controllers/k8s/nodeip.go), {@code current-no-k8s} for etcd's advertised
     * address (internal/app/machined/pkg/controllers/etcd/spec.go).
     */
    private List<Check> addresses(List<NodeChange> nodes) {
        List<Check> checks = new ArrayList<>();
        Map<String, NodeAddressLists> byHost = inventory != null ? fromInventory(nodes) : fromTalos(nodes, checks);
        String source = inventory != null ? "in the inventory" : "read through the Talos API";
        for (NodeChange node : nodes) {
            NodeAddressLists lists = byHost.get(node.hostname());
            if (lists == null) {
                if (inventory != null) {
                    checks.add(new Check("addresses-in-new-subnets", node.hostname(), false, "not in the inventory"));
                }
                continue;
            }
            for (Gate gate : node.gates()) {
                if (gate.kind() != Gate.Kind.KUBE_NODE_READY && gate.kind() != Gate.Kind.ETCD_PEER_URL) {
                    continue;
                }
                boolean kubelet = gate.kind() == Gate.Kind.KUBE_NODE_READY;
                String which = kubelet ? "validSubnets" : "advertisedSubnets";
                List<String> addresses = kubelet ? lists.forKubelet() : lists.forEtcd();
                boolean has = addresses.stream().anyMatch(a -> GateChecker.inExpected(a, gate.expectedSubnets()));
                if (!has && lists.tailscaleComes() && coversTailscale(gate.expectedSubnets())) {
                    // tailscale0 exists only while ext-tailscale runs, and the new config starts it: its address is
                    // not known before, but it is always in Tailscale's range, which the new subnets cover
                    checks.add(new Check("addresses-in-new-subnets", node.hostname(), true, "no address in the new " + which
                            + " now; tailscale0 gets one in " + TAILSCALE_RANGE + " once the new config starts ext-tailscale"));
                    continue;
                }
                checks.add(new Check("addresses-in-new-subnets", node.hostname(), has, has
                        ? "has an address in the new " + which
                        : "no address in the new " + which + " " + String.join(", ", gate.expectedSubnets())
                                + " (has " + (addresses.isEmpty() ? "none" : String.join(", ", addresses)) + ", " + source
                                + "): it would have no " + (kubelet ? "kubelet node IP" : "etcd peer address") + " after the change"));
            }
        }
        return checks;
    }

    /** Tailscale's IPv4 range: every tailnet address is in it (tailscale's net/tsaddr, CGNATRange). */
    static final String TAILSCALE_RANGE = "100.64.0.0/10";

    /**
     * The addresses a node's kubelet and etcd choose from, without prefix lengths.
     *
     * @param tailscaleComes the node has no tailscale0 address now and its new config runs the tailscale extension,
     *                       which brings tailscale0 up once applied
     */
    private record NodeAddressLists(List<String> forKubelet, List<String> forEtcd, boolean tailscaleComes) {}

    /** Whether a non-excluding entry of {@code subnets} contains all of Tailscale's range. */
    private static boolean coversTailscale(List<String> subnets) {
        inet.ipaddr.IPAddress range = new inet.ipaddr.IPAddressString(TAILSCALE_RANGE).getAddress();
        return subnets.stream().filter(s -> !s.startsWith("!")).map(s -> new inet.ipaddr.IPAddressString(s.trim()).getAddress())
                .anyMatch(a -> a != null && a.toPrefixBlock().contains(range));
    }

    private Map<String, NodeAddressLists> fromInventory(List<NodeChange> nodes) {
        Map<String, NodeAddressLists> out = new HashMap<>();
        for (NodeChange node : nodes) {
            List<String> addresses = inventory.get(node.hostname());
            if (addresses != null) {
                out.put(node.hostname(), new NodeAddressLists(addresses, addresses, false));
            }
        }
        return out;
    }

    /** Each node's lists from its own NodeAddress resources; a node that cannot be read fails the check, naming why. */
    private Map<String, NodeAddressLists> fromTalos(List<NodeChange> nodes, List<Check> checks) {
        Map<String, NodeAddressLists> out = new HashMap<>();
        List<NodeReply<Map<String, List<String>>>> replies;
        try {
            replies = talos.resources().nodeAddresses(nodes.stream().map(NodeChange::address).toList());
        } catch (TalosApiException e) {
            checks.add(new Check("addresses-in-new-subnets", null, false,
                    "cannot read the nodes' addresses through the Talos API: " + e.code() + ": " + e.description()));
            return out;
        }
        for (int i = 0; i < nodes.size(); i++) {
            NodeReply<Map<String, List<String>>> reply = i < replies.size() ? replies.get(i) : null;
            String host = nodes.get(i).hostname();
            if (reply == null || !reply.ok()) {
                checks.add(new Check("addresses-in-new-subnets", host, false, "cannot read its addresses through the Talos API: "
                        + (reply == null ? "no reply" : reply.errorCode() + ": " + reply.error())));
                continue;
            }
            List<String> current = bare(reply.value().get(ResourceTypes.CURRENT_NO_K8S));
            boolean tailscaleComes = ExtensionServices.tailscale(nodes.get(i).after()).isPresent()
                    && current.stream().noneMatch(a -> GateChecker.inExpected(a, List.of(TAILSCALE_RANGE)));
            out.put(host, new NodeAddressLists(bare(reply.value().get(ResourceTypes.ROUTED_NO_K8S)), current, tailscaleComes));
        }
        return out;
    }

    /** {@code 192.168.20.10/24} → {@code 192.168.20.10}; a list Talos did not send is empty. */
    private static List<String> bare(List<String> prefixes) {
        return prefixes == null ? List.of() : prefixes.stream().map(p -> p.contains("/") ? p.substring(0, p.indexOf('/')) : p).toList();
    }
}
