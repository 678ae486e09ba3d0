package dev.talosrehearsal.talconfig;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * talhelper's keys that become whole Talos documents of their own: {@code ingressFirewall} (a
 * NetworkDefaultActionConfig and a NetworkRuleConfig per rule), {@code volumes} (VolumeConfig) and
 * {@code userVolumes} (UserVolumeConfig) — pkg/config/config.go and pkg/talos/{networkconfig,volumeconfig,
 * uservolumeconfig}.go at v3.1.16. Their Talos-typed fields pass through untouched (Talos's schema checks them on
 * the rendered document); here only talhelper's own shape is checked: known keys, names present and unique.
 */
final class NodeDocuments {
    static final Set<String> FIREWALL = Set.of("defaultAction", "rules");
    static final Set<String> RULE = Set.of("name", "portSelector", "ingress");
    static final Set<String> VOLUME = Set.of("name", "provisioning", "encryption");
    static final Set<String> USER_VOLUME = Set.of("name", "volumeType", "provisioning", "filesystem", "encryption");
    /** nethelpers.DefaultAction's values (Talos pkg/machinery/nethelpers). */
    static final Set<String> DEFAULT_ACTIONS = Set.of("accept", "block");

    private NodeDocuments() {}

    static JsonNode firewall(YamlFieldReader f, JsonNode parent, String pointer) {
        JsonNode firewall = f.object(parent, pointer, "ingressFirewall");
        if (firewall == null) {
            return null;
        }
        String at = pointer + "/ingressFirewall";
        KnownKeys.check(firewall, at, FIREWALL, Set.of(), f.sources(), "ingressFirewall");
        String action = f.string(firewall, at, "defaultAction");
        if (action != null && !DEFAULT_ACTIONS.contains(action)) {
            throw f.error(at + "/defaultAction", "\"" + action + "\" is not a valid default action (accept or block)");
        }
        named(f, firewall, at, "rules", RULE, "a firewall rule");
        return firewall;
    }

    static JsonNode volumes(YamlFieldReader f, JsonNode parent, String pointer, String key, Set<String> keys) {
        JsonNode list = f.array(parent, pointer, key);
        if (list != null) {
            named(f, parent, pointer, key, keys, key.equals("volumes") ? "a volume" : "a user volume");
        }
        return list;
    }

    /** Checks each entry of the list {@code key}: a map of {@code keys} with a name no other entry has. */
    private static void named(YamlFieldReader f, JsonNode parent, String pointer, String key, Set<String> keys, String what) {
        JsonNode list = f.array(parent, pointer, key);
        if (list == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/" + key + "/" + i;
            if (!list.get(i).isObject()) {
                throw f.error(at, "must be a map");
            }
            KnownKeys.check(list.get(i), at, keys, Set.of(), f.sources(), what);
            String name = f.requiredString(list.get(i), at, "name");
            if (!names.add(name)) {
                throw f.error(at + "/name", "duplicate name '" + name + "' (talhelper refuses two " + key + " entries with one name)");
            }
        }
    }
}
