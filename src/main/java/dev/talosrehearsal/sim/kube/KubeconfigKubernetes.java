package dev.talosrehearsal.sim.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Any existing cluster, reached through a kubeconfig. The simulator is a guest there: it creates
 * only objects labelled {@link KubernetesBackend#SIMULATED_LABEL}{@code =true}, refuses to touch a Node
 * of the same name that lacks the label ({@link NodeMirror#start()}), and {@link #stop()} deletes
 * every labelled object again.
 *
 * <p>Which kubeconfig: the one given, else system property {@code talos.rehearsal.kubeconfig}, else
 * the first entry of {@code KUBECONFIG}, else {@code ~/.kube/config}; its current context unless one
 * is named. Not exercised by the tests here (there is no cluster to point at).
 */
public final class KubeconfigKubernetes extends SharedClusterBackend {
    private final Path kubeconfig;
    private final String context;
    private String kubeconfigText;

    public KubeconfigKubernetes(Path kubeconfig, String context) {
        this.kubeconfig = Objects.requireNonNull(kubeconfig);
        this.context = context;
    }

    public KubeconfigKubernetes() {
        this(defaultKubeconfig(), System.getProperty("talos.rehearsal.kubecontext"));
    }

    static Path defaultKubeconfig() {
        String property = System.getProperty("talos.rehearsal.kubeconfig");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    @Override
    public String name() {
        return "kubeconfig";
    }

    @Override
    public synchronized void start() {
        if (client != null) {
            throw new IllegalStateException("kubeconfig backend already started");
        }
        try {
            kubeconfigText = Files.readString(kubeconfig, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendUnavailableException("the kubeconfig backend needs a kubeconfig; cannot read " + kubeconfig
                    + ": " + e.getMessage(), e);
        }
        Config config = Config.fromKubeconfig(context, kubeconfig.toFile());
        KubernetesClient c = new KubernetesClientBuilder().withConfig(config).build();
        try {
            c.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            c.close();
            throw new BackendUnavailableException("cannot reach the cluster of " + kubeconfig
                    + (context == null ? "" : " (context " + context + ")") + ": " + e.getMessage(), e);
        }
        client = c;
    }

    @Override
    public KubernetesClient client() {
        if (client == null) {
            throw new IllegalStateException("kubeconfig backend not started");
        }
        return client;
    }

    /** A copy of the kubeconfig used (it holds the user's credentials: written 0600). */
    @Override
    public Path writeKubeconfig(Path target) {
        client();
        return EmbeddedKubernetes.Kubeconfigs.write(target, kubeconfigText);
    }
}
