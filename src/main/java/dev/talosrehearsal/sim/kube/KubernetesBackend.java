package dev.talosrehearsal.sim.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The Kubernetes side of a simulated cluster: an API server the simulator writes Node objects
 * (and anything else it needs) into, and that a user, the applier or kubectl can read while a
 * rehearsal runs.
 *
 * <p>Three implementations: {@link EmbeddedKubernetes} (in-process, the default and what CI uses),
 * {@link K3sKubernetes} (a k3s container, where Docker exists) and {@link KubeconfigKubernetes}
 * (an existing cluster; only objects labelled {@link #SIMULATED_LABEL} are touched). Pick one with
 * {@link KubernetesBackends#fromName(String)}.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #client()} and {@link #writeKubeconfig(Path)};
 * {@link #stop()} (or {@link #close()}) releases it. Not thread-safe for start/stop; the client is.
 */
public interface KubernetesBackend extends AutoCloseable {
    /** Put on every object the simulator creates; the kubeconfig backend deletes exactly these on stop. */
    String SIMULATED_LABEL = "talos-rehearsal.dev/simulated";

    /** {@code embedded}, {@code k3s} or {@code kubeconfig}. */
    String name();

    /**
     * Starts (or connects to) the API server.
     *
     * @throws BackendUnavailableException when this backend cannot run here (no Docker engine, no kubeconfig)
     */
    void start();

    /** A fabric8 client for this API server; valid between start and stop. */
    KubernetesClient client();

    /**
     * Writes a kubeconfig (mode 0600) that points kubectl at this API server, and returns its path.
     * {@code target} is a file; its parent directories are created.
     */
    Path writeKubeconfig(Path target);

    /**
     * True where real controllers run (k3s, an existing cluster): simulated Nodes then need Lease
     * heartbeats, or the node lifecycle controller marks them Unknown, and a NoSchedule taint, or the
     * scheduler places real Pods on them ({@link NodeMirror#forRealControllers}).
     */
    default boolean runsControllers() {
        return false;
    }

    /**
     * Before {@link #start()}: serve the API over TLS from the cluster's Kubernetes CA, with an admin client certificate
     * in the kubeconfigs written, as a real cluster's API server and {@code talosctl kubeconfig} do. A backend whose API
     * server is real (k3s, an existing cluster) has its own certificates and ignores this.
     */
    default void useClusterCertificates(dev.talosrehearsal.machineconfig.secrets.SecretsBundle secrets) {}

    /** Where clients other than {@link #client()} reach the API (kubectl, the tailnet's TCPForward); by default the client's own server. */
    default java.net.URI apiUrl() {
        return java.net.URI.create(client().getConfiguration().getMasterUrl());
    }

    /** The server's {@code gitVersion}, e.g. {@code v1.34.1}. */
    String serverVersion();

    /** Releases what {@link #start()} acquired; objects the simulator created are removed where the cluster outlives it. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
