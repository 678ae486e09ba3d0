package dev.talosrehearsal.talconfig;

import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.common.SourceMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** talenv.yaml: a flat map of variables for substitution ({@code KEY: value}). */
public final class TalEnv {
    private TalEnv() {}

    public static Map<String, String> read(Path file) {
        String name = file.toString();
        String text = InputFiles.read(file);
        if (text.contains("sops:") && text.contains("ENC[")) {
            throw new InputException(name, 0, "is SOPS-encrypted; decrypt it first (sops -d) — talos-rehearsal does not run sops");
        }
        YamlSource.Document doc = YamlSource.parseOne(text, name);
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw new InputException(name, 1, "must be a map of NAME: value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InputException(name, doc.sources().lineOf("/" + SourceMap.segment(e.getKey())),
                        e.getKey() + ": must be a string, number or boolean");
            }
            env.put(e.getKey(), e.getValue().asText());
        }
        return env;
    }
}
