package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.KubernetesCa;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.kube.KubeNode;
import dev.talosrehearsal.kube.KubernetesUnavailableException;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.EtcdImage;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.network.SubnetFilter;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberStatus;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks one gate once, against the live cluster: Kubernetes, the Talos API, the tailnet. */
final class GateChecker {
    private final TalosClient talos;
    private final ClusterView kube;
    private final TailnetProbe tailnet;
    private final List<String> controlPlaneAddresses;

    GateChecker(TalosClient talos, ClusterView kube, TailnetProbe tailnet, List<String> controlPlaneAddresses) {
        this.talos = talos;
        this.kube = kube;
        this.tailnet = tailnet;
        this.controlPlaneAddresses = List.copyOf(controlPlaneAddresses);
    }

    GateResult check(String hostname, String address, MachineConfig config, Gate gate) {
        try {
            return switch (gate.kind()) {
                case KUBE_NODE_READY -> kubeNodeReady(hostname, NodeNames.kubernetesNode(hostname, config), gate);
                case ETCD_PEER_URL -> etcd(hostname, address, config, gate);
                case SERVICES -> services(hostname, address, gate);
                case TAILNET_API -> tailnetApi(hostname, config, gate);
                case TAILNET_SERVE -> tailnetServe(hostname, gate);
                case TAILNET_HOST -> tailnetHost(hostname, config, gate);
            };
        } catch (TalosApiException | KubernetesUnavailableException e) {
            return GateResult.fail(hostname, gate, e.getMessage());
        }
    }

    /** What is wrong with the kubeconfig as a whole, as one check (its name and detail) instead of one per node. */
    record KubeconfigProblem(String check, String detail) {}

    /**
     * Whether the kubeconfig reaches this cluster: empty when any of {@code nodeNames} (as Talos names the Nodes,
     * NodeNames) is among its Nodes; else {@code kubernetes-api} when its API does not answer a list of Nodes, or
     * {@code kubeconfig} with what it has instead — once, rather than one "no Kubernetes Node" or "cannot read node"
     * per node. A cluster with no Node at all is left to the node checks.
     */
    java.util.Optional<KubeconfigProblem> kubeconfigProblem(java.util.Collection<String> nodeNames) {
        if (nodeNames.isEmpty()) {
            return java.util.Optional.empty(); // a plan with no node changes looks for none
        }
        List<String> theirs;
        try {
            theirs = kube.nodes().stream().map(KubeNode::name).toList();
        } catch (KubernetesUnavailableException e) {
            return java.util.Optional.of(new KubeconfigProblem("kubernetes-api", e.getMessage()));
        }
        if (theirs.isEmpty() || theirs.stream().anyMatch(nodeNames::contains)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new KubeconfigProblem("kubeconfig", "the kubeconfig's cluster has " + KubeNode.describeNames(theirs)
                + " and none of " + String.join(", ", nodeNames) + ": is it this cluster's kubeconfig?"));
    }

    /** etcd has every member started and healthy: the condition for disrupting one control plane. */
    GateResult etcdQuorum() {
        return etcdQuorum(java.util.Set.of());
    }

    /**
     * The same, not counting the members at {@code repairing}: control planes this step is about to reboot because an
     * interrupted run left their etcd advertising where it does not listen (unhealthy until that reboot).
     */
    GateResult etcdQuorum(java.util.Set<String> repairing) {
        Gate gate = new Gate(Gate.Kind.ETCD_PEER_URL, List.of(), List.of(), null);
        try {
            String unhealthy = unhealthyMembers(repairing);
            return unhealthy.isEmpty() ? GateResult.pass("etcd", gate, "all " + controlPlaneAddresses.size() + " members healthy")
                    : GateResult.fail("etcd", gate, unhealthy);
        } catch (TalosApiException e) {
            return GateResult.fail("etcd", gate, e.getMessage());
        }
    }

    /** The node answers the Talos API (Version): it is up, e.g. back from a reboot. */
    GateResult talosApi(String hostname, String address) {
        try {
            NodeReply<?> reply = talos.version(List.of(address)).get(0);
            // not one of a config's gates (no Gate): a precondition the rollback waits for
            return reply.ok() ? GateResult.pass(hostname, null, "answers the Talos API") : GateResult.fail(hostname, null, reply.error());
        } catch (TalosApiException e) {
            return GateResult.fail(hostname, null, e.getMessage());
        }
    }

    /** {@code nodeName}: the Node Talos registers for the hostname ({@link NodeNames}), not always the hostname itself. */
    private GateResult kubeNodeReady(String hostname, String nodeName, Gate gate) {
        Optional<KubeNode> node = kube.node(nodeName);
        if (node.isEmpty()) {
            return GateResult.fail(hostname, gate, "no Kubernetes Node " + nodeName);
        }
        KubeNode n = node.get();
        if (!n.ready()) {
            return GateResult.fail(hostname, gate, "NotReady (" + n.readyReason() + (n.readyMessage().isEmpty() ? "" : ": " + n.readyMessage()) + ")");
        }
        Optional<String> inSubnet = n.internalIPs().stream().filter(ip -> inExpected(ip, gate.expectedSubnets())).findFirst();
        return inSubnet.map(ip -> GateResult.pass(hostname, gate, "Ready, InternalIP " + ip))
                .orElseGet(() -> GateResult.fail(hostname, gate, "Ready, but InternalIP " + String.join(", ", n.internalIPs())
                        + " is not in " + String.join(", ", gate.expectedSubnets())));
    }

