package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * v1alpha1's network device selector as the CEL expression of a LinkAliasConfig, built as talhelper v3.1.16 builds
 * it (pkg/talos/networkconfig.go, buildDeviceSelectorCELExpression): one condition per field set, joined with
 * {@code &&}; an empty selector gives no expression (and talhelper writes no alias for it). Talos requires the
 * expression to match exactly one link.
 */
final class LinkSelectors {
    private LinkSelectors() {}

    static String celExpression(JsonNode selector) {
        List<String> conditions = new ArrayList<>();
        glob(conditions, selector, "hardwareAddr", "mac(link.hardware_addr)");
        glob(conditions, selector, "permanentAddr", "mac(link.permanent_addr)");
        glob(conditions, selector, "busPath", "link.bus_path");
        glob(conditions, selector, "driver", "link.driver");
        glob(conditions, selector, "pciID", "link.pciid");
        JsonNode physical = selector.get("physical");
        if (physical != null && physical.isBoolean()) {
            conditions.add(physical.booleanValue() ? "link.type == 1" : "link.type != 1");
        }
        return String.join(" && ", conditions);
    }

    private static void glob(List<String> conditions, JsonNode selector, String field, String attribute) {
        String pattern = selector.path(field).asText("");
        if (!pattern.isEmpty()) {
            conditions.add("glob(\"" + pattern + "\", " + attribute + ")");
        }
    }
}
