package dev.talosrehearsal.tailscale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code Handlers["<mount>"]} entry of a Web server ({@code ipn.HTTPHandler}): {@code kind} is the
 * field set, Proxy, Path, Text or Redirect, and {@code value} its value.
 */
public record WebHandler(String mount, String kind, String value) {
    private static final List<String> KINDS = List.of("Proxy", "Path", "Text", "Redirect");

    /** The handlers of one {@code Web["<host>:<port>"]} entry; a handler with none of the kinds set is left out. */
    static List<WebHandler> readAll(JsonNode webServer) {
        List<WebHandler> out = new ArrayList<>();
        webServer.path("Handlers").fields().forEachRemaining(m -> {
            for (String kind : KINDS) {
                if (m.getValue().hasNonNull(kind)) {
                    out.add(new WebHandler(m.getKey(), kind, m.getValue().get(kind).asText()));
                    break;
                }
            }
        });
        return List.copyOf(out);
    }
}
