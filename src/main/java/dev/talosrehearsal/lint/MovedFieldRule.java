package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.validation.ControlPlaneDocumentsCheck;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfig.PatchSource;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule 14, {@code moved-field}: a patch edits a v1alpha1 field that the target {@code talosVersion} keeps
 * in a document of its own ({@link ConfigSetting}): {@code machine.network.nameservers} beside a
 * ResolverConfig (v1.12+), {@code machine.kubelet.nodeIP} beside a KubeNodeConfig (v1.14), ...
 *
 * <p>Talos does not silently ignore such a field: it refuses the config when the document is there
 * (each document's V1Alpha1ConflictValidate; {@code machineconfig.validation.V1Alpha1Conflicts}). From v1.14 the
 * generator always writes the Kube* documents and a ResolverConfig, and at v1.12 and v1.13 talhelper writes a
 * ResolverConfig once {@code nameservers} is set: then the patch cannot render, <b>Error</b>, reported here
 * before rendering so lint names the document to edit. Without that ResolverConfig (v1.12, v1.13, no
 * {@code nameservers}) Talos still reads the deprecated field: <b>Warning</b>.
 *
 * <p>A raw check on the inline patches as written. An {@code @file} patch is checked once rendered: where the document is
 * written the renderer has refused it already (naming the patch file), so what is left is the warning, at the field's
 * line in the file.
 */
final class MovedFieldRule implements Rule, RawRule {
    static final String ID = "moved-field";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        TalosVersion version = context.cluster().talosVersion();
        Map<PatchSource, Boolean> fromFiles = new LinkedHashMap<>(); // → whether it reaches a worker
        context.cluster().patches().forEach(p -> fromFiles.put(p, true));
        for (TalConfig.Node node : context.cluster().nodes()) {
            node.patches().forEach(p -> fromFiles.merge(p, !node.controlPlane(), Boolean::logicalOr));
        }
        fromFiles.forEach((patch, reachesWorkers) -> {
            if (patch.file() == null || patch.file().equals(context.file())) {
                return; // inline: checkRaw's
            }
            for (YamlSource.Document doc : documents(patch)) {
                for (ConfigSetting setting : movedIn(version, doc.root())) {
                    String pointer = "/" + setting.v1alpha1Path().replace('.', '/');
                    out.add(finding(patch.file(), doc.sources().lineOf(pointer), version, setting, false, reachesWorkers));
                }
            }
        });
        return out;
    }

    /** The settings {@code doc} (a v1alpha1 patch document) sets that {@code version} keeps in documents of their own. */
    private static List<ConfigSetting> movedIn(TalosVersion version, JsonNode doc) {
        List<ConfigSetting> out = new ArrayList<>();
        if (doc == null || !doc.isObject() || doc.has("kind")) {
            return out; // JSON patches and other documents set no v1alpha1 field
        }
        for (ConfigSetting setting : ConfigSetting.values()) {
            if (setting.documentKind() != null && version.atLeast(1, setting.documentSinceMinor())
                    && !doc.at("/" + setting.v1alpha1Path().replace('.', '/')).isMissingNode()) {
                out.add(setting);
            }
        }
        return out;
    }

    private static List<YamlSource.Document> documents(PatchSource patch) {
        try {
            return YamlSource.parseAll(patch.text(), patch.file(), patch.line() - 1);
        } catch (InputException e) {
            return List.of(); // the renderer parsed it; a template's text may not be YAML before rendering
        }
    }

    @Override
    public List<Finding> checkRaw(RawTalconfig raw) {
        List<Finding> out = new ArrayList<>();
        JsonNode root = raw.root();
        if (root == null || !root.isObject()) {
            return out;
        }
        TalosVersion version = TalosVersion.parse(root.path("talosVersion").asText(""));
        if (version == null || !version.isSupported()) {
            return out;
        }
        List<String> parents = new ArrayList<>(List.of("", "/controlPlane", "/worker"));
        for (int i = 0; i < root.path("nodes").size(); i++) {
            parents.add("/nodes/" + i);
        }
        for (String parent : parents) {
            JsonNode patches = root.at(parent + "/patches");
            for (int i = 0; i < patches.size(); i++) {
                String pointer = parent + "/patches/" + i;
                String text = patches.get(i).asText("");
                if (text.startsWith("@")) {
                    continue;
                }
                for (JsonNode doc : documents(raw, text)) {
                    for (ConfigSetting setting : movedIn(version, doc)) {
                        boolean written = version.atLeast(1, 14)
                                || (setting == ConfigSetting.NAMESERVERS && setsNameservers(root, parents));
                        out.add(finding(raw.file(), raw.sources().lineOf(pointer), version, setting, written, reachesWorkers(root, parent)));
                    }
                }
            }
        }
        return out;
    }

    private static List<JsonNode> documents(RawTalconfig raw, String text) {
        List<JsonNode> out = new ArrayList<>();
        try {
            YamlSource.parseAll(text, raw.file(), 0).forEach(d -> out.add(d.root()));
        } catch (InputException e) {
            // not YAML (yet: variables unsubstituted); the loader reports it
        }
        return out;
    }

    /** talhelper writes a ResolverConfig for every node that has nameservers (its own or its group's). */
    private static boolean setsNameservers(JsonNode root, List<String> parents) {
        return parents.stream().anyMatch(p -> root.at(p + "/nameservers").size() > 0);
    }

    /** talhelper applies top-level patches to every node, the worker group's to workers, a node's to that node. */
    private static boolean reachesWorkers(JsonNode root, String parent) {
        return parent.isEmpty() || parent.equals("/worker")
                || (parent.startsWith("/nodes/") && !root.at(parent + "/controlPlane").asBoolean(false));
    }

    private static Finding finding(String file, int line, TalosVersion version, ConfigSetting setting,
            boolean alwaysWritten, boolean reachesWorkers) {
        String document = setting.documentKind();
        String why = "This patch sets " + setting.v1alpha1Path() + ", which Talos " + version.minorTag() + " keeps in the "
                + document + " document (" + setting.documentPath() + ")"
                + (alwaysWritten
                        ? "; that document is written here, so Talos refuses the config (the document's conflict check)."
                        : "; Talos still reads the old field while no " + document + " exists, and refuses the config once one"
                                + " does (talhelper writes one as soon as nameservers is set).");
        String fix = "edit the " + document + " document instead: a patch with apiVersion: v1alpha1, kind: " + document + ", "
                + setting.documentPath() + ": ..." + (setting == ConfigSetting.NAMESERVERS
                        ? " (items {address: ...}), or talhelper's nameservers key." : ".")
                + (reachesWorkers && ControlPlaneDocumentsCheck.controlPlaneOnly(document)
                        ? " Only control planes may carry a " + document + " document (Talos refuses it on a worker):"
                                + " put that patch under controlPlane.patches."
                        : "");
        return new Finding(ID, alwaysWritten ? Severity.ERROR : Severity.WARNING, null, file, line, why, fix);
    }
}
