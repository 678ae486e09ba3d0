package dev.talosrehearsal.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.ResourceTypes;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResource;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads what a twin of the cluster needs through the Talos API, read-only, one node at a time through the endpoint
 * ({@code node} metadata), as talosctl targets nodes: the running machine config (MachineConfigs, which Talos lets only
 * {@code os:admin} read), the addresses and links (AddressStatuses, LinkStatuses), the hostname (HostnameStatuses),
 * the Talos version, and the etcd members as a control plane sees them. The running config is MachineConfig
 * {@code v1alpha1} ({@code ActiveID}); {@code persistent} is the one saved for the next boot, ahead of it after a
 * staged apply (talos pkg/machinery/resources/config/machine_config.go, v1.13.0); Talos sends the spec as the config's
 * text, a YAML string ({@code MarshalYAML}). Any node that does not answer fails the whole
 * capture, naming the node and the call: a twin missing a node would rehearse another cluster.
 */
public final class ClusterReader {
    private final TalosClient client;

    public ClusterReader(TalosClient client) {
        this.client = client;
    }

    /**
     * The nodes to capture: {@code explicit} (-n) when given, else the talosconfig context's nodes, else every member
     * cluster discovery lists on the endpoint (Members, each by its first address).
     */
    public List<String> targets(List<String> explicit, List<String> contextNodes) {
        if (explicit != null && !explicit.isEmpty()) {
            return List.copyOf(explicit);
        }
        if (!contextNodes.isEmpty()) {
            return List.copyOf(contextNodes);
        }
        List<String> out = new ArrayList<>();
        for (TalosResource member : single(client.endpoint(), "reading cluster discovery's Members",
                () -> client.resources().list(List.of(), ResourceTypes.CLUSTER, ResourceTypes.MEMBER))) {
            JsonNode addresses = member.spec().path("addresses");
            if (addresses.isArray() && !addresses.isEmpty()) {
                out.add(addresses.get(0).asText());
            }
        }
        if (out.isEmpty()) {
            throw new InputException("the talosconfig names no nodes and cluster discovery lists none on " + client.endpoint()
                    + ": name them with -n ADDRESS,...");
        }
        return out;
    }

    /**
     * Every target, read in full; a node reached under two addresses (talhelper lists every address of a node) is kept
     * once, under the first.
     */
    public List<CapturedNode> read(List<String> targets) {
        Map<String, List<TalosResource>> configs = perNode(targets, "reading its machine config (MachineConfigs; needs the os:admin role)",
                () -> client.resources().list(targets, ResourceTypes.CONFIG, ResourceTypes.MACHINE_CONFIG));
        Map<String, List<TalosResource>> addresses = perNode(targets, "reading its addresses (AddressStatuses)",
                () -> client.resources().list(targets, ResourceTypes.NETWORK, ResourceTypes.ADDRESS_STATUS));
        Map<String, List<TalosResource>> links = perNode(targets, "reading its links (LinkStatuses)",
                () -> client.resources().list(targets, ResourceTypes.NETWORK, ResourceTypes.LINK_STATUS));
        Map<String, List<TalosResource>> hostnames = perNode(targets, "reading its hostname (HostnameStatuses)",
                () -> client.resources().list(targets, ResourceTypes.NETWORK, ResourceTypes.HOSTNAME_STATUS));
        Map<String, VersionResult> versions = byTarget(targets, call(targets, "asking its Talos version", () -> client.version(targets)));
        Map<String, List<ServiceStatus>> services = byTarget(targets, call(targets, "listing its services (ServiceList)", () -> client.services(targets)));
        Map<String, CapturedNode> byHostname = new LinkedHashMap<>();
        for (String target : targets) {
            String reported = hostnames.get(target).stream().map(r -> r.spec().path("hostname").asText("")).filter(h -> !h.isEmpty())
                    .findFirst().orElseThrow(() -> new CaptureFailure(target, "reports no hostname (HostnameStatuses)"));
            String running = configText(target, configs.get(target), "v1alpha1")
                    .orElseThrow(() -> new CaptureFailure(target, "reports no running machine config (MachineConfigs v1alpha1)"));
            boolean staged = configText(target, configs.get(target), "persistent").map(p -> !p.equals(running)).orElse(false);
            MachineConfig config;
            try {
                config = MachineConfig.parse(running, reported + " machine config");
            } catch (InputException e) {
                // never e's message: the parser may quote the config, which holds the cluster's keys
                throw new CaptureFailure(target, "its running machine config cannot be read as a Talos machine config");
            }
            // the name a rehearsal reads back from the config (ClusterConfigDirectory), else the one the node reports
            String configured = ClusterConfigDirectory.hostnameIn(config);
            String hostname = configured != null ? configured : reported;
            List<CapturedNode.LinkAddress> linkAddresses = new ArrayList<>();
            for (TalosResource a : addresses.get(target)) {
                linkAddresses.add(new CapturedNode.LinkAddress(a.spec().path("linkName").asText(), a.spec().path("address").asText(),
                        a.spec().path("scope").asText("global")));
            }
            List<String> linkNames = links.get(target).stream().map(TalosResource::id).toList();
            VersionResult version = versions.get(target);
            // every extension service of the image is listed, running or waiting for its configuration (extension_service.go)
            List<String> extensionServices = services.get(target).stream().map(ServiceStatus::id)
                    .flatMap(id -> ExtensionServices.nameOf(id).stream()).sorted().toList();
            byHostname.putIfAbsent(hostname, new CapturedNode(target, hostname, running, config, linkAddresses, linkNames,
                    version == null ? "" : version.tag(), staged, extensionServices));
        }
        return List.copyOf(byHostname.values());
    }

