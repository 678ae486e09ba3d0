package dev.talosrehearsal.kube.impact;

import dev.talosrehearsal.common.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kubernetes objects from a directory of YAML files ({@code *.yaml}, {@code *.yml}, not recursive, in
 * name order), as {@code kubectl get -o yaml} or a GitOps repository writes them: several documents
 * per file, {@code kind: List} expanded. A file that cannot be read or parsed, or a document that is
 * not an object with {@code kind} and {@code metadata.name}, is an {@link InputException} naming file
 * and line.
 */
public final class ObjectFiles {
    /** One object and where it was written. */
    public record FileObject(JsonNode object, String file, int line) {
        public String kind() {
            return object.path("kind").asText();
        }
    }

    private ObjectFiles() {}

    public static List<FileObject> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, Files.exists(dir) ? "not a directory" : "directory not found");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new InputException(dir.toString(), 0, "no *.yaml files with Kubernetes objects");
        }
        List<FileObject> out = new ArrayList<>();
        for (Path file : files) {
            out.addAll(readFile(file));
        }
        return out;
    }

    static List<FileObject> readFile(Path file) {
        String text = InputFiles.read(file);
        List<FileObject> out = new ArrayList<>();
        for (YamlSource.Document doc : YamlSource.parseAll(text, file.toString(), 0)) {
            JsonNode root = doc.root();
            if (root.isNull() || root.isMissingNode()) {
                continue; // an empty document between two '---'
            }
            int line = doc.sources().lineOf("");
            if ("List".equals(root.path("kind").asText()) && root.path("items").isArray()) {
                for (int i = 0; i < root.path("items").size(); i++) {
                    out.add(object(root.path("items").get(i), file, doc.sources().lineOf("/items/" + i)));
                }
            } else {
                out.add(object(root, file, line));
            }
        }
        return out;
    }

    private static FileObject object(JsonNode node, Path file, int line) {
        if (!node.isObject() || !node.path("kind").isTextual() || !node.path("apiVersion").isTextual()) {
            throw new InputException(file.toString(), line, "not a Kubernetes object: expected apiVersion and kind");
        }
        if (!node.path("metadata").path("name").isTextual()) {
            throw new InputException(file.toString(), line, node.path("kind").asText() + " without metadata.name");
        }
        return new FileObject(node, file.toString(), line);
    }
}
