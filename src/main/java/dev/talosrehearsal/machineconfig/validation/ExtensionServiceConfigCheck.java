package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ExtensionServiceConfig documents: a name, at least one config file or environment entry, and every
 * config file with content and a mount path. Talos stops at the first problem of a document, so only that
 * one is reported.
 *
 * <p>Source: {@code ServiceConfigV1Alpha1.Validate} in
 * pkg/machinery/config/types/runtime/extensions/service_config.go (v1.8.4, v1.12.0: "name is required",
 * "no config files found for extension %q", "extension content is required for extension %q",
 * "extension mount path is required for extension %q").
 */
final class ExtensionServiceConfigCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        for (int doc : s.documentsOfKind("ExtensionServiceConfig")) {
            JsonNode d = s.documents().get(doc);
            String name = d.path("name").asText("");
            if (name.isEmpty()) {
                out.error(doc, "/name", "name is required");
                continue;
            }
            JsonNode files = d.path("configFiles");
            if (!Subject.isSet(files) && !Subject.isSet(d.get("environment"))) {
                out.error(doc, "", "no config files found for extension \"" + name + "\"");
                continue;
            }
            for (int i = 0; i < files.size() && files.isArray(); i++) {
                if (!Subject.isSet(files.get(i).get("content"))) {
                    out.error(doc, "/configFiles/" + i + "/content", "extension content is required for extension \"" + name + "\"");
                    break;
                }
                if (!Subject.isSet(files.get(i).get("mountPath"))) {
                    out.error(doc, "/configFiles/" + i + "/mountPath", "extension mount path is required for extension \"" + name + "\"");
                    break;
                }
            }
        }
    }
}
