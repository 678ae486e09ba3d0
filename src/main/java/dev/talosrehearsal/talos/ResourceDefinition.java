package dev.talosrehearsal.talos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Talos node describes one resource type (a COSI ResourceDefinition, namespace {@code meta}): its
 * canonical type, the name tables show, where it lives unless told, the names a user may call it by, the
 * columns talosctl's table adds, and whether only {@code os:admin} may read it.
 *
 * <p>Field names as the definition's YAML spec writes them (cosi-project/runtime
 * pkg/resource/meta/spec/resource_definition.go, {@code ResourceDefinitionSpec}).
 */
public record ResourceDefinition(String type, String displayType, String defaultNamespace, List<String> aliases,
                                 List<String> allAliases, List<PrintColumn> printColumns, boolean sensitive) {
    /** The type of the definitions themselves, and their namespace. */
    public static final String TYPE = "ResourceDefinitions.meta.cosi.dev";
    public static final String NAMESPACE = "meta";

    /** One extra table column: its title and a JSONPath into the spec ({@code {.address}}). */
    public record PrintColumn(String name, String jsonPath) {}

    public ResourceDefinition {
        aliases = List.copyOf(aliases);
        allAliases = List.copyOf(allAliases);
        printColumns = List.copyOf(printColumns);
    }

    /**
     * Whether a user's word names this type: its canonical type or any alias, ignoring case, as talosctl matches
     * (talos pkg/machinery/client/resources.go, {@code ResolveResourceKind}).
     */
    public boolean matches(String name) {
        return type.equalsIgnoreCase(name) || allAliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }

    /** Reads a definition's YAML spec; a field Talos left out is empty. */
    static ResourceDefinition fromSpec(JsonNode spec) {
        List<PrintColumn> columns = new ArrayList<>();
        for (JsonNode c : spec.path("printColumns")) {
            columns.add(new PrintColumn(c.path("name").asText(""), c.path("jsonPath").asText("")));
        }
        return new ResourceDefinition(spec.path("type").asText(""), spec.path("displayType").asText(""),
                spec.path("defaultNamespace").asText(""), texts(spec.path("aliases")), texts(spec.path("allAliases")), columns,
                "sensitive".equals(spec.path("sensitivity").asText("")));
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
