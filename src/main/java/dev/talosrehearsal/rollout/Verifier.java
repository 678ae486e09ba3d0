package dev.talosrehearsal.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.machineconfig.Resolvers;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.kube.KubeNode;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.network.SubnetFilter;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks after a migration, against the live cluster for the config it should run:
 * node IPs in the new subnets, etcd healthy with peer URLs there, nodes sharing a subnet (so they reach
 * each other directly), ext-tailscale running where the config has it, and the Kubernetes API through
 * the Tailscale service name.
 */
public final class Verifier {
    /** One verification line. */
    public record Check(String name, String node, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + (node == null ? "" : " " + node) + ": " + detail;
        }
    }

    private final TalosClient talos;
    private final ClusterView kube;
    private final GateChecker gates;
    private final String tailnetSuffix;

    public Verifier(TalosClient talos, ClusterView kube, TailnetProbe tailnet, List<String> controlPlaneAddresses, String tailnetSuffix) {
        this.talos = talos;
        this.kube = kube;
        this.gates = new GateChecker(talos, kube, tailnet, controlPlaneAddresses);
        this.tailnetSuffix = tailnetSuffix;
    }

    public List<Check> verify(RenderedCluster expected) {
        List<Check> checks = new ArrayList<>();
        gates.kubeconfigProblem(expected.nodes().stream().map(n -> NodeNames.kubernetesNode(n.hostname(), n.config())).toList())
                .ifPresent(p -> checks.add(new Check(p.check(), null, false, p.detail())));
        for (RenderedNode node : expected.nodes()) {
            String address = node.reachedAt();
            for (Gate gate : GateRules.forConfig(node.config(), node.controlPlane(), node.hostname(), tailnetSuffix)) {
                GateResult r = gates.check(node.hostname(), address, node.config(), gate);
                checks.add(new Check(name(gate), node.hostname(), r.passed(), r.detail()));
            }
            resolvers(node, address).ifPresent(checks::add);
        }
        sameSubnet(expected).ifPresent(checks::add);
        return checks;
    }

    /**
     * When the config sets nameservers: the node resolves through exactly those, in that order (its ResolverStatus). Talos
     * drops an entry that is not an address without a word and falls back to DHCP's or its defaults when none is left
     * (docs/talos-behaviour.md, trap 13), so the list as written is what is checked, not what Talos kept of it.
     */
    private Optional<Check> resolvers(RenderedNode node, String address) {
        List<String> written = ConfigSetting.NAMESERVERS.strings(node.config()).stream().map(Resolvers::asReported).toList();
        if (written.isEmpty()) {
            return Optional.empty();
        }
        try {
            var reply = talos.resources().get(List.of(address), ResourceTypes.NETWORK, ResourceTypes.RESOLVER_STATUS, ResourceTypes.RESOLVERS).get(0);
            if (!reply.ok()) {
                return Optional.of(new Check("nameservers", node.hostname(), false, "ResolverStatus: " + reply.error()));
            }
            List<String> used = new ArrayList<>();
            // v1.14's nameServers where the node has them (the flat dnsServers is deprecated there, due to go in v2.0)
            JsonNode nameServers = reply.value().spec().path("nameServers");
            if (nameServers.isArray() && !nameServers.isEmpty()) {
                nameServers.forEach(s -> used.add(Resolvers.asReported(s.path("addr").asText())));
            } else {
                reply.value().spec().path("dnsServers").forEach(s -> used.add(Resolvers.asReported(s.asText())));
            }
            boolean same = used.equals(written);
            return Optional.of(new Check("nameservers", node.hostname(), same, "resolves through " + String.join(", ", used)
                    + (same ? "" : ", not " + String.join(", ", written) + " as the config writes")));
        } catch (TalosApiException e) {
            return Optional.of(new Check("nameservers", node.hostname(), false, e.getMessage()));
        }
    }

    /**
     * The user's own checks ({@link DeclaredChecks}) against the live cluster running {@code expected}: the same gates
     * the rollout uses, with the subnets and names the user gave instead of those the configs imply.
     */
    public List<Check> verifyDeclared(RenderedCluster expected, DeclaredChecks declared) {
        List<Check> checks = new ArrayList<>();
        for (RenderedNode node : expected.nodes()) {
            String address = node.reachedAt();
            List<Gate> gateList = new ArrayList<>();
            if (!declared.nodeIpsIn().isEmpty()) {
                gateList.add(new Gate(Gate.Kind.KUBE_NODE_READY, declared.nodeIpsIn(), List.of(), null));
            }
            if (node.controlPlane() && !declared.etcdPeersIn().isEmpty()) {
                gateList.add(new Gate(Gate.Kind.ETCD_PEER_URL, declared.etcdPeersIn(), List.of(), null));
            }
            for (Gate gate : gateList) {
                GateResult r = gates.check(node.hostname(), address, node.config(), gate);
                checks.add(new Check("declared " + name(gate), node.hostname(), r.passed(), r.detail()));
            }
        }
        RenderedNode controlPlane = expected.nodes().stream().filter(RenderedNode::controlPlane).findFirst().orElse(expected.nodes().get(0));
        for (String target : declared.apiThrough()) {
            Gate gate = new Gate(Gate.Kind.TAILNET_API, List.of(), List.of(), target);
            GateResult r = gates.check(controlPlane.hostname(), target, controlPlane.config(), gate);
            checks.add(new Check("declared " + name(gate), target, r.passed(), r.detail()));
        }
        return checks;
    }

    /** The {@code name:port} targets the API-through-tailnet checks will dial for {@code expected}. */
    public static List<String> tailnetTargets(RenderedCluster expected, String tailnetSuffix) {
        List<String> out = new ArrayList<>();
        for (RenderedNode node : expected.nodes()) {
            GateRules.forConfig(node.config(), node.controlPlane(), node.hostname(), tailnetSuffix).stream()
                    .map(Gate::tailnetAddress).filter(a -> a != null && !out.contains(a)).forEach(out::add);
        }
        return out;
    }

    private static String name(Gate gate) {
        return switch (gate.kind()) {
            case KUBE_NODE_READY -> "node-ip";
            case ETCD_PEER_URL -> "etcd";
            case SERVICES -> "services";
            case TAILNET_API -> "api-through-tailnet";
            case TAILNET_SERVE -> "served-through-tailnet";
            case TAILNET_HOST -> "host-on-tailnet";
        };
    }

    /**
     * Nodes reach each other directly when all their node IPs share one of the subnets they were told to use
     * ({@code machine.kubelet.nodeIP.validSubnets}), each address family its own on dual-stack nodes. A config that names none leaves the kubelet to pick its address
     * (Talos's default), so there is nothing to compare and no check: most clusters pin no subnet, and their
     * rehearsals failed on it.
     */
    private Optional<Check> sameSubnet(RenderedCluster expected) {
        List<String> subnets = ConfigSetting.NODE_IP_VALID_SUBNETS.strings(expected.nodes().get(0).config());
        if (subnets.stream().allMatch(s -> s.startsWith("!"))) {
            return Optional.empty();
        }
        List<String> ips = new ArrayList<>();
        java.util.Set<String> ours = new java.util.HashSet<>();
        expected.nodes().forEach(n -> ours.add(NodeNames.kubernetesNode(n.hostname(), n.config())));
        for (KubeNode node : kube.nodes()) {
            if (ours.contains(node.name())) { // a shared cluster (k3s, staging) has nodes of its own
                ips.addAll(node.internalIPs());
            }
        }
        // Dual-stack nodes have a node IP per family (validSubnets names one subnet of each): each family shares its own.
        java.util.Map<Boolean, List<String>> byFamily = new java.util.TreeMap<>();
        ips.forEach(ip -> byFamily.computeIfAbsent(ip.contains(":"), v6 -> new ArrayList<>()).add(ip));
        List<String> shared = new ArrayList<>();
        for (List<String> family : byFamily.values()) {
            Optional<String> subnet = subnets.stream().filter(s -> !s.startsWith("!"))
                    .filter(s -> family.stream().allMatch(SubnetFilter.of(List.of(s))::accepts)).findFirst();
            if (subnet.isEmpty()) {
                return Optional.of(new Check("same-subnet", null, false, "node IPs " + String.join(", ", family) + " do not share one of "
                        + String.join(", ", subnets)));
            }
            shared.add(subnet.get());
        }
        if (shared.isEmpty()) {
            return Optional.of(new Check("same-subnet", null, false, "no node IPs: none of " + String.join(", ", subnets) + " is shared"));
        }
        return Optional.of(new Check("same-subnet", null, true, (ips.size() == 1 ? "the node IP is in " : "all " + ips.size() + " node IPs are in ")
                + String.join(" and ", shared)));
    }
}
