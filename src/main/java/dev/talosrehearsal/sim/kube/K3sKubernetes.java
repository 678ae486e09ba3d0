package dev.talosrehearsal.sim.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kubernetes API: k3s in a container (Testcontainers), started once per JVM and shared by
 * every instance; Testcontainers' reaper removes it when the JVM exits. Because it is shared,
 * {@link #stop()} deletes what the simulator created (labelled {@link KubernetesBackend#SIMULATED_LABEL})
 * instead of stopping the container.
 *
 * <p>Needs a Docker engine: where there is none, {@link #start()} throws
 * {@link BackendUnavailableException} with the reason ({@link #unavailableReason()} says it without
 * trying). Written for a machine with Docker and not run where it was written (no Docker there).
 * Unlike the embedded API, k3s runs controllers: the simulated Nodes get Lease heartbeats and a
 * NoSchedule taint ({@link NodeMirror#forRealControllers}), and k3s's own node is listed next to them.
 */
public final class K3sKubernetes extends SharedClusterBackend {
    /** Pinned: the Kubernetes minor Talos v1.11 installs by default (1.34), the fixture's release. */
    public static final String IMAGE = "rancher/k3s:v1.34.1-k3s1";
    private static K3sContainer shared;


    /** Why this backend cannot run here, if it cannot (asks Docker; quick when there is none). */
    public static Optional<String> unavailableReason() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        return docker ? Optional.empty()
                : Optional.of("the k3s backend needs a Docker engine and Testcontainers found none on this machine");
    }

    @Override
    public String name() {
        return "k3s";
    }

    @Override
    public synchronized void start() {
        if (client != null) {
            throw new IllegalStateException("k3s backend already started");
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(container().getKubeConfigYaml())).build();
        SimulatedObjects.deleteAll(client); // leftovers of an earlier user of the shared container
    }

    private static synchronized K3sContainer container() {
        if (shared == null) {
            unavailableReason().ifPresent(reason -> {
                throw new BackendUnavailableException(reason);
            });
            K3sContainer k3s = new K3sContainer(DockerImageName.parse(IMAGE));
            k3s.start();
            shared = k3s;
        }
        return shared;
    }

    @Override
    public KubernetesClient client() {
        if (client == null) {
            throw new IllegalStateException("k3s backend not started");
        }
        return client;
    }

    @Override
    public Path writeKubeconfig(Path target) {
        client();
        return EmbeddedKubernetes.Kubeconfigs.write(target, container().getKubeConfigYaml());
    }
}
