package dev.talosrehearsal.common;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.LoadSettingsBuilder;

/**
 * The limits on every file talos-rehearsal reads, in one place, so that hostile or accidental input
 * (a 50 MB log saved as talconfig.yaml, 20,000 nested brackets, a billion-laughs alias bomb) is refused
 * quickly with one line instead of exhausting memory, the stack or the user's patience.
 *
 * <p>The numbers are far above any real input: a talconfig with Cilium's manifest inlined is about 1 MB,
 * a Talos machine config nests about ten levels, a Kubernetes object with a CRD schema about forty.
 * docs/commands.md ("Limits on every input") states them for users; change both together.
 */
public final class InputLimits {
    /** Largest file read, in bytes: checked before reading, so a huge file costs nothing. */
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    /**
     * Largest YAML text parsed, in code points. Files are already capped by {@link #MAX_FILE_BYTES}; this
     * also caps YAML that does not come straight from a file (a talconfig after variable substitution, an
     * inline patch).
     */
    public static final int MAX_YAML_CODE_POINTS = MAX_FILE_BYTES;

    /** Deepest nesting of YAML maps and lists; snakeyaml's composer recurses per level, so this also guards the stack. */
    public static final int MAX_YAML_NESTING = 200;

    /** Aliases ({@code *name}) to maps or lists per document: each may copy a whole subtree. */
    public static final int MAX_YAML_COLLECTION_ALIASES = 50;

    /**
     * Values (scalars, maps and lists) one YAML document may expand to, counting every copy an alias makes: fifty
     * aliases that each double the tree stay within {@link #MAX_YAML_COLLECTION_ALIASES} and still reach 2^50.
     */
    public static final int MAX_YAML_VALUES = 2_000_000;

    private InputLimits() {}

    /** snakeyaml settings with these limits; {@code label} is the file name its messages use. */
    public static LoadSettingsBuilder yamlSettings(String label) {
        return LoadSettings.builder()
                .setLabel(label == null ? "input" : label)
                .setCodePointLimit(MAX_YAML_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_YAML_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false);
    }

    /** "8 MiB" for messages. */
    public static String describeBytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
