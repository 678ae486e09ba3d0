package dev.talosrehearsal.sim.kube;

import java.util.Locale;

/**
 * Picks a {@link KubernetesBackend} by name: {@code embedded} (the default), {@code k3s},
 * {@code kubeconfig}. System property {@code talos.rehearsal.backend} chooses the default.
 */
public final class KubernetesBackends {
    public static final String PROPERTY = "talos.rehearsal.backend";
    public static final String DEFAULT = "embedded";

    private KubernetesBackends() {}

    /** The backend named by {@code talos.rehearsal.backend}, else the embedded one. */
    public static KubernetesBackend fromDefault(String kubernetesVersion) {
        return fromName(System.getProperty(PROPERTY, DEFAULT), kubernetesVersion);
    }

    public static KubernetesBackend fromName(String name) {
        return fromName(name, EmbeddedKubernetes.DEFAULT_VERSION);
    }

    /**
     * @param kubernetesVersion what the embedded API reports as its version (k3s and an existing
     *                          cluster report their own)
     */
    public static KubernetesBackend fromName(String name, String kubernetesVersion) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> new EmbeddedKubernetes(kubernetesVersion);
            case "k3s" -> new K3sKubernetes();
            case "kubeconfig" -> new KubeconfigKubernetes();
            default -> throw new IllegalArgumentException("unknown Kubernetes backend '" + name
                    + "': use embedded, k3s or kubeconfig");
        };
    }
}
