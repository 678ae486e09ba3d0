package dev.talosrehearsal.sim.talosapi;

import java.util.Map;

/**
 * One resource a simulated node holds, before it is put on the wire: where it lives, its ID, and its spec as
 * Talos's YAML would show it (a map in Talos's field order, or a string for the machine config).
 */
record SimResource(String namespace, String type, String id, Object spec, Map<String, String> annotations) {
    SimResource(String namespace, String type, String id, Object spec) {
        this(namespace, type, id, spec, Map.of());
    }
}
