package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.InputLimits;
import dev.talosrehearsal.common.YamlNodes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads (multi-document) YAML into Jackson trees while remembering, for every map and list, the
 * 0-based line in the text where it starts, so that patch errors can name {@code file:line}.
 *
 * <p>Scalars are resolved with the YAML 1.2 core schema (what Go's yaml.v3 does for untyped
 * values): {@code null}/{@code ~}, {@code true}/{@code false}, integers (also {@code 0x}/{@code 0o}),
 * floats; anything quoted stays a string. Duplicate keys are an error, as in yaml.v3.
 */
final class YamlTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One YAML document: its root (null for an empty/null document) and its 0-based start line. */
    record Doc(JsonNode root, int line) {}

    /**
     * The documents plus the start line of every container node and non-empty text value (by identity), and of every
     * mapping's keys (by the mapping's identity).
     */
    record Parsed(List<Doc> docs, Map<JsonNode, Integer> lines, Map<JsonNode, Map<String, Integer>> keyLines) {
        /** 0-based line of a container node, or {@code fallback} when it is not known. */
        int lineOf(JsonNode node, int fallback) {
            Integer line = node == null ? null : lines.get(node);
            return line == null ? fallback : line;
        }

        /** 0-based line of {@code key} in the mapping {@code object}, or {@code fallback}. */
        int keyLineOf(JsonNode object, String key, int fallback) {
            Integer line = keyLines.getOrDefault(object, Map.of()).get(key);
            return line == null ? fallback : line;
        }
    }

    private final ConfigPatch.Origin origin;
    private final Map<JsonNode, Integer> lines = new IdentityHashMap<>();
    private final Map<JsonNode, Map<String, Integer>> keyLines = new IdentityHashMap<>();
    /** Values converted so far, counting every copy an alias makes. */
    private int values;

    private YamlTrees(ConfigPatch.Origin origin) {
        this.origin = origin;
    }

    static Parsed parse(String text, ConfigPatch.Origin origin) {
        YamlTrees reader = new YamlTrees(origin);
        LoadSettings settings = InputLimits.yamlSettings(origin.file())
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .build();
        List<Doc> docs = new ArrayList<>();
        try {
            for (Node node : YamlNodes.composeAll(settings, text)) {
                docs.add(new Doc(reader.convert(node, 0), line(node)));
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? "" : e.getProblem();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw origin.error(mark.map(Mark::getLine).orElse(0), "invalid YAML: " + context + problem);
        } catch (YamlEngineException e) {
            throw origin.error(Math.max(0, YamlNodes.lineOf(e, text) - 1), "invalid YAML: " + YamlNodes.problem(e));
        }
        return new Parsed(List.copyOf(docs), reader.lines, reader.keyLines);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(0);
    }

    private JsonNode convert(Node node, int depth) {
        if (++values > InputLimits.MAX_YAML_VALUES) {
            throw origin.error(line(node), "more than " + InputLimits.MAX_YAML_VALUES
                    + " values, counting what aliases expand to (the limit for every YAML input)");
        }
        if (depth > InputLimits.MAX_YAML_NESTING) {
            throw origin.error(line(node), "YAML nested too deeply (recursive alias?)");
        }
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            lines.put(object, line(mapping));
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    throw origin.error(line(keyNode), "mapping keys must be plain scalars");
                }
                String key = scalarKey.getValue();
                if (object.has(key)) {
                    throw origin.error(line(keyNode), "mapping key \"" + key + "\" already defined");
                }
                object.set(key, convert(tuple.getValueNode(), depth + 1));
                keyLines.computeIfAbsent(object, o -> new java.util.HashMap<>()).put(key, line(keyNode));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            lines.put(array, line(sequence));
            for (Node item : sequence.getValue()) {
                array.add(convert(item, depth + 1));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        JsonNode value = scalar(scalar);
        // Text nodes are fresh objects (except ""), so their line can be kept by identity too: an error
        // about a value (a subnet, an endpoint) then points at the value's own line in the patch.
        if (value.isTextual() && !value.asText().isEmpty()) {
            lines.put(value, line(scalar));
        }
        return value;
    }

    private JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return NODES.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return NODES.booleanNode(value.equalsIgnoreCase("true"));
            }
            if (Tag.INT.equals(tag)) {
                return integer(value);
            }
            if (Tag.FLOAT.equals(tag)) {
                return floating(value);
            }
        } catch (NumberFormatException e) {
            throw origin.error(line(scalar), "not a number: " + value);
        }
        return NODES.textNode(value);
    }

    private static JsonNode integer(String text) {
        String value = text;
        boolean negative = false;
        if (value.startsWith("+") || value.startsWith("-")) {
            negative = value.startsWith("-");
            value = value.substring(1);
        }
        int radix = 10;
        if (value.startsWith("0x")) {
            radix = 16;
            value = value.substring(2);
        } else if (value.startsWith("0o")) {
            radix = 8;
            value = value.substring(2);
        } else if (value.length() > 1 && value.startsWith("0") && value.chars().allMatch(c -> c >= '0' && c <= '7')) {
            // go-yaml v3 (Talos's patcher) still reads YAML 1.1 octal: permissions: 0644 is 420
            radix = 8;
            value = value.substring(1);
        }
        BigInteger parsed = new BigInteger(value, radix);
        if (negative) {
            parsed = parsed.negate();
        }
        if (parsed.bitLength() < 32) {
            return NODES.numberNode(parsed.intValue());
        }
        if (parsed.bitLength() < 64) {
            return NODES.numberNode(parsed.longValue());
        }
        return NODES.numberNode(parsed);
    }

    private static JsonNode floating(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return NODES.numberNode(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals(".nan")) {
            return NODES.numberNode(Double.NaN);
        }
        return NODES.numberNode(new BigDecimal(text).doubleValue());
    }
}