    /** The etcd members as {@code controlPlane} sees them (EtcdMemberList). */
    public List<EtcdMemberInfo> etcdMembers(String controlPlane) {
        List<NodeReply<List<EtcdMemberInfo>>> replies = call(List.of(controlPlane), "listing the etcd members",
                () -> client.etcdMembers(List.of(controlPlane)));
        return replies.get(0).value();
    }

    private static java.util.Optional<String> configText(String target, List<TalosResource> resources, String id) {
        for (TalosResource r : resources) {
            if (r.id().equals(id)) {
                if (!r.spec().isTextual()) {
                    throw new CaptureFailure(target, "its MachineConfig " + id + " is not the config's text (an older Talos?)");
                }
                return java.util.Optional.of(r.spec().asText());
            }
        }
        return java.util.Optional.empty();
    }

    private Map<String, List<TalosResource>> perNode(List<String> targets, String what, Supplier<List<NodeReply<List<TalosResource>>>> read) {
        return byTarget(targets, call(targets, what, read));
    }

    /** Replies come one per target, in the targets' order (a reply may name the node by its hostname instead). */
    private static <T> Map<String, T> byTarget(List<String> targets, List<NodeReply<T>> replies) {
        if (replies.size() != targets.size()) {
            throw new CaptureFailure(String.join(",", targets), "answered " + replies.size() + " replies for " + targets.size() + " nodes");
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            out.put(targets.get(i), replies.get(i).value());
        }
        return out;
    }

    private List<TalosResource> single(String node, String what, Supplier<List<NodeReply<List<TalosResource>>>> read) {
        return call(List.of(node), what, read).get(0).value();
    }

    /** The replies, every one answered: the first node that failed fails the capture, named with what was asked. */
    private <T> List<NodeReply<T>> call(List<String> targets, String what, Supplier<List<NodeReply<T>>> read) {
        List<NodeReply<T>> replies;
        try {
            replies = read.get();
        } catch (TalosApiException e) {
            if (e.code() == io.grpc.Status.Code.UNAVAILABLE && client.endpoint().equals(e.node()) && targets.size() > 1) {
                // every node failed alike through the endpoint: the endpoint is what does not answer (bad input, as for apply)
                throw new dev.talosrehearsal.common.InputException("the Talos API endpoint does not answer: " + e.node() + ": "
                        + e.code() + ": " + e.description());
            }
            throw new CaptureFailure(e.node(), what + " failed: " + e.code() + ": " + e.description());
        }
        for (NodeReply<T> reply : replies) {
            if (!reply.ok()) {
                throw new CaptureFailure(reply.node(), what + " failed: " + reply.errorCode() + ": " + reply.error());
            }
        }
        return replies;
    }
}
