package dev.talosrehearsal.sim;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.kube.KubernetesBackend;
import dev.talosrehearsal.sim.kube.KubernetesBackends;
import dev.talosrehearsal.sim.kube.NodeMirror;
import dev.talosrehearsal.sim.kube.apiserver.Upstream;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.sim.tailnet.SimulatedTailnet;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole simulated cluster, the one entry point: Talos nodes behind their simulated APIs, a
 * Kubernetes API (embedded by default) whose Node objects follow the node models, and the tailnet
 * through which control planes serve the Kubernetes API.
 *
 * <p>Time is the cluster's {@link SimClock}; {@link #advance(Duration)} moves it and brings the
 * Kubernetes side in step, so a rollout that waits on this cluster runs at full speed.
 */
public final class SimulatedCluster implements AutoCloseable {
    private final SimulatedTalosNodes talos;
    private final KubernetesBackend kubernetes;
    private final NodeMirror mirror;
    private io.fabric8.kubernetes.client.KubernetesClient kubeconfigClient;
    private final SimulatedTailnet tailnet;
    private java.util.concurrent.ScheduledExecutorService realTime;

    private SimulatedCluster(SimulatedTalosNodes talos, KubernetesBackend kubernetes, NodeMirror mirror, SimulatedTailnet tailnet) {
        this.talos = talos;
        this.kubernetes = kubernetes;
        this.mirror = mirror;
        this.tailnet = tailnet;
    }

    /**
     * @param backend       {@code embedded} (default), {@code k3s} or {@code kubeconfig}
     * @param tailnetSuffix the MagicDNS suffix of the simulated tailnet ({@code tailnet-4d89.ts.net})
     */
    public static SimulatedCluster start(SimulatedTalosNodes.Spec spec, String backend, String tailnetSuffix) {
        String k8sVersion = ConfigSetting.KUBELET_IMAGE.text(spec.cluster().nodes().get(0).config(), "").replaceAll(".*:", "");
        KubernetesBackend kubernetes = KubernetesBackends.fromName(backend == null ? KubernetesBackends.DEFAULT : backend, k8sVersion);
        if (spec.secrets() != null) {
            kubernetes.useClusterCertificates(spec.secrets());
        }
        // The Kubernetes API and the Talos APIs need nothing from each other to start: start them side by side
        // (a third of a rehearsal's start-up was waiting for one after the other).
        java.util.concurrent.CompletableFuture<Void> kubeStarted = new java.util.concurrent.CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                kubernetes.start();
                kubeStarted.complete(null);
            } catch (Throwable t) {
                kubeStarted.completeExceptionally(t);
            }
        }, "kubernetes-api-start");
        starter.setDaemon(true);
        starter.start();
        SimulatedTalosNodes talos;
        try {
            talos = SimulatedTalosNodes.start(spec);
        } catch (RuntimeException e) {
            kubeStarted.handle((ok, failed) -> null).join();
            kubernetes.close();
            throw e;
        }
        try {
            awaitStart(kubeStarted);
            spec.clock().catchUpWithWallClock(); // the API server stamps the Nodes with its wall clock
            NodeMirror mirror = NodeMirror.on(kubernetes, talos.nodes(), spec.clock());
            mirror.start();
            URI api = kubernetes.apiUrl();
            int port = api.getPort() > 0 ? api.getPort() : "https".equals(api.getScheme()) ? 443 : 80;
            SimulatedTailnet tailnet = new SimulatedTailnet(tailnetSuffix, talos, Upstream.of(api.getHost(), port, "https".equals(api.getScheme())));
            return new SimulatedCluster(talos, kubernetes, mirror, tailnet);
        } catch (RuntimeException e) {
            kubernetes.close();
            talos.close();
            throw e;
        }
    }

    /** Waits for the Kubernetes API's start and rethrows its failure as it was. */
    private static void awaitStart(java.util.concurrent.CompletableFuture<Void> started) {
        try {
            started.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    public SimulatedTalosNodes talos() {
        return talos;
    }

    public SimulatedNode node(String hostname) {
        return talos.node(hostname);
    }

    public KubernetesBackend kubernetes() {
        return kubernetes;
    }

    public SimulatedTailnet tailnet() {
        return tailnet;
    }

    public SimClock clock() {
        return talos.clock();
    }

    /** The talosconfig for this cluster (admin credentials: write it 0600). */
    public String talosconfig() {
        return talos.talosconfig();
    }

    public Path writeKubeconfig(Path target) {
        return kubernetes.writeKubeconfig(target);
    }

    /**
     * A client made the way the tool makes one for a real cluster, from a kubeconfig file ({@code ClusterView.connect}):
     * over the API's TLS side with the cluster's CA and the admin certificate. One per cluster, made on first use and
     * closed with the cluster; the kubeconfig it was read from is deleted at once.
     */
    public synchronized io.fabric8.kubernetes.client.KubernetesClient kubeconfigClient() {
        if (kubeconfigClient == null) {
            try {
                Path file = java.nio.file.Files.createTempFile("talos-rehearsal-kubeconfig", "");
                try {
                    kubeconfigClient = dev.talosrehearsal.kube.ClusterView.connect(writeKubeconfig(file));
                } finally {
                    java.nio.file.Files.deleteIfExists(file);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return kubeconfigClient;
    }

    /** Brings the Kubernetes Node objects in step with the node models now. */
    public void sync() {
        mirror.sync();
    }

    /** Lets simulated time pass (reboots finish, try configs revert, services restart), then syncs Kubernetes. */
    public void advance(Duration duration) {
        talos.clock().advance(duration);
        talos.awaitListeners();
        mirror.sync();
    }

    /**
     * Lets simulated time follow the wall clock (every 100 ms), for people and tools that do not drive the
     * clock themselves: {@code sim up}, {@code rehearse --keep-running}, a CLI rollout against the simulator.
     */
    public synchronized void runInRealTime() {
        if (realTime != null) {
            return;
        }
        realTime = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-clock");
            t.setDaemon(true);
            return t;
        });
        long[] last = {System.nanoTime()};
        realTime.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            advance(Duration.ofNanos(now - last[0]));
            last[0] = now;
        }, 100, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * {@code name:port → 127.0.0.1:port} for tailnet names, so a client that dials the names (the rollout's
     * tailnet gate, with {@code --resolve}) reaches this simulated tailnet.
     */
    public Map<String, String> resolve(List<String> targets) {
        Map<String, String> map = new LinkedHashMap<>();
        targets.forEach(target -> map.put(target, resolve(target)));
        return map;
    }

    /** {@code name:port → 127.0.0.1:port}: where this simulated tailnet answers one name. */
    public String resolve(String target) {
        int colon = target.lastIndexOf(':');
        InetSocketAddress listener = tailnet.endpoint(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        return listener.getHostString() + ":" + listener.getPort();
    }

    @Override
    public void close() {
        if (realTime != null) {
            realTime.shutdownNow();
        }
        synchronized (this) {
            if (kubeconfigClient != null) {
                kubeconfigClient.close();
            }
        }
        tailnet.close();
        mirror.stop();
        kubernetes.close();
        talos.close();
    }
}
