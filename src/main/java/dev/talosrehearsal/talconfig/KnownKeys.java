package dev.talosrehearsal.talconfig;

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

    static final Set<String> EXTENSION_SERVICE = Set.of("name", "configFiles", "environment");
    static final Set<String> CONFIG_FILE = Set.of("content", "mountPath");
    static final Set<String> CNI_CONFIG = Set.of("name", "urls", "flannel");

    private KnownKeys() {}

    /** Fails on the first key of {@code object} that is not in {@code allowed}. */
    static void check(JsonNode object, String pointer, Set<String> allowed, Set<String> unsupported,
            SourceMap sources, String what) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String at = pointer + "/" + SourceMap.segment(key);
            if (!allowed.contains(key) && RETIRED.containsKey(key) && allowed.contains("schematic")) {
                continue; // warned by retired()
            }
            if (!allowed.contains(key)) {
                String hint = suggestion(key, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                throw new InputException(sources.file(), sources.lineOf(at),
                        Pointers.field(at) + ": unknown key in " + what + hint);
            }
            if (unsupported.contains(key)) {
                throw new InputException(sources.file(), sources.lineOf(at), Pointers.field(at)
                        + ": talhelper accepts this key but talos-rehearsal does not render it yet;"
                        + " express it as a patch, or remove it for the rehearsal");
            }
        }
    }

    /**
     * One warning, {@code file:line: field: why}, for each retired key of a node or node group ({@code object}, which
     * {@link #check} then lets through).
     */
    static java.util.List<String> retired(JsonNode object, String pointer, SourceMap sources) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
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