    /**
     * The node's member advertises a peer URL in the expected subnets and every member is healthy; and when the config
     * pins etcd's image, the member runs that release: etcd takes its image only when it starts, so an apply that did
     * not reboot the node leaves the old one running (RebootRules.etcdRestartPaths).
     */
    private GateResult etcd(String hostname, String address, MachineConfig config, Gate gate) {
        List<EtcdMemberInfo> members = talos.etcdMembers(List.of(address)).get(0).orThrow();
        String member = NodeNames.etcdMember(hostname);
        Optional<EtcdMemberInfo> self = members.stream().filter(m -> m.hostname().equals(member)).findFirst();
        if (self.isEmpty()) {
            return GateResult.fail(hostname, gate, "no etcd member " + member);
        }
        List<String> outside = self.get().peerUrls().stream().filter(u -> !inExpected(URI.create(u).getHost(), gate.expectedSubnets())).toList();
        if (!outside.isEmpty()) {
            return GateResult.fail(hostname, gate, "peer URL " + String.join(", ", outside) + " not in " + String.join(", ", gate.expectedSubnets()));
        }
        String unhealthy = unhealthyMembers();
        if (!unhealthy.isEmpty()) {
            return GateResult.fail(hostname, gate, unhealthy);
        }
        String passed = "peer URL " + String.join(", ", self.get().peerUrls()) + ", all members healthy";
        Optional<String> pinned = EtcdImage.pinnedVersion(config);
        if (pinned.isEmpty()) {
            return GateResult.pass(hostname, gate, passed);
        }
        String running = talos.etcdStatus(List.of(address)).get(0).orThrow().version();
        return running.equals(pinned.get()) ? GateResult.pass(hostname, gate, passed + ", etcd " + running)
                : GateResult.fail(hostname, gate, "runs etcd " + running + ", but " + ConfigSetting.ETCD_IMAGE.where(config) + " names "
                        + pinned.get() + ": etcd takes its image only when it starts (reboot the node)");
    }

    /** Empty when every control plane's etcd answers with no errors; else who is not healthy. */
    private String unhealthyMembers() {
        return unhealthyMembers(java.util.Set.of());
    }

    private String unhealthyMembers(java.util.Set<String> except) {
        List<String> problems = new ArrayList<>();
        for (NodeReply<EtcdMemberStatus> reply : talos.etcdStatus(controlPlaneAddresses.stream().filter(a -> !except.contains(a)).toList())) {
            if (!reply.ok()) {
                problems.add(reply.node() + ": " + reply.error());
            } else if (!reply.value().healthy()) {
                problems.add(reply.node() + ": " + String.join("; ", reply.value().errors()));
            }
        }
        return problems.isEmpty() ? "" : "etcd members not healthy: " + String.join(", ", problems);
    }

    private GateResult services(String hostname, String address, Gate gate) {
        List<ServiceStatus> services = talos.services(List.of(address)).get(0).orThrow();
        List<String> problems = new ArrayList<>();
        for (String id : gate.services()) {
            Optional<ServiceStatus> s = services.stream().filter(x -> x.id().equals(id)).findFirst();
            if (s.isEmpty()) {
                problems.add(id + " missing");
            } else if (!s.get().runningAndHealthy()) {
                problems.add(id + " " + s.get().state() + (s.get().lastMessage().isEmpty() ? "" : " (" + s.get().lastMessage() + ")"));
            }
        }
        return problems.isEmpty() ? GateResult.pass(hostname, gate, String.join(", ", gate.services()) + " running")
                : GateResult.fail(hostname, gate, String.join(", ", problems));
    }

    private GateResult tailnetApi(String hostname, MachineConfig config, Gate gate) {
        String ca = KubernetesCa.certificatePem(config);
        TailnetProbe.ProbeResult result = tailnet.dial(gate.target(), ca);
        return result.reached() ? GateResult.pass(hostname, gate, result.detail()) : GateResult.fail(hostname, gate, result.detail());
    }

    /**
     * The node's own kube-apiserver at its own MagicDNS name ({@link TailnetTargets#ownApiServer} says why). Failing,
     * the detail says what it means: this node is no host a Tailscale Service can route to, whatever the service's name
     * answers through the others.
     */
    private GateResult tailnetHost(String hostname, MachineConfig config, Gate gate) {
        TailnetProbe.ProbeResult result = tailnet.dialHost(gate.target(), KubernetesCa.certificatePem(config));
        return result.reached() ? GateResult.pass(hostname, gate, result.detail())
                : GateResult.fail(hostname, gate, result.detail() + ": " + hostname + " is not reachable on the tailnet (cut off from it,"
                        + " or the tailnet policy does not let this machine reach it on that port), so no Tailscale Service it"
                        + " advertises is routed to it");
    }

    private GateResult tailnetServe(String hostname, Gate gate) {
        String target = gate.target();
        TailnetProbe.ProbeResult result = tailnet.answer(target.substring(0, target.indexOf("://")), gate.tailnetAddress());
        return result.reached() ? GateResult.pass(hostname, gate, result.detail()) : GateResult.fail(hostname, gate, result.detail());
    }

    /**
     * True when {@code ip} is one Talos would pick under a gate's subnets, by Talos's own filter
     * ({@link SubnetFilter}: in order, {@code !} excludes only what came before, excludes alone pick
     * nothing). A gate without subnets expects nothing in particular: any address passes.
     */
    static boolean inExpected(String ip, List<String> subnets) {
        return subnets.isEmpty() || SubnetFilter.of(subnets).accepts(ip);
    }
}
