package dev.talosrehearsal.talconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.GoTemplate;
import dev.talosrehearsal.common.SourceMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A loaded, substituted and validated talconfig.yaml, with node groups already merged into nodes.
 *
 * <p>Values that talhelper passes to Talos untouched (network interfaces, machine files, kernel
 * modules, install disk selectors, CNI config) stay as YAML trees: Talos's own schema is the judge
 * of them, later, on the rendered document.
 *
 * <p>{@code warnings} are the loader's, one line each ({@code file:line: field: why}): what talhelper ignores and so is
 * not rendered (e.g. a node's retired {@code extensions:}).
 */
public record TalConfig(
        Path file,
        SourceMap sources,
        String clusterName,
        TalosVersion talosVersion,
        String kubernetesVersion,
        Endpoint endpoint,
        String domain,
        boolean allowSchedulingOnControlPlanes,
        List<String> additionalApiServerCertSans,
        List<String> additionalMachineCertSans,
        List<String> clusterPodNets,
        List<String> clusterSvcNets,
        JsonNode cniConfig,
        JsonNode inlineManifests,
        List<PatchSource> patches,
        ImageFactory imageFactory,
        List<Node> nodes,
        List<String> warnings) {

    /** One node after its group ({@code controlPlane:} or {@code worker:}) was merged in. */
    public record Node(
            String pointer,
            String hostname,
            List<String> ipAddresses,
            boolean controlPlane,
            String installDisk,
            JsonNode installDiskSelector,
            boolean ignoreHostname,
            Map<String, String> nodeLabels,
            Map<String, String> nodeAnnotations,
            Map<String, String> nodeTaints,
            JsonNode machineFiles,
            JsonNode kernelModules,
            List<String> nameservers,
            JsonNode networkInterfaces,
            List<String> certSANs,
            boolean disableSearchDomain,
            String talosImageURL,
            JsonNode schematic,
            JsonNode imageSchematic,
            MachineSpec machineSpec,
            JsonNode ingressFirewall,
            JsonNode volumes,
            JsonNode userVolumes,
            JsonNode machineDisks,
            List<PatchSource> extraManifests,
            List<ExtensionService> extensionServices,
            List<PatchSource> patches,
            String fileName,
            Set<String> fromGroup) {

        /** This node with {@code patches} instead of its own. */
        public Node withPatches(List<PatchSource> patches) {
            return new Node(pointer, hostname, ipAddresses, controlPlane, installDisk, installDiskSelector, ignoreHostname,
                    nodeLabels, nodeAnnotations, nodeTaints, machineFiles, kernelModules, nameservers, networkInterfaces,
                    certSANs, disableSearchDomain, talosImageURL, schematic, imageSchematic, machineSpec, ingressFirewall, volumes,
                    userVolumes, machineDisks, extraManifests, extensionServices,
                    List.copyOf(patches), fileName, fromGroup);
        }

        /**
         * Where talconfig.yaml writes this node's {@code key} (e.g. {@code nameservers}): in its own entry, or in its
         * group ({@code controlPlane:} / {@code worker:}) when it took the group's value.
         */
        public String keyPointer(String key) {
            return (fromGroup.contains(key) ? (controlPlane ? "/controlPlane" : "/worker") : pointer) + "/" + key;
        }

        public String role() {
            return controlPlane ? "controlplane" : "worker";
        }

        /** The address talosctl dials for this node (the first of {@code ipAddress}). */
        public String primaryAddress() {
            return ipAddresses.get(0);
        }
    }

    /** An {@code extensionServices} entry: becomes one ExtensionServiceConfig document. */
    public record ExtensionService(String pointer, String name, List<ConfigFile> configFiles, List<String> environment) {}

    /** A file mounted read-only into an extension service's container. */
    public record ConfigFile(String content, String mountPath) {}

    /**
     * A patch as written by the user: inline text or the content of an {@code @file}, already
     * substituted, with where it came from so patch errors can point at it. Also an extra manifest's file.
     *
     * <p>A patch holding a Go template ({@code template} non-null) is rendered per node against that node's config
     * first (talhelper's pkg/patcher PatchesPatcher, v3.1.16); {@code afterRendering} then does what talhelper does to
     * the rendered text — a patch file's variables are substituted only after its template, so that a template's
     * {@code $variable} is not taken for an environment variable.
     */
    public record PatchSource(String text, String file, int line, GoTemplate template, UnaryOperator<String> afterRendering) {
        public PatchSource(String text, String file, int line) {
            this(text, file, line, null, UnaryOperator.identity());
        }

        /** A patch whose text is a template, parsed already so that its syntax errors are found when the talconfig is read. */
        public static PatchSource templated(String text, String file, int line, UnaryOperator<String> afterRendering) {
            return new PatchSource(text, file, line, GoTemplate.parse(text), afterRendering);
        }

        /**
         * The line of {@code file} a template error is on: the line of the action at fault when the error names one
         * ({@link GoTemplate.TemplateError}, counted from the patch's first line), else the patch's first line.
         */
        public int lineOf(IllegalArgumentException e) {
            return e instanceof GoTemplate.TemplateError t ? line + t.line() - 1 : line;
        }

        /** This patch for one node: its template rendered against that node's config, or itself when it has none. */
        public PatchSource renderedWith(GoTemplate.Data config) {
            return template == null ? this : new PatchSource(afterRendering.apply(template.render(config)), file, line);
        }
    }

    /** The control-plane endpoint, {@code https://host:port}. */
    public record Endpoint(String url, String host, int port) {}

    /** This cluster with {@code node} as its only node and no top-level patches (to render one node in isolation). */
    public TalConfig withOnly(Node node) {
        return new TalConfig(file, sources, clusterName, talosVersion, kubernetesVersion, endpoint, domain,
                allowSchedulingOnControlPlanes, additionalApiServerCertSans, additionalMachineCertSans, clusterPodNets,
                clusterSvcNets, cniConfig, inlineManifests, List.of(), imageFactory, List.of(node), warnings);
    }

    public List<Node> controlPlanes() {
        return nodes.stream().filter(Node::controlPlane).toList();
    }

    /** The node with this hostname, if the talconfig lists one. */
    public java.util.Optional<Node> node(String hostname) {
        return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst();
    }
}
