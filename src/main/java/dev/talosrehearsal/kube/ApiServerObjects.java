package dev.talosrehearsal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The objects the kube-apiservers keep themselves: the {@code kubernetes} Service of the {@code default} namespace and
 * its Endpoints and EndpointSlice, which list each control plane's API server at the address it advertises (Talos:
 * {@code --advertise-address=$(POD_IP)}, the node IP). They follow the control planes by themselves, so they are no
 * object for a user to edit (the impact scan leaves them out), a capture does not copy them, and a simulated API
 * keeps its own instead of loading them from a file.
 */
public final class ApiServerObjects {
    public static final String SERVICE = "kubernetes";
    public static final String NAMESPACE = "default";
    private static final List<String> KINDS = List.of("Service", "Endpoints", "EndpointSlice");

    private ApiServerObjects() {}

    public static boolean keptByTheApiServer(String kind, String namespace, String name) {
        return SERVICE.equals(name) && NAMESPACE.equals(namespace.isEmpty() ? NAMESPACE : namespace) && KINDS.contains(kind);
    }

    public static boolean keptByTheApiServer(JsonNode object) {
        return keptByTheApiServer(object.path("kind").asText(""), object.path("metadata").path("namespace").asText(""),
                object.path("metadata").path("name").asText(""));
    }
}
