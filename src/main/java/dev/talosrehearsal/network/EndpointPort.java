package dev.talosrehearsal.network;

import java.net.URI;

/**
 * The port clients of the cluster endpoint ({@code https://host[:port]}) dial: the URL's, else 443 — what Talos's
 * KubePrism takes for an endpoint without one (internal/app/machined/pkg/controllers/k8s/kubeprism_config.go,
 * {@code toPort}, v1.13.9) and what kubectl and the kubelets do with an https URL. Not the kube-apiserver's own port
 * (machineconfig/ApiServerPort): a load balancer may map one to the other.
 */
public final class EndpointPort {
    /** The port of an https URL that names none. */
    public static final int DEFAULT = 443;

    private EndpointPort() {}

    public static int of(URI endpoint) {
        return endpoint.getPort() > 0 ? endpoint.getPort() : DEFAULT;
    }
}
