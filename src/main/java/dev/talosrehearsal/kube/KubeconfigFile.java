package dev.talosrehearsal.kube;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.YamlSource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * A kubeconfig file read into fabric8's {@link Config}, every problem an {@link InputException} naming the file
 * and, where it has one, the line.
 *
 * <p>fabric8 parses the text itself and lets its parser's exceptions through (snakeyaml's, Jackson's wrapped in an
 * IllegalArgumentException, a NullPointerException for an empty file), and its messages may quote a value from the
 * file, which in a kubeconfig is likely a token or a key. So the text is first parsed here, within the limits every
 * input has, and a shape fabric8 still refuses is reported from Jackson's path into the file, never its message.
 */
final class KubeconfigFile {
    private KubeconfigFile() {}

    static Config read(Path kubeconfig) {
        String name = kubeconfig.toString();
        String text = InputFiles.read(kubeconfig, name, "kubeconfig not found");
        YamlSource.Document doc = YamlSource.parseOne(text, name);
        if (!doc.root().isObject() || doc.root().isEmpty()) {
            throw new InputException(name, doc.sources().lineOf(""),
                    "not a kubeconfig: expected a map with apiVersion, clusters, contexts, users and current-context");
        }
        try {
            return Config.fromKubeconfig(text);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException mapping) {
                throw wrongShape(mapping, doc.sources(), name);
            }
            throw new InputException(name, 0, "not a usable kubeconfig (" + e.getClass().getSimpleName() + ")");
        } catch (KubernetesClientException e) {
            throw new InputException(name, 0, "not a usable kubeconfig: " + firstLine(e.getMessage()));
        }
    }

    /** "clusters[0].cluster.server: must be a string", at that field's line. */
    private static InputException wrongShape(JsonMappingException e, SourceMap sources, String name) {
        StringBuilder pointer = new StringBuilder();
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                pointer.append('/').append(SourceMap.segment(ref.getFieldName()));
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                pointer.append('/').append(ref.getIndex());
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        String expected = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                ? " must be " + kind(mismatch.getTargetType()) : " has the wrong shape";
        return new InputException(name, sources.lineOf(pointer.toString()),
                "not a usable kubeconfig: " + (field.length() == 0 ? "the document" : field) + expected);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "a map" : "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
