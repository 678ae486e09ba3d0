package dev.talosrehearsal.lint;

import dev.talosrehearsal.common.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * talconfig.yaml as the user wrote it: the text before substitution, and (when the text parses as
 * YAML as it is) its tree with lines. Raw checks use it for what substitution hides or the loader
 * refuses.
 *
 * @param root    the unsubstituted tree, or null when the raw text is not valid YAML (the loader
 *                reports that)
 * @param environment the variables substitution will see
 */
record RawTalconfig(String file, String text, JsonNode root, SourceMap sources, Map<String, String> environment) {

    static RawTalconfig read(Path path, Map<String, String> environment) {
        String name = path.toString();
        return of(InputFiles.read(path), name, environment);
    }

    static RawTalconfig of(String text, String name, Map<String, String> environment) {
        JsonNode root = null;
        SourceMap sources = new SourceMap(name);
        try {
            YamlSource.Document doc = YamlSource.parseOne(text, name);
            root = doc.root();
            sources = doc.sources();
        } catch (InputException e) {
            // the loader says what is wrong, with its line
        }
        return new RawTalconfig(name, text, root, sources, Map.copyOf(environment));
    }

    /** The lines of the text, 0-based index = line - 1. */
    List<String> lines() {
        return text.lines().toList();
    }
}
