package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.InputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping node that remembers where it is (file, dotted path, line) so every complaint about
 * it can be a one-line {@code file:line: path: problem} error.
 *
 * <p>Works on snakeyaml-engine's composed node tree rather than on loaded Java maps because only
 * nodes keep their marks (line numbers).
 */
final class MarkedMapping {
    /** A string value with its position. */
    record Scalar(String value, String field, int line) {
        @Override
        public String toString() {
            return "Scalar[" + field + " at line " + line + "]"; // never the value: it may be a secret
        }
    }

    private final String file;
    private final String path;
    private final int line;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /** @param line where to report keys missing from this mapping: the line of the key that holds it */
    private MarkedMapping(String file, String path, MappingNode node, int line) {
        this.file = file;
        this.path = path;
        this.line = line;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(lineOf(tuple.getKeyNode()), field("<complex key>"), "keys must be plain strings");
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                throw error(lineOf(key), field(key.getValue()), "duplicate key");
            }
        }
    }

    /** The document root, which must be a mapping. */
    static MarkedMapping root(String file, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            throw new InputException(file, lineOf(node), "expected a YAML mapping at the top level");
        }
        return new MarkedMapping(file, "", mapping, lineOf(mapping));
    }

    int line() {
        return line;
    }

    /** Fails on the first key not in {@code allowed}, pointing at that key's line. */
    void allowOnly(Set<String> allowed) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(lineOf(e.getValue().getKeyNode()), field(e.getKey()),
                        "unknown key (expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    int keyLine(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? line : lineOf(tuple.getKeyNode());
    }

    MarkedMapping mapping(String key) {
        Node value = require(key);
        if (!(value instanceof MappingNode mapping)) {
            throw error(lineOf(value), field(key), "expected a mapping");
        }
        return new MarkedMapping(file, field(key), mapping, keyLine(key));
    }

    Scalar scalar(String key) {
        Node value = require(key);
        if (!(value instanceof ScalarNode scalar)) {
            throw error(lineOf(value), field(key), "expected a string");
        }
        if (scalar.getValue().isEmpty()) {
            throw error(lineOf(value), field(key), "must not be empty");
        }
        return new Scalar(scalar.getValue(), field(key), lineOf(value));
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    InputException error(int atLine, String field, String problem) {
        return new InputException(file, atLine, field + ": " + problem);
    }

    private Node require(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw error(line, field(key), "missing");
        }
        return tuple.getValueNode();
    }

    static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
