package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces secret values with {@code <redacted>} before anything is shown to a person: diffs,
 * plans, reports, logs.
 *
 * <p>Which values are secret: private keys and tokens of the v1alpha1 document (by field name,
 * wherever they sit), and extension-service environment entries whose name says key, token,
 * secret or password ({@code TS_AUTHKEY=tskey-auth-…}). Certificates are public and stay.
 */
public final class Redaction {
    public static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_FIELDS = Set.of("key", "token", "secret", "secretboxEncryptionSecret",
            "aescbcEncryptionSecret", "bootstrapToken", "password", "auth", "identityToken", "registryToken");
    private static final Pattern SECRET_ENV = Pattern.compile("(?i)[A-Z0-9_]*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)[A-Z0-9_]*");

    private Redaction() {}

    public static MachineConfig redact(MachineConfig config) {
        return new MachineConfig(config.documents().stream().map(Redaction::redact).toList());
    }

    public static ObjectNode redact(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        walk(copy);
        return copy;
    }

    /** Redacts {@code NAME=value} when NAME looks secret; other entries are returned as they are. */
    public static String redactEnvEntry(String entry) {
        int eq = entry.indexOf('=');
        return eq > 0 && SECRET_ENV.matcher(entry.substring(0, eq)).matches() ? entry.substring(0, eq + 1) + REDACTED : entry;
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (SECRET_FIELDS.contains(e.getKey()) && value.isTextual() && !value.asText().isEmpty()) {
                    e.setValue(TextNode.valueOf(REDACTED));
                } else if (e.getKey().equals("environment") && value.isArray()) {
                    redactEnvironment((ArrayNode) value);
                } else {
                    walk(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Redaction::walk);
        }
    }

    private static void redactEnvironment(ArrayNode environment) {
        for (int i = 0; i < environment.size(); i++) {
            if (environment.get(i).isTextual()) {
                environment.set(i, TextNode.valueOf(redactEnvEntry(environment.get(i).asText())));
            }
        }
    }

}
