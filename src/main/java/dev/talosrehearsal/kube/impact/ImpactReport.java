package dev.talosrehearsal.kube.impact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/** An impact scan's findings for people (an aligned table) and for programs (a JSON array). */
public final class ImpactReport {
    private ImpactReport() {}

    /** {@code [{kind, namespace, name, field, value, note}]}, pretty-printed. */
    public static String toJson(List<ImpactFinding> findings) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (ImpactFinding f : findings) {
            ObjectNode o = array.addObject();
            o.put("kind", f.kind());
            o.put("namespace", f.namespace());
            o.put("name", f.name());
            o.put("field", f.fieldPath());
            o.put("value", f.value());
            o.put("note", f.note());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** KIND NAMESPACE NAME FIELD VALUE NOTE, aligned like kubectl; cluster-scoped objects show '-' as namespace. */
    public static void printTable(List<ImpactFinding> findings, PrintWriter out) {
        if (findings.isEmpty()) {
            out.println("no object refers to the old range");
            return;
        }
        String[] header = {"KIND", "NAMESPACE", "NAME", "FIELD", "VALUE", "NOTE"};
        List<String[]> rows = findings.stream().map(f -> new String[] {f.kind(), f.namespace().isEmpty() ? "-" : f.namespace(),
                f.name(), f.fieldPath(), f.value(), f.note()}).toList();
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        row(header, width, out);
        rows.forEach(r -> row(r, width, out));
        long objects = findings.stream().map(f -> f.kind() + "/" + f.namespace() + "/" + f.name()).distinct().count();
        out.printf("%d values in %d objects refer to the old range%n", findings.size(), objects);
    }

    private static void row(String[] cells, int[] width, PrintWriter out) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            s.append(i == cells.length - 1 ? cells[i] : String.format("%-" + (width[i] + 3) + "s", cells[i]));
        }
        out.println(s.toString().stripTrailing());
    }
}
