package dev.talosrehearsal.sim.kube;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.ImageReference;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Keeps one Kubernetes Node object per simulated Talos node in step with the node model, the way
 * KWOK keeps fake nodes: nothing runs on the "node", the mirror writes what its kubelet would post.
 *
 * <p><b>When it writes.</b> Only when {@link #sync()} is called: the driver (a rehearsal, a Cucumber
 * step, a test) calls it after it changed something — an apply, a reboot, a clock advance — and
 * before anything looks at the Kubernetes side. There is no background thread, so nothing races a
 * test, and what kubectl sees changes only at those points. {@code sync()} writes only the nodes
 * whose mirrored state changed, so calling it often is cheap.
 *
 * <p><b>What it writes</b>, per node:
 * <ul>
 *   <li>labels {@code kubernetes.io/hostname}, {@code kubernetes.io/os}, {@code kubernetes.io/arch},
 *       {@code node-role.kubernetes.io/control-plane=""} and
 *       {@code node.kubernetes.io/exclude-from-external-load-balancers=""} on control planes, the active
 *       config's {@code machine.nodeLabels}, and {@link KubernetesBackend#SIMULATED_LABEL}{@code =true};
 *   <li>taints: {@code node-role.kubernetes.io/control-plane:NoSchedule} on control planes unless
 *       {@code cluster.allowSchedulingOnControlPlanes}, plus {@code machine.nodeTaints};
 *   <li>{@code status.addresses}: InternalIP = the kubelet's node IP(s) ({@link SimulatedNode#kubeletNodeIps()}),
 *       Hostname. While the node has no node IP (down, or none matches validSubnets) the last
 *       InternalIP stays, as on a real Node whose kubelet stopped posting;
 *   <li>conditions: while the node is down (rebooting) every condition is {@code Unknown} with reason
 *       {@code NodeStatusUnknown} ("Kubelet stopped posting node status."), as the node lifecycle
 *       controller writes; while it is up but not ready ({@link SimulatedNode#notReadyReason()}: no node
 *       IP, kubelet crash-looping or restarting) Ready is {@code False}, reason {@code KubeletNotReady},
 *       message the model's reason; otherwise Ready {@code True}, {@code KubeletReady}. Condition times
 *       are <em>simulated</em> time ({@link SimClock}); {@code creationTimestamp} is the API server's;
 *   <li>{@code nodeInfo}: kubeletVersion from the active config's kubelet image tag, osImage
 *       {@code Talos (vX.Y.Z)}, kernel and containerd versions of that Talos release, a bootID that changes
 *       with every boot.
 * </ul>
 * Status is written with {@code updateStatus()} (PUT of the status subresource), labels and taints
 * with {@code update()}; never a merge patch of the status (fabric8's mock appends list entries).
 *
 * <p><b>On a cluster with real controllers</b> ({@link #forRealControllers}: k3s, an existing cluster) it
 * also renews each Node's Lease ({@link NodeLeases}) on the wall clock whenever {@code sync()} runs, so the
 * node lifecycle controller does not mark the Nodes Unknown, and taints every Node
 * {@link KubernetesBackend#SIMULATED_LABEL}{@code =true:NoSchedule}, so the scheduler places no real Pod
 * on a node that cannot run it (as KWOK's fake nodes are tainted).
 *
 * <p>On an API server without controllers it also keeps the {@code kubernetes} Service and its endpoints, as the
 * control planes' kube-apiservers would ({@link KubernetesServiceMirror}).
 *
 * <p>It never touches a Node it did not create: {@link #start()} refuses a name that exists without
 * the simulated label, and {@link #stop()} deletes exactly the Nodes it created.
 */
public final class NodeMirror {
    static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";
    static final String EXCLUDE_FROM_LB = "node.kubernetes.io/exclude-from-external-load-balancers";

    private final KubernetesClient client;
    private final List<SimulatedNode> nodes;
    private final SimClock clock;
    /** What the server holds for each node (the last answer to a write). */
    private final Map<String, Node> written = new LinkedHashMap<>();
    /**
     * Per node (by position in {@link #nodes}), its event count and faults at the last sync, packed by {@link #state}:
     * unchanged nodes are not recomputed. A rollout syncs after every step, so a 1,000-node one checks a million
     * nodes: the check is a comparison of two numbers (docs/benchmarks.md, seventh session).
     */
    private final long[] seenState;
    /** Null on an API server without controllers (the embedded one), where nothing reads heartbeats or schedules. */
    private final NodeLeases leases;
    /** Null where a real API server keeps its own {@code kubernetes} Service (with real controllers). */
    private final KubernetesServiceMirror apiService;

    /** For an API server without controllers (the embedded one). */
    public NodeMirror(KubernetesClient client, List<SimulatedNode> nodes, SimClock clock) {
        this(client, nodes, clock, null);
    }

    private NodeMirror(KubernetesClient client, List<SimulatedNode> nodes, SimClock clock, NodeLeases leases) {
        this.client = Objects.requireNonNull(client);
        this.nodes = List.copyOf(nodes);
        this.seenState = new long[this.nodes.size()];
        java.util.Arrays.fill(seenState, -1); // never a state: the first sync looks at every node
        this.clock = Objects.requireNonNull(clock);
        this.leases = leases;
        this.apiService = leases == null ? new KubernetesServiceMirror(client, this.nodes) : null;
    }

    /** The mirror {@code backend} needs: with Lease heartbeats on the wall clock where its controllers are real. */
    public static NodeMirror on(KubernetesBackend backend, List<SimulatedNode> nodes, SimClock clock) {
        return backend.runsControllers() ? forRealControllers(backend.client(), nodes, clock, java.time.Clock.systemUTC())
                : new NodeMirror(backend.client(), nodes, clock);
    }

    /**
     * For a cluster whose controllers are real (k3s, an existing cluster): Lease heartbeats on {@code wall}
     * and a NoSchedule taint on every simulated Node.
     */
    public static NodeMirror forRealControllers(KubernetesClient client, List<SimulatedNode> nodes, SimClock clock, java.time.Clock wall) {
        return new NodeMirror(client, nodes, clock, new NodeLeases(client, wall));
    }

    /** Creates one Node per simulated node. */
    public synchronized void start() {
        // One list instead of a GET per node: start-up cost grows with the node count, not twice it.
        Map<String, Node> existingNodes = new LinkedHashMap<>();
        client.nodes().list().getItems().forEach(n -> existingNodes.put(n.getMetadata().getName(), n));
        for (SimulatedNode node : nodes) {
            Node existing = existingNodes.get(node.nodeName());
            if (existing != null && !"true".equals(labels(existing).get(KubernetesBackend.SIMULATED_LABEL))) {
                throw new IllegalStateException("refusing to touch Node " + node.nodeName()
                        + ": it exists and was not created by talos-rehearsal (no " + KubernetesBackend.SIMULATED_LABEL + " label)");
            }
            Node desired = desired(node, null);
            Node created;
            if (existing != null) {
                desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                created = client.nodes().resource(desired).update();
            } else {
                created = client.nodes().resource(desired).create();
            }
            // The API server stamps a Node with its wall clock, which may have passed into the next second since the
            // simulated clock caught up with it: the kubelet's conditions are then recomputed at that second.
            String stamped = created.getMetadata().getCreationTimestamp();
            if (stamped != null && clock.catchUpWith(Instant.parse(stamped))) {
                desired = desired(node, null);
            }
            // A real API server drops status on create (status is a subresource); the embedded one keeps it.
            if (!sameStatus(created, desired)) {
                desired.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
                created = client.nodes().resource(desired).updateStatus();
            }
            written.put(node.nodeName(), created);
            if (leases != null) {
                leases.create(created);
            }
        }
        if (apiService != null) {
            apiService.start();
        }
    }

    /**
     * Brings every Node in line with its model; writes only what changed (and renews the Leases that are due).
     *
     * @return how many Node objects were written
     */
    public synchronized int sync() {
        int count = 0;
        for (int i = 0; i < nodes.size(); i++) {
            SimulatedNode node = nodes.get(i);
            Node last = written.get(node.nodeName());
            if (last == null) {
                throw new IllegalStateException("NodeMirror not started");
            }
            if (leases != null) {
                leases.renewIfDue(node.nodeName(), node.isReachable());
            }
            // Every state change of a node is an event, or a fault switched on or off; a crash-looping kubelet
            // alone changes with time, so it is always recomputed.
            long seen = state(node);
            if (seen == seenState[i] && !node.faults().kubeletCrashloop()) {
                continue;
            }
            seenState[i] = seen;
            Node desired = desired(node, last);
            boolean meta = !Objects.equals(labels(last), labels(desired)) || !Objects.equals(taints(last), taints(desired));
            boolean status = !sameStatus(last, desired);
            if (!meta && !status) {
                continue;
            }
            Node current = last;
            if (meta) {
                desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                current = write(() -> client.nodes().resource(desired).update(), node.nodeName(), desired, false);
            }
            if (!sameStatus(current, desired)) {
                desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                current = write(() -> client.nodes().resource(desired).updateStatus(), node.nodeName(), desired, true);
            }
            written.put(node.nodeName(), current);
            count++;
        }
        if (apiService != null && count > 0) {
            apiService.sync(); // the API servers' addresses change only with a node's state, which a Node write follows
        }
        return count;
    }

    /** A node's event count and its two mirrored faults in one number (event counts are far below 2^61). */
    private static long state(SimulatedNode node) {
        return ((long) node.eventCount() << 2) | (node.faults().kubeletCrashloop() ? 2 : 0) | (node.faults().etcdUnhealthy() ? 1 : 0);
    }

    private Node write(java.util.function.Supplier<Node> call, String name, Node desired, boolean statusOnly) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // Someone else wrote the Node (a controller on a real cluster): write ours over the latest version.
            Node latest = client.nodes().withName(name).get();
            desired.getMetadata().setResourceVersion(latest.getMetadata().getResourceVersion());
            return statusOnly ? client.nodes().resource(desired).updateStatus() : client.nodes().resource(desired).update();
        }
    }

    /** Deletes the Nodes this mirror created. */
    public synchronized void stop() {
        for (String name : written.keySet()) {
            if (leases != null) {
                leases.delete(name);
            }
            try {
                client.nodes().withName(name).delete();
            } catch (KubernetesClientException e) {
                // already gone, or the API server is: nothing left to clean
            }
        }
        written.clear();
    }

    /** The Node object the model asks for now; {@code last} is what the server holds (null before the first write). */
    Node desired(SimulatedNode node, Node last) {
        Instant now = clock.now();
        MachineConfig config = node.activeConfig();
        boolean controlPlane = node.controlPlane();

        Map<String, String> labels = new TreeMap<>();
        labels.put("kubernetes.io/hostname", node.nodeName());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", "amd64");
        // With a KubeNodeConfig (v1.14) Talos takes labels and taints from it alone; the generator wrote the
        // control-plane ones there. Without it, Talos's v1alpha1 shim adds them (v1alpha1_k8s_bridge.go, v1.14.0-rc.1).
        boolean fromDocument = ConfigSetting.NODE_LABELS.document(config).isPresent();
        if (controlPlane && !fromDocument) {
            labels.put(CONTROL_PLANE_ROLE, "");
            labels.put(EXCLUDE_FROM_LB, "");
        }
        ConfigSetting.NODE_LABELS.value(config).properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.put(KubernetesBackend.SIMULATED_LABEL, "true");

        List<Taint> taints = new ArrayList<>();
        if (controlPlane && !fromDocument && !config.at("/cluster/allowSchedulingOnControlPlanes").asBoolean(false)) {
            taints.add(new TaintBuilder().withKey(CONTROL_PLANE_ROLE).withEffect("NoSchedule").build());
        }
        ConfigSetting.NODE_TAINTS.value(config).properties().forEach(e -> taints.add(taint(e.getKey(), e.getValue().asText())));
        if (leases != null) {
            taints.add(new TaintBuilder().withKey(KubernetesBackend.SIMULATED_LABEL).withValue("true").withEffect("NoSchedule").build());
        }

        List<NodeAddress> addresses = new ArrayList<>();
        List<String> ips = node.kubeletNodeIps();
        if (ips.isEmpty() && last != null) {
            last.getStatus().getAddresses().stream().filter(a -> a.getType().equals("InternalIP")).forEach(addresses::add);
        } else {
            ips.forEach(ip -> addresses.add(new NodeAddress(ip, "InternalIP")));
        }
        addresses.add(new NodeAddress(node.nodeName(), "Hostname"));

        List<NodeCondition> conditions = conditions(node, last, now);

        return new NodeBuilder()
                .withNewMetadata().withName(node.nodeName()).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(taints).endSpec()
                .withNewStatus()
                    .withAddresses(addresses)
                    .withConditions(conditions)
                    .withNodeInfo(nodeInfo(node, config))
                    .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus()
                .build();
    }

    private static List<NodeCondition> conditions(SimulatedNode node, Node last, Instant now) {
        List<NodeCondition> out = new ArrayList<>();
        boolean up = node.isReachable();
        Optional<String> notReady = node.notReadyReason();
        String[][] pressure = {
            {"MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
            {"DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
            {"PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
        };
        for (String[] p : pressure) {
            out.add(up ? condition(p[0], "False", p[1], p[2], last, now) : unknown(p[0], last, now));
        }
        if (!up) {
            out.add(unknown("Ready", last, now));
        } else if (notReady.isPresent()) {
            out.add(condition("Ready", "False", "KubeletNotReady", notReady.get(), last, now));
        } else {
            out.add(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", last, now));
        }
        return out;
    }

    private static NodeCondition unknown(String type, Node last, Instant now) {
        NodeCondition c = condition(type, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", last, now);
        // The kubelet is silent: its last heartbeat stays what it was.
        previous(last, type).ifPresent(p -> c.setLastHeartbeatTime(p.getLastHeartbeatTime()));
        return c;
    }

    private static NodeCondition condition(String type, String status, String reason, String message, Node last, Instant now) {
        Optional<NodeCondition> prev = previous(last, type);
        String transition = prev.filter(p -> p.getStatus().equals(status)).map(NodeCondition::getLastTransitionTime)
                .orElse(now.toString());
        boolean unchanged = prev.isPresent() && prev.get().getStatus().equals(status) && Objects.equals(prev.get().getReason(), reason)
                && Objects.equals(prev.get().getMessage(), message);
        // Heartbeats move only when something changes: sync() then has nothing to write in a steady state.
        String heartbeat = unchanged ? prev.get().getLastHeartbeatTime() : now.toString();
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(heartbeat).withLastTransitionTime(transition).build();
    }

    private static Optional<NodeCondition> previous(Node last, String type) {
        if (last == null || last.getStatus() == null || last.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return last.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static NodeSystemInfo nodeInfo(SimulatedNode node, MachineConfig config) {
        String image = ConfigSetting.KUBELET_IMAGE.text(config, "");
        String kubeletVersion = ImageReference.tag(image).orElse("");
        String talos = node.talosVersion().tag();
        return new NodeSystemInfoBuilder()
                .withArchitecture("amd64")
                .withOperatingSystem("linux")
                .withOsImage("Talos (" + talos + ")")
                .withKernelVersion(TalosRelease.kernel(node.talosVersion()))
                .withContainerRuntimeVersion("containerd://" + TalosRelease.containerd(node.talosVersion()))
                .withKubeletVersion(kubeletVersion)
                .withKubeProxyVersion("")
                .withMachineID(uuid(node.hostname() + "/machine").replace("-", ""))
                .withSystemUUID(uuid(node.hostname() + "/system"))
                // the kernel's boot_id, which Talos reports too: one ID on both APIs, as on a real node
                .withBootID(node.lastBootId())
                .build();
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Talos's nodeTaints value form {@code value:Effect} or {@code :Effect}. */
    private static Taint taint(String key, String value) {
        int colon = value.lastIndexOf(':');
        String v = colon < 0 ? value : value.substring(0, colon);
        String effect = colon < 0 ? "NoSchedule" : value.substring(colon + 1);
        return new TaintBuilder().withKey(key).withValue(v.isEmpty() ? null : v).withEffect(effect).build();
    }

    private static Map<String, String> labels(Node node) {
        Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
        return l == null ? Map.of() : new TreeMap<>(l);
    }

    private static List<Taint> taints(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    private static boolean sameStatus(Node a, Node b) {
        if (a.getStatus() == null || b.getStatus() == null) {
            return a.getStatus() == b.getStatus();
        }
        return Objects.equals(a.getStatus().getAddresses(), b.getStatus().getAddresses())
                && Objects.equals(a.getStatus().getConditions(), b.getStatus().getConditions())
                && Objects.equals(a.getStatus().getNodeInfo(), b.getStatus().getNodeInfo());
    }
}
