package dev.talosrehearsal.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.talos.ResourceDefinition;
import dev.talosrehearsal.talos.ResourceWatch;
import dev.talosrehearsal.talos.TalosResource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code talos get -w} prints a watch's events, after talosctl's output writers with events on (talos
 * cmd/talosctl/cmd/talos/output/table.go, yaml.go, json.go; the loop in cmd/talosctl/cmd/talos/get.go):
 * <ul>
 *   <li>table: a column {@code *} after NODE, {@code +} for a resource created, {@code -} destroyed, blank updated. The
 *       resources there were when the watch began are held back and printed as one aligned block once a node says they
 *       were all sent (BOOTSTRAPPED); every later event is printed, and aligned, on its own line as it comes;</li>
 *   <li>yaml and json: each event's document with {@code event: created|updated|destroyed} after {@code node}.</li>
 * </ul>
 * A watch of one resource gets no BOOTSTRAPPED (talosctl then prints nothing until it ends); here its first event ends
 * the held-back block instead. Specs of a sensitive type are redacted: a watch never writes to a file.
 * Events come from several nodes' watches at once: one is printed at a time.
 */
final class ResourceEventOutput implements ResourceWatch.Listener {
    private final ResourceDefinition definition;
    private final TalosGetCommand.Format format;
    private final PrintWriter out;
    private final boolean bootstrapping;
    private final List<List<String>> held = new ArrayList<>();
    private boolean flushed;
    private boolean documents;

    /** @param bootstrapping whether the watch sends its current contents first, ended by BOOTSTRAPPED (a type's watch) */
    ResourceEventOutput(ResourceDefinition definition, TalosGetCommand.Format format, PrintWriter out, boolean bootstrapping) {
        this.definition = definition;
        this.format = format;
        this.out = out;
        this.bootstrapping = bootstrapping;
        if (format == TalosGetCommand.Format.table) {
            List<String> header = new ArrayList<>(List.of("NODE", "*", "NAMESPACE", "TYPE", "ID", "VERSION"));
            definition.printColumns().forEach(c -> header.add(c.name().toUpperCase(Locale.ROOT)));
            held.add(header);
        }
    }

    @Override
    public synchronized void onEvent(ResourceWatch.Event event) {
        if (event.type() == ResourceWatch.EventType.BOOTSTRAPPED) {
            finish();
            return;
        }
        if (format == TalosGetCommand.Format.table) {
            held.add(row(event));
            if (flushed || !bootstrapping) {
                finish();
            }
            return;
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ObjectNode resource = ResourceOutput.document(event.resource(), definition.sensitive());
        doc.set("node", resource.get("node"));
        doc.put("event", event.type().name().toLowerCase(Locale.ROOT));
        doc.set("metadata", resource.get("metadata"));
        doc.set("spec", resource.get("spec"));
        if (format == TalosGetCommand.Format.yaml) {
            out.print((documents ? "---\n" : "") + ResourceOutput.yaml(doc));
        } else {
            out.print(ResourceOutput.json(doc) + "\n");
        }
        documents = true;
        out.flush();
    }

    /** Prints what is held back (the header and the current contents, in a table); called again, prints what came since. */
    synchronized void finish() {
        if (!held.isEmpty()) {
            out.print(ResourceOutput.aligned(held));
            held.clear();
        }
        flushed = true;
        out.flush();
    }

    private List<String> row(ResourceWatch.Event event) {
        TalosResource r = event.resource();
        String label = switch (event.type()) {
            case CREATED -> "+";
            case DESTROYED -> "-";
            default -> " ";
        };
        List<String> row = new ArrayList<>(List.of(event.node(), label, r.namespace(), definition.displayType(), r.id(), r.version()));
        definition.printColumns().forEach(c -> row.add(JsonPathColumn.evaluate(c.jsonPath(), r.spec())));
        return row;
    }
}
