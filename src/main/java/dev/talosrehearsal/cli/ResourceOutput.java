package dev.talosrehearsal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.talosrehearsal.talos.ResourceDefinition;
import dev.talosrehearsal.talos.TalosResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code talos get} prints resources, after talosctl's output writers (talos cmd/talosctl/cmd/talos/output/
 * table.go, yaml.go, json.go): a table of NODE, NAMESPACE, TYPE (the display type), ID, VERSION and the
 * definition's own columns; or per resource a document with {@code node}, {@code metadata} and {@code spec}.
 */
final class ResourceOutput {
    /** What a sensitive spec is replaced by on a terminal. */
    static final String REDACTED = "(redacted: this resource holds secrets; write it to a file with --output-file)";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResourceOutput() {}

    /** The table, columns padded as Go's tabwriter with a padding of 3 does. */
    static String table(ResourceDefinition definition, List<TalosResource> resources) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NODE", "NAMESPACE", "TYPE", "ID", "VERSION"));
        definition.printColumns().forEach(c -> header.add(c.name().toUpperCase(Locale.ROOT)));
        rows.add(header);
        for (TalosResource r : resources) {
            List<String> row = new ArrayList<>(List.of(r.node(), r.namespace(), definition.displayType(), r.id(), r.version()));
            definition.printColumns().forEach(c -> row.add(JsonPathColumn.evaluate(c.jsonPath(), r.spec())));
            rows.add(row);
        }
        return aligned(rows);
    }

    /** Rows as one block of Go's tabwriter (padding 3): every column but the last as wide as its widest cell plus 3. */
    static String aligned(List<List<String>> rows) {
        int[] widths = new int[rows.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** YAML documents separated by {@code ---}, as talosctl's {@code -o yaml}. */
    static String yaml(List<TalosResource> resources, boolean redact) {
        StringBuilder out = new StringBuilder();
        for (TalosResource r : resources) {
            if (out.length() > 0) {
                out.append("---\n");
            }
            out.append(write(YAML, document(r, redact)));
        }
        return out.toString();
    }

    /** One indented JSON object per resource, as talosctl's {@code -o json}. */
    static String json(List<TalosResource> resources, boolean redact) {
        StringBuilder out = new StringBuilder();
        for (TalosResource r : resources) {
            out.append(write(JSON, document(r, redact))).append('\n');
        }
        return out.toString();
    }

    static ObjectNode document(TalosResource r, boolean redact) {
        ObjectNode doc = NODES.objectNode();
        doc.put("node", r.node());
        ObjectNode md = doc.putObject("metadata");
        md.put("namespace", r.namespace());
        md.put("type", r.type());
        md.put("id", r.id());
        md.put("version", r.version());
        md.put("owner", r.owner());
        md.put("phase", r.phase());
        md.put("updated", r.updated());
        if (!r.labels().isEmpty()) {
            r.labels().forEach(md.putObject("labels")::put);
        }
        if (!r.annotations().isEmpty()) {
            r.annotations().forEach(md.putObject("annotations")::put);
        }
        JsonNode spec = redact ? NODES.textNode(REDACTED) : r.spec();
        doc.set("spec", spec);
        return doc;
    }

    static String yaml(JsonNode node) {
        return write(YAML, node);
    }

    static String json(JsonNode node) {
        return write(JSON, node);
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a resource", e);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
