package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 10, {@code extension-config-version}: extension services configured (an
 * {@code extensionServices} entry, or a patch with {@code kind: ExtensionServiceConfig}) for a
 * {@code talosVersion} before v1.7, which has no ExtensionServiceConfig document: Talos refuses the
 * config. <b>Error</b>.
 *
 * <p>A raw check: talos-rehearsal renders only v1.8 and later, so such a config never gets as far as
 * rendering; lint reports this finding instead of only the loader's "not supported".
 */
final class ExtensionConfigVersionRule implements Rule, RawRule {
    static final String ID = "extension-config-version";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        return List.of(); // every renderable release (≥ v1.8) has ExtensionServiceConfig
    }

    @Override
    public List<Finding> checkRaw(RawTalconfig raw) {
        List<Finding> out = new ArrayList<>();
        JsonNode root = raw.root();
        if (root == null || !root.isObject() || !root.path("talosVersion").isTextual()) {
            return out;
        }
        TalosVersion version = TalosVersion.parse(root.path("talosVersion").asText());
        if (version == null || version.atLeast(1, 7)) {
            return out;
        }
        List<String> parents = new ArrayList<>(List.of("", "/controlPlane", "/worker"));
        for (int i = 0; i < root.path("nodes").size(); i++) {
            parents.add("/nodes/" + i);
        }
        for (String parent : parents) {
            JsonNode services = root.at(parent + "/extensionServices");
            for (int i = 0; i < services.size(); i++) {
                out.add(finding(raw, parent + "/extensionServices/" + i, version,
                        "extension service '" + services.get(i).path("name").asText() + "'"));
            }
            JsonNode patches = root.at(parent + "/patches");
            for (int i = 0; i < patches.size(); i++) {
                if (patches.get(i).asText().contains("ExtensionServiceConfig")) {
                    out.add(finding(raw, parent + "/patches/" + i, version, "patch's ExtensionServiceConfig document"));
                }
            }
        }
        return out;
    }

    private static Finding finding(RawTalconfig raw, String pointer, TalosVersion version, String what) {
        return new Finding(ID, Severity.ERROR, null, raw.file(), raw.sources().lineOf(pointer),
                "This " + what + " becomes an ExtensionServiceConfig document, which Talos " + version.minorTag()
                        + " does not know (it arrived in v1.7), so Talos refuses the config.",
                "set talosVersion to v1.7 or later (talos-rehearsal renders " + TalosVersion.OLDEST_SUPPORTED.minorTag() + " to "
                        + TalosVersion.NEWEST_SUPPORTED_MINOR.minorTag() + "), or configure the extension"
                        + " through machine.files as before v1.7.");
    }
}
