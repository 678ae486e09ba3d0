package dev.talosrehearsal.talconfig;

import java.util.List;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.Pointers;

import dev.talosrehearsal.common.InputException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import dev.talosrehearsal.common.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The keys talhelper's talconfig.yaml accepts (from talhelper's published schema), which of them
 * this project renders, and "did you mean" suggestions for typos.
 *
 * <p>A key talhelper knows but this project does not render is refused rather than ignored: a
 * rehearsal of a config that silently differs from what talhelper produces would rehearse the
 * wrong thing.
 */
final class KnownKeys {
    static final Set<String> TOP_LEVEL = Set.of("clusterName", "talosVersion", "kubernetesVersion", "endpoint",
            "domain", "allowSchedulingOnMasters", "allowSchedulingOnControlPlanes", "additionalMachineCertSans",
            "additionalApiServerCertSans", "inlineManifests", "clusterPodNets", "clusterSvcNets", "cniConfig",
            "patches", "nodes", "imageFactory", "controlPlane", "worker");
    static final Set<String> TOP_LEVEL_UNSUPPORTED = Set.of();
    /** talhelper's ImageFactory fields (pkg/config/config.go). */
    static final Set<String> IMAGE_FACTORY = Set.of("registryURL", "schematicEndpoint", "protocol", "installerURLTmpl", "ISOURLTmpl");

    /** Keys a node and a node group ({@code controlPlane:}/{@code worker:}) share. */
    static final Set<String> GROUPABLE = Set.of("nodeLabels", "nodeAnnotations", "nodeTaints", "machineDisks",
            "machineFiles", "disableSearchDomain", "kernelModules", "nameservers", "networkInterfaces",
            "extraManifests", "certSANs", "patches", "talosImageURL", "noSchematicValidate", "schematic",
            "imageSchematic", "machineSpec", "ingressFirewall", "extensionServices", "volumes", "userVolumes",
            "filenameTmpl");
    static final Set<String> NODE_ONLY = Set.of("hostname", "ipAddress", "controlPlane", "installDisk",
            "installDiskSelector", "ignoreHostname", "overridePatches", "overrideExtraManifests",
            "overrideMachineCertSANs");
    static final Set<String> GROUPABLE_UNSUPPORTED = Set.of();

    /**
     * Keys older talhelper releases read and today's ignores (it decodes leniently), with what replaced them. They are
     * ignored here too, with a warning: a config talhelper renders must render (issue 12), and a user who still lists
     * extensions there expects them on the node, which neither talhelper nor this project puts there.
     */
    static final java.util.Map<String, String> RETIRED = java.util.Map.of("extensions",
            "talhelper no longer reads this key and ignores it, so no extension is installed from it: list the extensions under"
                    + " schematic: customization: systemExtensions: officialExtensions");

    /**
     * Keys talhelper reads elsewhere than where a user wrote them, and where: said with the warning that the key is
     * ignored. A node's {@code extraKernelArgs} is read only under the schematic (pkg/config/schema.go
     * CustomizationWrapper; pkg/talos/nodeconfig.go copies them into machine.install for grub before Talos v1.12).
     */
    static final java.util.Map<String, String> READ_ELSEWHERE = java.util.Map.of("extraKernelArgs",
            "talhelper reads kernel arguments under schematic: customization: extraKernelArgs");

    /**
     * The fields of Talos's InstallDiskSelector, which talhelper decodes {@code installDiskSelector} into (v1alpha1_types.go,
     * the same from v1.8.4 to v1.14.0-rc.1): talhelper drops any other key (a real config's {@code transport: usb}).
     */
    static final Set<String> INSTALL_DISK_SELECTOR = Set.of("size", "name", "model", "serial", "modalias", "uuid", "wwid", "type", "busPath");
    static final Set<String> EXTENSION_SERVICE = Set.of("name", "configFiles", "environment");
    static final Set<String> CONFIG_FILE = Set.of("content", "mountPath");
    static final Set<String> CNI_CONFIG = Set.of("name", "urls", "flannel");

