package dev.talosrehearsal.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

final class Json {
    private Json() {}

    static JsonNode tree(Object o) {
        return new KubernetesSerialization().convertValue(o, JsonNode.class);
    }
}
