package dev.talosrehearsal.talconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * talhelper's {@code @file} contents in {@code machineFiles[].content} and {@code inlineManifests[].contents}
 * (pkg/config/loader.go and pkg/substitute/contentsubst.go, v3.1.16): a value {@code @path} is replaced by the file's
 * text, the path relative to talconfig.yaml's directory, surrounding spaces trimmed; {@code @} alone stays as it
 * is. The file's text gets {@code ${VAR}} substitution unless the entry says {@code skipEnvsubst: true}, a
 * talhelper-only key that is not written into the machine config.
 */
final class FileContents {
    private FileContents() {}

    /** A copy of {@code list} (entries at {@code pointer}) with each entry's {@code contentKey} resolved. */
    static JsonNode resolve(YamlFieldReader f, JsonNode list, String pointer, String contentKey, Path baseDir,
            EnvSubstitution env) {
        if (list == null) {
            return null;
        }
        ArrayNode out = ((ArrayNode) list).deepCopy();
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i) instanceof ObjectNode entry)) {
                continue; // Talos's schema judges the shape of the entry later
            }
            String at = pointer + "/" + i;
            boolean skipEnvsubst = f.bool(entry, at, "skipEnvsubst");
            entry.remove("skipEnvsubst");
            JsonNode content = entry.get(contentKey);
            if (content == null || !content.isTextual() || !content.asText().startsWith("@")) {
                continue;
            }
            String path = content.asText().substring(1).strip();
            if (path.isEmpty()) {
                continue;
            }
            Path file = baseDir.resolve(path);
            String display = f.sources().file() == null ? file.toString()
                    : Path.of(f.sources().file()).resolveSibling(path).normalize().toString();
            if (!Files.exists(file)) {
                throw f.error(at + "/" + contentKey, "file '" + path + "' not found (relative to talconfig.yaml's directory)");
            }
            String text = InputFiles.read(file, display, "file not found"); // its own errors name that file
            entry.put(contentKey, skipEnvsubst ? text : env.apply(text, display));
        }
        return out;
    }
}