    private KnownKeys() {}

    /** Fails on the first key of {@code object} that is not in {@code allowed}. */
    static void check(JsonNode object, String pointer, Set<String> allowed, Set<String> unsupported,
            SourceMap sources, String what) {
        check(object, pointer, allowed, unsupported, sources, what, false);
    }

    /**
     * As {@link #check}, for keys talhelper decodes leniently (the talconfig's top level, a node, a node group, and what it
     * decodes into Go structs): a key it does not know is dropped without a word (pkg/config/loader.go, yaml.Unmarshal).
     * One that is a typo of a known key is still refused — its value would vanish, which is not what its writer meant —,
     * any other is ignored as talhelper ignores it, with one warning each ({@code file:line: field: ...}), returned.
     */
    static List<String> checkLeniently(JsonNode object, String pointer, Set<String> allowed, Set<String> unsupported,
            SourceMap sources, String what) {
        return check(object, pointer, allowed, unsupported, sources, what, true);
    }

    /**
     * {@code object} as talhelper decodes it into a Go struct with the fields {@code allowed}: a typo of one of them refused
     * ({@link #checkLeniently}), any other key dropped with a warning added to {@code warnings}; a copy when it drops.
     */
    static JsonNode decodedLeniently(JsonNode object, String pointer, Set<String> allowed, SourceMap sources, String what,
            List<String> warnings) {
        if (object == null || !object.isObject()) {
            return object;
        }
        List<String> ignored = checkLeniently(object, pointer, allowed, Set.of(), sources, what);
        if (ignored.isEmpty()) {
            return object;
        }
        warnings.addAll(ignored);
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        copy.retain(allowed);
        return copy;
    }

    /** One pass over {@code object}'s keys: refuses, or (when {@code lenient}) returns a warning for each key it ignores. */
    private static List<String> check(JsonNode object, String pointer, Set<String> allowed, Set<String> unsupported,
            SourceMap sources, String what, boolean lenient) {
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String at = pointer + "/" + SourceMap.segment(key);
            if (!allowed.contains(key)) {
                if (RETIRED.containsKey(key) && allowed.contains("schematic")) {
                    continue; // warned by retired()
                }
                Optional<String> typoOf = suggestion(key, allowed);
                if (lenient && typoOf.isEmpty()) {
                    ignored.add(sources.file() + ":" + sources.lineOf(at) + ": " + Pointers.field(at) + ": not a key of " + what
                            + " talhelper knows; it ignores it, and so does talos-rehearsal"
                            + (READ_ELSEWHERE.containsKey(key) ? " (" + READ_ELSEWHERE.get(key) + ")" : ""));
                    continue;
                }
                throw new InputException(sources.file(), sources.lineOf(at), Pointers.field(at) + ": unknown key in " + what
                        + typoOf.map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
            if (unsupported.contains(key)) {
                throw new InputException(sources.file(), sources.lineOf(at), Pointers.field(at)
                        + ": talhelper accepts this key but talos-rehearsal does not render it yet;"
                        + " express it as a patch, or remove it for the rehearsal");
            }
        }
        return ignored;
    }

    /**
     * One warning, {@code file:line: field: why}, for each retired key of a node or node group ({@code object}, which
     * {@link #check} then lets through).
     */
    static List<String> retired(JsonNode object, String pointer, SourceMap sources) {
        List<String> warnings = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (RETIRED.containsKey(key)) {
                String at = pointer + "/" + SourceMap.segment(key);
                warnings.add(sources.file() + ":" + sources.lineOf(at) + ": " + Pointers.field(at) + ": " + RETIRED.get(key));
            }
        }
        return warnings;
    }

    /** The closest known key, if it is close enough to be a typo. */
    static Optional<String> suggestion(String key, Set<String> allowed) {
        return Suggestions.nearest(key, new TreeSet<>(allowed));
    }
}
