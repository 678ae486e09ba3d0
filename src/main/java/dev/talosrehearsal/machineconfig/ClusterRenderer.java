package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.GoTemplate;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.patch.ConfigPatch;
import dev.talosrehearsal.machineconfig.patch.ConfigPatcher;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.validation.TalosValidator;
import dev.talosrehearsal.machineconfig.patch.Relocation;
import dev.talosrehearsal.machineconfig.validation.V1Alpha1Conflicts;
import dev.talosrehearsal.machineconfig.validation.ValidationMode;
import dev.talosrehearsal.machineconfig.validation.ValidationResult;
import dev.talosrehearsal.machineconfig.validation.Violation;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfig.PatchSource;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * talconfig.yaml → one machine config per node, in talhelper's order: Talos's base documents for the
 * role and release (one v1alpha1 document up to v1.13, {@link MultidocBaseConfig} from v1.14) →
 * talhelper's node settings → extra documents (hostname/resolver on ≥ 1.12, ExtensionServiceConfig) → the node's patches (its group's first) → the top-level patches.
 *
 * <p>After every patch, a field Talos would not know is an error at that patch's file and line,
 * and the result is written with keys in Talos's order.
 */
public final class ClusterRenderer {
    /** Patches shared by many nodes are parsed once. */
    private final Map<PatchSource, ConfigPatch> parsed = new IdentityHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * @throws InputException at the talconfig.yaml or patch line of the first problem: a field Talos does
     *     not know, or a value Talos's own validation refuses (machineconfig.validation)
     */
    public RenderedCluster render(TalConfig cluster, SecretsBundle secrets) {
        warnings.clear();
        warnings.addAll(cluster.warnings());
        TalosVersion version = cluster.talosVersion();
        TalosFields fields = TalosFields.forVersion(version);
        List<RenderedNode> nodes = new ArrayList<>(cluster.nodes().size());
        for (TalConfig.Node node : cluster.nodes()) {
            nodes.add(new RenderedNode(node.hostname(), node.controlPlane(), node.ipAddresses(),
                    renderNode(cluster, node, secrets, fields, new ValueProvenance(cluster, node))));
        }
        List<String> endpoints = cluster.controlPlanes().stream().map(TalConfig.Node::primaryAddress).toList();
        java.util.Map<String, String> fileNames = new java.util.HashMap<>();
        cluster.nodes().stream().filter(n -> n.fileName() != null).forEach(n -> fileNames.put(n.hostname(), n.fileName()));
        return new RenderedCluster(cluster.clusterName(), nodes, endpoints, fileNames);
    }

    /**
     * Where {@code setting} (and {@code below} it: {@code /0} for a list's first item) of one node's rendered config was
     * written: talconfig.yaml's line, or the file and line of the patch that last set it. The node is rendered again
     * for it: rendering keeps no layers for the thousands of values nobody asks about, and only a lint finding asks.
     */
    public ValueOrigin origin(TalConfig cluster, SecretsBundle secrets, String hostname, ConfigSetting setting, String below) {
        TalConfig.Node node = cluster.node(hostname).orElseThrow(() -> new IllegalArgumentException("no node " + hostname + " in " + cluster.file()));
        ValueProvenance provenance = new ValueProvenance(cluster, node);
        MachineConfig config = renderNode(cluster, node, secrets, TalosFields.forVersion(cluster.talosVersion()), provenance);
        return provenance.locate(setting.homeDocument(config), setting.pointerIn(config) + below);
    }

    private MachineConfig renderNode(TalConfig cluster, TalConfig.Node node, SecretsBundle secrets, TalosFields fields,
            ValueProvenance provenance) {
        TalosVersion version = cluster.talosVersion();
        List<ObjectNode> docs = new ArrayList<>();
        String installerImage = InstallerImage.of(cluster.imageFactory(), node, version);
        if (version.atLeast(1, 14)) {
            docs.addAll(MultidocBaseConfig.documents(cluster, node.controlPlane(), secrets));
            MultidocNodeSettings.apply(docs, node, installerImage);
        } else {
            ObjectNode base = BaseConfig.v1alpha1(cluster, node.controlPlane(), secrets);
            NodeSettings.apply(base, node, version, installerImage);
            docs.add(base);
        }
        NodeTemplates.render(docs, node, installerImage, version, cluster.file().toString(), cluster.sources().lineOf(node.pointer()));
        ExtraDocuments.addTo(docs, node, version, cluster.file().toString(), cluster.sources().lineOf(node.pointer()), warnings);
        docs.stream().filter(d -> !d.has("kind")).forEach(FileModes::normalize); // machineFiles' 0o644 arrives as text
        requireKnownFields(docs, fields, node.hostname(), "this node's settings set", cluster.file().toString(),
                cluster.sources().lineOf(node.pointer()));
        requireNoConflicts(docs, node.hostname(), cluster.file().toString(), cluster.sources().lineOf(node.pointer()));

        provenance.generated(docs);
        // talhelper applies the node's patches, then the top-level ones, each list's templates rendered against the
        // config as it was before that list (pkg/generate/config.go, pkg/patcher PatchesPatcher)
        // Until a strategic merge patch has decoded the config, Talos's patcher works on the generator's own encoding
        // (GeneratedEncoding): what a JSON patch sees there, a decoded config no longer shows.
        PatchSource decodedBy = null; // the first strategic merge patch: from it on, the config is a decoded one
        for (List<PatchSource> list : List.of(node.patches(), cluster.patches())) {
            GoTemplate.Data before = templateData(docs, list, version);
            for (PatchSource written : list) {
                PatchSource source = rendered(written, before, node, version);
                ConfigPatch patch = parse(source);
                try {
                    docs = apply(docs, patch, version, decodedBy == null);
                } catch (InputException e) {
                    throw decodedBy == null ? e : GeneratedEncoding.explainDecoded(e, patch, version, decodedBy.file() + ":" + decodedBy.line());
                }
                if (decodedBy == null && patch.type() != ConfigPatch.Type.JSON6902) {
                    decodedBy = source;
                }
                requireKnownFields(docs, fields, node.hostname(), "patch sets", source.file(), source.line(), patch);
                requireNoConflicts(docs, node.hostname(), source.file(), source.line());
                provenance.patched(docs, source, patch);
            }
        }
        // extra manifests' templates see the config after every patch (combineExtraManifests)
        GoTemplate.Data patched = templateData(docs, node.extraManifests(), version);
        for (PatchSource written : node.extraManifests()) {
            PatchSource manifest = rendered(written, patched, node, version);
            docs.addAll(ExtraManifests.documents(manifest));
            requireKnownFields(docs, fields, node.hostname(), "extra manifest sets", manifest.file(), manifest.line());
            requireNoConflicts(docs, node.hostname(), manifest.file(), manifest.line());
        }
        List<ObjectNode> ordered = new ArrayList<>(docs.size());
        docs.forEach(d -> ordered.add(fields.ordered(d)));
        ordered.stream().filter(d -> !d.has("kind")).forEach(FileModes::normalize);
        MachineConfig config = new MachineConfig(ordered);
        requireValid(config, cluster.talosVersion(), node.hostname(), provenance);
        return config;
    }

    /**
     * Talos validates a config before it accepts it (and talhelper validates what it generates, in
     * "metal" mode): refuse here what Talos would refuse, at the line the bad value came from. Warnings
     * (Talos accepts the config) are kept for the command to show.
     */
    private void requireValid(MachineConfig config, TalosVersion version, String hostname, ValueProvenance provenance) {
        ValidationResult result = TalosValidator.validate(config.documents(), version, ValidationMode.METAL);
        for (Violation warning : result.warnings()) {
            warnings.add(describe(config, warning, hostname, provenance).oneLine());
        }
        if (!result.valid()) {
            throw describe(config, result.errors().get(0), hostname, provenance);
        }
    }

    private static InputException describe(MachineConfig config, Violation v, String hostname, ValueProvenance provenance) {
        ObjectNode document = config.documents().get(v.document());
        ValueOrigin at = provenance.locate(document, v.pointer());
        String kind = MachineConfig.kindOf(document);
        String field = "v1alpha1".equals(kind) && !document.has("kind") ? v.field()
                : kind + (v.field().isEmpty() ? "" : "." + v.field());
        return new InputException(at.file(), at.line(), (field.isEmpty() ? "machine config" : field) + ": " + v.message()
                + " (node " + hostname + (v.severity() == Violation.Severity.ERROR
                        ? "; Talos refuses this config)" : "; Talos accepts it)"));
    }

    /**
     * What Talos would accept but warn about, one line each ({@code file:line: field: reason}), from the
     * last {@link #render}.
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Talos refuses RFC 6902 patches on multi-document configs ("JSON6902 patches are not supported for multi-document
     * machine configuration", configpatcher/json6902.go), and talhelper adds its own documents (HostnameConfig from
     * v1.12, firewall rules, extension services, volumes, network documents) before it applies the patches, since
     * v3.0.37 (db48f7f8, pkg/generate/config.go): a JSON patch works only on a node whose config is the v1alpha1
     * document alone. {@link ConfigPatcher} refuses the rest, naming the patch.
     */
    private static List<ObjectNode> apply(List<ObjectNode> docs, ConfigPatch patch, TalosVersion version, boolean asGenerated) {
        if (patch.type() == ConfigPatch.Type.JSON6902 && docs.size() == 1 && asGenerated) {
            return List.of(GeneratedEncoding.withoutEmptyExtras(ConfigPatcher.apply(List.of(GeneratedEncoding.of(docs.get(0), version)), patch).get(0)));
        }
        return ConfigPatcher.apply(docs, patch, relocation(version));
    }

    /**
     * Where {@code version}'s generator keeps a v1alpha1 setting that moved into a document of its own
     * (V1Alpha1Conflicts.movedTo), and the patch that drops that document when it holds the setting as a whole.
     */
    private static Relocation relocation(TalosVersion version) {
        return (docs, pointer) -> V1Alpha1Conflicts.movedTo(docs, pointer).map(m -> new Relocation.Moved(
                "at Talos " + version + " the generator writes " + pointer.substring(1).replace('/', '.') + " as the " + m + " document",
                m.whole() && m.name() != null
                        ? Optional.of("{apiVersion: v1alpha1, kind: " + m.kind() + ", name: " + m.name() + ", $$patch: delete}")
                        : Optional.empty()));
    }

    /**
     * The v1alpha1 document as {@code sources}' templates see it (talhelper passes RawV1Alpha1()), frozen as it is now;
     * null when none of them is a template, so that a cluster without templates copies nothing per node.
     */
    private static GoTemplate.Data templateData(List<ObjectNode> docs, List<PatchSource> sources, TalosVersion version) {
        if (sources.stream().allMatch(s -> s.template() == null)) {
            return null;
        }
        ObjectNode v1alpha1 = docs.stream().filter(d -> !d.has("kind")).findFirst().orElseThrow();
        return NodeTemplates.goFields(v1alpha1.deepCopy(), version);
    }

    /**
     * {@code source} rendered for one node. A field the template reads that is empty in the v1alpha1 document is
     * warned about: talhelper renders it empty too, and from v1.12 (hostname, resolvers) and v1.14 (the cluster's
     * networks, install disk, …) Talos keeps many of the fields users template in other documents.
     */
    private PatchSource rendered(PatchSource source, GoTemplate.Data config, TalConfig.Node node, TalosVersion version) {
        if (source.template() == null) {
            return source;
        }
        java.util.Set<String> empty = new java.util.TreeSet<>();
        GoTemplate.Data recording = path -> {
            Object value = config.apply(path);
            if ("".equals(value) || value instanceof GoTemplate.Nil || (value instanceof java.util.Collection<?> c && c.isEmpty())
                    || (value instanceof Map<?, ?> m && m.isEmpty())) {
                empty.add("." + String.join(".", path));
            }
            return value;
        };
        try {
            PatchSource out = source.renderedWith(recording);
            for (String field : empty) {
                String warning = source.file() + ":" + source.line() + ": template reads " + field + ", which is empty in the"
                        + " v1alpha1 document at Talos " + version + " (talhelper renders it empty too; a value Talos keeps in"
                        + " another document there is not visible to templates)";
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new InputException(source.file(), source.lineOf(e), "template: " + e.getMessage() + " (node " + node.hostname() + ")");
        }
    }

    private ConfigPatch parse(PatchSource source) {
        return parsed.computeIfAbsent(source,
                s -> ConfigPatch.parse(s.text(), new ConfigPatch.Origin(s.file(), s.line())));
    }

    /**
     * Talos refuses a v1alpha1 field beside the document that replaced it (V1Alpha1Conflicts): say so at
     * the patch that set it, with Talos's reason first and where to write it instead.
     */
    private static void requireNoConflicts(List<ObjectNode> docs, String hostname, String file, int line) {
        List<V1Alpha1Conflicts.Conflict> conflicts = V1Alpha1Conflicts.of(docs);
        if (conflicts.isEmpty()) {
            return;
        }
        V1Alpha1Conflicts.Conflict first = conflicts.get(0);
        StringBuilder message = new StringBuilder(first.field()).append(": ").append(first.reason())
                .append(" (Talos refuses the config: the ").append(first.document()).append(" document replaces it; node ")
                .append(hostname).append(')');
        List<String> more = conflicts.stream().skip(1).map(V1Alpha1Conflicts.Conflict::reason)
                .filter(r -> !r.equals(first.reason())).distinct().toList();
        if (!more.isEmpty()) {
            message.append("; Talos also reports: ").append(String.join("; ", more));
        }
        message.append("; ").append(first.hint());
        throw new InputException(file, line, message.toString());
    }

    private static void requireKnownFields(List<ObjectNode> docs, TalosFields fields, String hostname, String what,
            String file, int line) {
        requireKnownFields(docs, fields, hostname, what, file, line, null);
    }

    /**
     * Talos refuses unknown fields when it loads a config: say so here, at the patch that added it; with the {@code patch}
     * at hand, at the unknown field's own line in it.
     */
    private static void requireKnownFields(List<ObjectNode> docs, TalosFields fields, String hostname, String what,
            String file, int line, ConfigPatch patch) {
        for (ObjectNode doc : docs) {
            Optional<TalosFields.UnknownField> unknown = fields.unknownField(doc);
            if (unknown.isPresent()) {
                TalosFields.UnknownField u = unknown.get();
                String kind = MachineConfig.kindOf(doc);
                String where = " (node " + hostname + ")";
                String message = "kind".equals(u.path())
                        ? "document kind '" + u.name() + "' is not known to Talos " + fields.source().replaceAll(".*(v\\d+\\.\\d+).*", "$1") + where
                        : u.wrongShape()
                        ? what + " " + u.path() + " in the " + kind + " document: Talos reads " + u.expected() + " there, not " + u.found()
                                + where
                        : what + " " + u.path() + " in the " + kind + " document, a field Talos does not know" + where
                                + (u.suggestion() == null ? "" : " (did you mean '" + u.suggestion() + "'?)");
                int fieldLine = patch == null ? 0 : patch.fieldLineOf(doc.has("kind") ? kind : null, MachineConfig.nameOf(doc), u.pointer());
                throw new InputException(file, fieldLine > 0 ? fieldLine : line, message);
            }
        }
    }
}
