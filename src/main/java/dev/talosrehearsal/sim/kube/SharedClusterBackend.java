package dev.talosrehearsal.sim.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A backend on a cluster others use too (k3s shared per JVM, an existing staging cluster): the
 * simulator removes exactly the objects it created when it stops, and leaves everything else.
 */
abstract class SharedClusterBackend implements KubernetesBackend {
    /** Set by the subclass once connected; null when stopped. */
    protected KubernetesClient client;

    @Override
    public boolean runsControllers() {
        return true;
    }

    @Override
    public String serverVersion() {
        return client().getKubernetesVersion().getGitVersion();
    }

    @Override
    public synchronized void stop() {
        if (client != null) {
            try {
                SimulatedObjects.deleteAll(client);
            } finally {
                client.close();
                client = null;
            }
        }
    }
}
