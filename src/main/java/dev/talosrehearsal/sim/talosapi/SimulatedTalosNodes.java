package dev.talosrehearsal.sim.talosapi;

import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.TalosconfigFile;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Talos side of a simulated cluster: one node model per rendered node, booted with its config,
 * each behind its own simulated apid (WireMock + gRPC over mutual TLS from the cluster's OS CA).
 *
 * <p>Its talosconfig names the control planes' loopback endpoints and the nodes by their talconfig
 * addresses, so a client targets nodes exactly as on the real cluster.
 */
public final class SimulatedTalosNodes implements AutoCloseable {
    private final String clusterName;
    private final SimClock clock;
    private final SimulatedEtcd etcd;
    private final Map<String, SimulatedNode> nodes;
    private final Map<String, SimulatedTalosApiServer> servers;
    private final String talosconfig;
    private final SecretsBundle secrets;

    private SimulatedTalosNodes(String clusterName, SimClock clock, SimulatedEtcd etcd, Map<String, SimulatedNode> nodes,
            Map<String, SimulatedTalosApiServer> servers, String talosconfig, SecretsBundle secrets) {
        this.clusterName = clusterName;
        this.clock = clock;
        this.etcd = etcd;
        this.nodes = nodes;
        this.servers = servers;
        this.talosconfig = talosconfig;
        this.secrets = secrets;
    }

    /** What a simulated Talos cluster is made of. */
    public record Spec(RenderedCluster cluster, TalosVersion version, Inventory inventory, SecretsBundle secrets,
            FaultsFile faults, NodeTimings timings, SimClock clock) {}

    /** Boots every node with its rendered config and starts its API (in parallel: each start costs a TLS server). */
    public static SimulatedTalosNodes start(Spec spec) {
        SimulatedEtcd etcd = new SimulatedEtcd();
        TalosApiDispatcher dispatcher = new TalosApiDispatcher();
        Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
        Map<String, ModelApiNode> apiNodes = new LinkedHashMap<>();
        for (RenderedNode rendered : spec.cluster().nodes()) {
            Inventory.Node interfaces = spec.inventory().node(rendered.hostname()).orElseThrow(() -> new dev.talosrehearsal.common.InputException(
                    "inventory has no node '" + rendered.hostname() + "' (every node of the cluster needs its interfaces there)"));
            SimulatedNode node = new SimulatedNode(rendered.hostname(), spec.version(), interfaces,
                    rendered.controlPlane() ? etcd : null, spec.clock(), spec.timings(),
                    spec.faults() == null ? new dev.talosrehearsal.sim.node.NodeFaults() : spec.faults().forNode(rendered.hostname()));
            node.boot(rendered.config());
            nodes.put(rendered.hostname(), node);
            ModelApiNode api = new ModelApiNode(node, rendered.addresses());
            apiNodes.put(rendered.hostname(), api);
            dispatcher.register(api);
        }
        Map<String, SimulatedTalosApiServer> servers = startServers(apiNodes, dispatcher, spec.secrets());
        List<String> endpoints = new ArrayList<>();
        for (RenderedNode rendered : spec.cluster().nodes()) {
            if (rendered.controlPlane()) {
                endpoints.add(servers.get(rendered.hostname()).endpoint());
            }
        }
        String talosconfig = TalosconfigFile.render(spec.cluster().clusterName(), endpoints,
                spec.cluster().talosconfigNodes(), spec.secrets());
        return new SimulatedTalosNodes(spec.cluster().clusterName(), spec.clock(), etcd, nodes, servers, talosconfig, spec.secrets());
    }

    private static Map<String, SimulatedTalosApiServer> startServers(Map<String, ModelApiNode> apiNodes,
            TalosApiDispatcher dispatcher, SecretsBundle secrets) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        Map<String, Future<SimulatedTalosApiServer>> started = new LinkedHashMap<>();
        apiNodes.forEach((host, api) -> started.put(host, pool.submit(() -> SimulatedTalosApiServer.start(api, dispatcher, secrets))));
        Map<String, SimulatedTalosApiServer> servers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Future<SimulatedTalosApiServer>> e : started.entrySet()) {
                servers.put(e.getKey(), e.getValue().get());
            }
            return servers;
        } catch (ExecutionException | InterruptedException e) {
            servers.values().forEach(SimulatedTalosApiServer::close);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the simulated Talos API: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }

    public String clusterName() {
        return clusterName;
    }

    public SimClock clock() {
        return clock;
    }

    public SimulatedEtcd etcd() {
        return etcd;
    }

    public SimulatedNode node(String hostname) {
        SimulatedNode node = nodes.get(hostname);
        if (node == null) {
            throw new IllegalArgumentException("no simulated node " + hostname);
        }
        return node;
    }

    public List<SimulatedNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The loopback endpoint of a node's simulated apid ({@code 127.0.0.1:port}). */
    public String endpoint(String hostname) {
        return servers.get(hostname).endpoint();
    }

    /** The cluster's secrets bundle (its CAs sign what the simulated servers present). */
    public SecretsBundle secrets() {
        return secrets;
    }

    /** A talosconfig (admin credentials) for this cluster; contains a private key: write it 0600. */
    public String talosconfig() {
        return talosconfig;
    }

    @Override
    public void close() {
        servers.values().forEach(SimulatedTalosApiServer::close);
    }
}
