package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The strategic merge patch that does what an RFC 6902 patch does, for the refusal of JSON patches on multi-document
 * configs to show, on one line. Real configs hit that refusal with patches such as onedr0p/cluster-template's
 * {@code - op: remove, path: /cluster/apiServer/admissionControl} (the template replaced it with a {@code $patch: delete}
 * in onedr0p/cluster-template#2020, after budimanjojo/talhelper#1226).
 *
 * <p>The patch is shown as a talconfig or its patch files hold it: talhelper substitutes variables there, so the
 * delete marker is written {@code $$patch}. Only where the two are the same: {@code remove} of a mapping key becomes
 * {@code $patch: delete} under that key, and
 * {@code add} or {@code replace} of a scalar at a mapping key becomes that key set. A list index in the path, a list
 * or mapping value (a strategic merge appends to lists and merges mappings rather than replacing them) or any other
 * operation has no equivalent, and nothing is suggested.
 */
final class StrategicEquivalent {
    /** A key flow-style YAML can carry bare (no quoting rules to get wrong in a one-line hint). */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private StrategicEquivalent() {}

    /** The equivalent patch in flow style ({@code cluster: {apiServer: {admissionControl: {$$patch: delete}}}}), if there is one. */
    static Optional<String> of(List<ConfigPatch.Operation> operations) {
        return of(operations, pointer -> Optional.empty());
    }

    /**
     * As {@link #of(List)}; a {@code remove} of what {@code dropPatch} says a document holds as a whole drops that
     * document instead (at v1.14 {@code /cluster/apiServer/admissionControl} is the KubeAdmissionControlConfig documents,
     * and the nested delete would miss: v1alpha1 has no {@code cluster.apiServer} there).
     */
    static Optional<String> of(List<ConfigPatch.Operation> operations, Function<String, Optional<String>> dropPatch) {
        List<String> parts = new ArrayList<>();
        for (ConfigPatch.Operation operation : operations) {
            Optional<String> part = "remove".equals(operation.name()) ? dropPatch.apply(operation.path()).or(() -> of(operation))
                    : of(operation);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", parts));
    }

    private static Optional<String> of(ConfigPatch.Operation operation) {
        List<String> keys = keys(operation.path());
        if (keys.isEmpty() || !keys.stream().allMatch(k -> PLAIN_KEY.matcher(k).matches() && !k.chars().allMatch(Character::isDigit))) {
            return Optional.empty();
        }
        String leaf;
        JsonNode value = operation.op().path("value");
        switch (operation.name()) {
            case "remove" -> leaf = "{$$patch: delete}"; // as written in a talconfig or its patch files: talhelper substitutes variables there
            case "add", "replace" -> {
                if (!value.isValueNode() || value.isNull()) {
                    return Optional.empty();
                }
                leaf = value.isTextual() ? "\"" + value.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : value.asText();
            }
            default -> {
                return Optional.empty();
            }
        }
        StringBuilder text = new StringBuilder(keys.get(keys.size() - 1)).append(": ").append(leaf);
        for (int i = keys.size() - 2; i >= 0; i--) {
            text.insert(0, keys.get(i) + ": {").append('}');
        }
        return Optional.of(text.toString());
    }

    /** The JSON pointer's keys, unescaped ({@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
    private static List<String> keys(String pointer) {
        if (!pointer.startsWith("/")) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            keys.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return keys;
    }
}
