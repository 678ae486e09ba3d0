package dev.talosrehearsal.machineconfig.validation;

/**
 * One thing Talos's validation says about a config.
 *
 * @param severity  ERROR: Talos refuses the config; WARNING: Talos accepts it (and may warn)
 * @param document  index of the document in {@code MachineConfig.documents()}
 * @param pointer   JSON Pointer, inside that document, of the offending value (or of the section
 *                  that should hold a missing one), e.g. {@code /machine/kubelet/nodeIP/validSubnets/0}
 * @param message   what Talos says, in its meaning; never a secret value
 * @param crossDocument a conflict between a document and the v1alpha1 document, which Talos reports
 *                  without a document prefix
 */
public record Violation(Severity severity, int document, String pointer, String message, boolean crossDocument) {
    public enum Severity { ERROR, WARNING }

    /** {@code machine.kubelet.nodeIP.validSubnets[0]}: the pointer as a config path, for messages. */
    public String field() {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String s = segment.replace("~1", "/").replace("~0", "~");
            if (s.chars().allMatch(Character::isDigit)) {
                out.append('[').append(s).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(s);
            }
        }
        return out.toString();
    }
}
