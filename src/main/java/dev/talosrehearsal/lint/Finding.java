package dev.talosrehearsal.lint;

import java.util.Objects;

/**
 * One problem found by a {@link Rule}.
 *
 * @param ruleId   the rule's id, e.g. {@code certsan-missing}
 * @param severity how bad it is
 * @param node     the node it concerns (several joined by {@code ","}), or null for the whole cluster
 * @param file     the input file to edit, or null when the finding does not come from one line of input
 * @param line     1-based line in {@code file}, 0 when unknown
 * @param why      one sentence: what goes wrong on the cluster
 * @param fix      what to write instead, concretely
 */
public record Finding(String ruleId, Severity severity, String node, String file, int line, String why, String fix) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }

    /** {@code file:line}, {@code file}, or null. */
    public String location() {
        if (file == null) {
            return null;
        }
        return line > 0 ? file + ":" + line : file;
    }

    Finding withNode(String node) {
        return new Finding(ruleId, severity, node, file, line, why, fix);
    }

    /**
     * One line as the CLI prints it:
     * {@code error certsan-missing talos-master-0 after/talconfig.yaml:12: <why> Fix: <fix>}.
     */
    public String oneLine() {
        StringBuilder out = new StringBuilder();
        out.append(severity.label()).append(' ').append(ruleId).append(' ').append(node == null ? "(cluster)" : node);
        if (location() != null) {
            out.append(' ').append(location()).append(':');
        }
        out.append(' ').append(why).append(" Fix: ").append(fix);
        return out.toString().replace('\n', ' ');
    }
}
