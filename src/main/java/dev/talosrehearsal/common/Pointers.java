package dev.talosrehearsal.common;

/** Turns JSON Pointers into the field paths people read in error messages. */
public final class Pointers {
    private Pointers() {}

    /** {@code /nodes/0/extensionServices/1/name} → {@code nodes[0].extensionServices[1].name}. */
    public static String field(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (segment.chars().allMatch(Character::isDigit)) {
                out.append('[').append(segment).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.length() == 0 ? "(document)" : out.toString();
    }
}
