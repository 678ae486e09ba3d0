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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Talos side of a simulated cluster: one node model per rendered node, booted with its config, and a
 * simulated apid (WireMock + gRPC over mutual TLS from the cluster's OS CA) listening only where a client of a
 * real cluster connects: on the talosconfig's endpoints — the control planes, and any node named as an extra
 * endpoint. Every other node is reached through an endpoint, routed in-process by the {@code node} metadata as
 * apid proxies it (TalosApiDispatcher). The endpoints share one TLS context, one thread pool and one thread
 * that opens and closes their listeners as their nodes go down and come back.
 *
 * <p>Its talosconfig names the endpoints' loopback ports and the nodes by their talconfig addresses, so a
 * client targets nodes exactly as on the real cluster.
 */
public final class SimulatedTalosNodes implements AutoCloseable {
    private final String clusterName;
    private final SimClock clock;
    private final SimulatedEtcd etcd;
    private final Map<String, SimulatedNode> nodes;
    private final Map<String, SimulatedTalosApiServer> servers;
    private final String talosconfig;
    private final SecretsBundle secrets;
    private final ApiResources resources;

    private SimulatedTalosNodes(String clusterName, SimClock clock, SimulatedEtcd etcd, Map<String, SimulatedNode> nodes,
            Map<String, SimulatedTalosApiServer> servers, String talosconfig, SecretsBundle secrets, ApiResources resources) {
        this.clusterName = clusterName;
        this.clock = clock;
        this.etcd = etcd;
        this.nodes = nodes;
        this.servers = servers;
        this.talosconfig = talosconfig;
        this.secrets = secrets;
        this.resources = resources;
    }

    /**
     * What a simulated Talos cluster is made of.
     *
     * @param extraEndpoints hostnames of nodes that are talosconfig endpoints besides the control planes
     */
    public record Spec(RenderedCluster cluster, TalosVersion version, Inventory inventory, SecretsBundle secrets,
            FaultsFile faults, NodeTimings timings, SimClock clock, List<String> extraEndpoints) {
        public Spec(RenderedCluster cluster, TalosVersion version, Inventory inventory, SecretsBundle secrets,
                FaultsFile faults, NodeTimings timings, SimClock clock) {
            this(cluster, version, inventory, secrets, faults, timings, clock, List.of());
        }
    }

    /** What the endpoints share: TLS material, Jetty threads, the thread that follows nodes up and down. */
    private record ApiResources(ApidTls tls, QueuedThreadPool threads, ExecutorService listenerThread) implements AutoCloseable {
        @Override
        public void close() {
            listenerThread.shutdownNow();
            try {
                threads.stop();
            } catch (Exception ignored) {
                // daemon threads of a cluster that is gone
            }
            tls.close();
        }
    }

    /** Boots every node with its rendered config and starts the endpoints' APIs. */
    public static SimulatedTalosNodes start(Spec spec) {
        SimulatedEtcd etcd = new SimulatedEtcd();
        TalosApiDispatcher dispatcher = new TalosApiDispatcher();
        Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
        Map<String, ModelApiNode> apiNodes = new LinkedHashMap<>();
        for (RenderedNode rendered : spec.cluster().nodes()) {
            Inventory.Node interfaces = spec.inventory().node(rendered.hostname()).orElseThrow(() -> new dev.talosrehearsal.common.InputException(
                    "inventory has no node '" + rendered.hostname() + "' (every node of the cluster needs its interfaces there)"));
            // the release it runs: the inventory's when it says (an upgraded node keeps its config's old image), else the side's
            SimulatedNode node = new SimulatedNode(rendered.hostname(), interfaces.release().orElse(spec.version()), interfaces,
                    rendered.controlPlane() ? etcd : null, spec.clock(), spec.timings(),
                    spec.faults() == null ? new dev.talosrehearsal.sim.node.NodeFaults() : spec.faults().forNode(rendered.hostname()));
            node.boot(rendered.config());
            nodes.put(rendered.hostname(), node);
            ModelApiNode api = new ModelApiNode(node, rendered.addresses(), () -> List.copyOf(nodes.values()));
            apiNodes.put(rendered.hostname(), api);
            dispatcher.register(api);
        }
        List<String> endpointHosts = new ArrayList<>();
        for (RenderedNode rendered : spec.cluster().nodes()) {
            if (rendered.controlPlane() || spec.extraEndpoints().contains(rendered.hostname())) {
                endpointHosts.add(rendered.hostname());
            }
        }
        for (String extra : spec.extraEndpoints()) {
            if (!apiNodes.containsKey(extra)) {
                throw new IllegalArgumentException("endpoint " + extra + " is not a node of the cluster");
            }
        }
        ApiResources resources = new ApiResources(ApidTls.create(spec.secrets(), spec.cluster().clusterName(), endpointHosts),
                ApidThreads.pool(endpointHosts.size()), Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "simulated-apid-listeners");
                    t.setDaemon(true);
                    return t;
                }));
        Map<String, SimulatedTalosApiServer> servers = new LinkedHashMap<>();
        try {
            for (String host : endpointHosts) {
                SimulatedTalosApiServer server = SimulatedTalosApiServer.start(apiNodes.get(host), dispatcher, resources.tls(), resources.threads());
                servers.put(host, server);
                EndpointListener.follow(apiNodes.get(host), server, resources.listenerThread());
            }
        } catch (RuntimeException e) {
            servers.values().forEach(SimulatedTalosApiServer::close);
            resources.close();
            throw e;
        }
        List<String> endpoints = endpointHosts.stream().map(h -> servers.get(h).endpoint()).toList();
        String talosconfig = TalosconfigFile.render(spec.cluster().clusterName(), endpoints,
                spec.cluster().talosconfigNodes(), spec.secrets());
        return new SimulatedTalosNodes(spec.cluster().clusterName(), spec.clock(), etcd, nodes, servers, talosconfig, spec.secrets(),
                resources);
    }

    public String clusterName() {
        return clusterName;
    }

    public SimClock clock() {
        return clock;
    }

    /**
     * Returns once every endpoint listener has followed its node's last change (closed for a node gone down, open for
     * one back). Simulated time runs ahead of the wall clock; a caller that advances it waits here so that a listener
     * still closing for a reboot long over in simulated time cannot drop the connections of later calls.
     */
    public void awaitListeners() {
        try {
            resources.listenerThread().submit(() -> { }).get();
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the cluster is closing: nothing left to follow
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
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

    /** The loopback endpoint of a node's simulated apid ({@code 127.0.0.1:port}); only endpoints listen. */
    public String endpoint(String hostname) {
        SimulatedTalosApiServer server = servers.get(hostname);
        if (server == null) {
            throw new IllegalArgumentException(hostname + " is not a Talos API endpoint (reach it through one with node metadata)");
        }
        return server.endpoint();
    }

    /** Whether {@code hostname}'s apid listens now (false while its node is down, once its listener has closed). */
    public boolean listening(String hostname) {
        SimulatedTalosApiServer server = servers.get(hostname);
        return server != null && server.listening();
    }

    /** Whether any endpoint's apid listens now: false only while every endpoint's node is down. */
    public boolean anyEndpointListening() {
        return servers.values().stream().anyMatch(SimulatedTalosApiServer::listening);
    }

    /** The hostnames of the nodes whose apid listens (the talosconfig's endpoints, in order). */
    public List<String> endpointHosts() {
        return List.copyOf(servers.keySet());
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
        resources.close();
    }
}
