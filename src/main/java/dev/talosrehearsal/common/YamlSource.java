package dev.talosrehearsal.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
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
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Parses YAML into Jackson trees while remembering the line of every value.
 *
 * <p>snakeyaml-engine keeps marks on its node graph; Jackson trees are what the rest of the project
 * (patching, schema checks, output) works with. Scalars are typed by the YAML 1.2 core schema, like
 * go-yaml v3 does for talhelper ({@code yes} stays a string).
 */
public final class YamlSource {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One parsed document and where its values came from. */
    public record Document(JsonNode root, SourceMap sources) {}

    private YamlSource() {}

    /** Parses exactly one document; an empty file is an empty map. */
    public static Document parseOne(String text, String file) {
        List<Document> docs = parseAll(text, file, 0);
        if (docs.size() > 1) {
            throw new InputException(file, docs.get(1).sources().lineOf(""), "expected one YAML document, found " + docs.size());
        }
        return docs.isEmpty() ? new Document(NODES.objectNode(), new SourceMap(file)) : docs.get(0);
    }

    /**
     * Parses every document of a multi-document stream.
     *
     * @param lineOffset added to every line, for YAML embedded in another file (a patch in talconfig.yaml)
     */
    public static List<Document> parseAll(String text, String file, int lineOffset) {
        LoadSettings settings = InputLimits.yamlSettings(file).setAllowDuplicateKeys(false).build();
        List<Document> documents = new ArrayList<>();
        try {
            for (Node node : YamlNodes.composeAll(settings, text)) {
                SourceMap sources = new SourceMap(file);
                JsonNode root = convert(node, "", sources, file, lineOffset, new int[1], 0);
                documents.add(new Document(root, sources));
            }
        } catch (YamlEngineException e) {
            throw new InputException(file, YamlNodes.lineOf(e, text) + lineOffset, "not valid YAML: " + YamlNodes.problem(e));
        }
        return documents;
    }

    /**
     * @param values how many values this document has expanded to so far (aliases copy whole subtrees)
     * @param depth  how deep this value is: the parser limits nesting, but an alias to an enclosing map
     *               ({@code a: &x {b: *x}}) makes a cycle that only shows here
     */
    private static JsonNode convert(Node node, String pointer, SourceMap sources, String file, int lineOffset, int[] values, int depth) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0) + lineOffset;
        if (node instanceof ScalarNode s && (s.getScalarStyle() == ScalarStyle.LITERAL || s.getScalarStyle() == ScalarStyle.FOLDED)) {
            line++; // a block scalar's content (a patch, a file) starts on the line after '|'
        }
        if (depth > InputLimits.MAX_YAML_NESTING) {
            throw new InputException(file, line, "nested deeper than " + InputLimits.MAX_YAML_NESTING
                    + " levels (an alias inside what it names?)");
        }
        if (++values[0] > InputLimits.MAX_YAML_VALUES) {
            throw new InputException(file, line, "more than " + InputLimits.MAX_YAML_VALUES
                    + " values, counting what aliases expand to (the limit for every YAML input)");
        }
        sources.put(pointer, line);
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new InputException(file, line, "map keys must be plain strings");
                }
                String key = keyNode.getValue();
                if (isMergeKey(keyNode)) {
                    merges.add(tuple.getValueNode());
                    continue;
                }
                int keyLine = keyNode.getStartMark().map(m -> m.getLine() + 1).orElse(0) + lineOffset;
                if (object.has(key)) {
                    throw new InputException(file, keyLine, "duplicate key '" + key + "'");
                }
                String child = pointer + "/" + SourceMap.segment(key);
                sources.put(child, keyLine);
                object.set(key, convert(tuple.getValueNode(), child, sources, file, lineOffset, values, depth + 1));
            }
            for (Node merge : merges) {
                merge(object, merge, pointer, sources, file, lineOffset, values, depth);
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            int i = 0;
            for (Node item : sequence.getValue()) {
                array.add(convert(item, pointer + "/" + i++, sources, file, lineOffset, values, depth + 1));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    /**
     * YAML's merge key, as go-yaml v3 reads it for talhelper (decode.go: {@code isMerge}, {@code merge}): a plain
     * {@code <<} whose value is a map, or a list of maps, whose keys the enclosing map takes unless it sets them itself;
     * of several maps, the first that has a key gives it. snakeyaml-engine reads YAML 1.2, which has no merge key, so
     * the tree is merged here; each merged value keeps the line it was written on (the anchor's).
     */
    private static boolean isMergeKey(ScalarNode key) {
        return key.getValue().equals("<<") && key.getScalarStyle() == ScalarStyle.PLAIN;
    }

    private static void merge(ObjectNode into, Node merge, String pointer, SourceMap sources, String file, int lineOffset, int[] values,
            int depth) {
        List<Node> maps = merge instanceof SequenceNode list ? list.getValue() : List.of(merge);
        for (Node map : maps) {
            int line = map.getStartMark().map(m -> m.getLine() + 1).orElse(0) + lineOffset;
            if (!(map instanceof MappingNode)) {
                throw new InputException(file, line, "a merge key (<<) takes a map or a list of maps");
            }
            SourceMap merged = new SourceMap(file);
            ObjectNode fields = (ObjectNode) convert(map, pointer, merged, file, lineOffset, values, depth);
            fields.fields().forEachRemaining(field -> {
                if (!into.has(field.getKey())) {
                    into.set(field.getKey(), field.getValue());
                    sources.putAbsent(merged, pointer + "/" + SourceMap.segment(field.getKey()));
                }
            });
        }
    }

    private static JsonNode scalar(ScalarNode node) {
        String value = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(Boolean.parseBoolean(value.toLowerCase()));
        }
        if (Tag.INT.equals(tag)) {
            BigInteger number = parseInt(value);
            return number.bitLength() < 32 ? NODES.numberNode(number.intValue())
                    : number.bitLength() < 64 ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return NODES.textNode(value); // .inf / .nan spellings: keep the text, Talos has no such fields
            }
        }
        return NODES.textNode(value);
    }

    private static BigInteger parseInt(String value) {
        String v = value.startsWith("+") ? value.substring(1) : value;
        if (v.startsWith("0x")) {
            return new BigInteger(v.substring(2), 16);
        }
        if (v.startsWith("0o")) {
            return new BigInteger(v.substring(2), 8);
        }
        return new BigInteger(v);
    }

    /**
     * The 1-based line to report for a YAML error: where the problem is, except when the parser only
     * noticed it at the end of the input (an unclosed quote or bracket) and knows where the unfinished
     * value started; then that start, the line to fix (go-yaml, and so talhelper, reports it too).
     */
    public static int errorLine(MarkedYamlEngineException e, String text) {
        Optional<Mark> problem = e.getProblemMark();
        Optional<Mark> context = e.getContextMark();
        int end = text.stripTrailing().codePointCount(0, text.stripTrailing().length());
        boolean atEnd = problem.map(m -> m.getIndex() >= end).orElse(true);
        Optional<Mark> mark = atEnd && context.isPresent() ? context : problem.or(() -> context);
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }
}
