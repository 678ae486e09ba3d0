package dev.talosrehearsal.machineconfig.patch;

import java.util.List;

/**
 * One {@code $patch: delete} found in a strategic merge patch (Talos:
 * configloader/internal/decoder/delete.go and selector.go).
 *
 * @param document the document the delete applies to
 * @param path keys from the document root; empty = delete the whole document. The last element is
 *     {@code [i]} when a list item is deleted; then {@code itemKey}/{@code itemValue} select it.
 * @param itemKey for a list item: the first key of the patch item other than {@code $patch}
 * @param itemValue for a list item: that key's scalar value, compared as text
 * @param line 0-based line of the {@code $patch} mapping inside the patch text
 */
record DeleteSelector(DocumentId document, List<String> path, String itemKey, String itemValue, int line) {
    DeleteSelector {
        path = List.copyOf(path);
    }

    boolean deletesListItem() {
        return !path.isEmpty() && isIndex(path.get(path.size() - 1));
    }

    static boolean isIndex(String segment) {
        return segment.startsWith("[");
    }

    String pathText() {
        return String.join(".", path);
    }
}
