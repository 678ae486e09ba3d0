package dev.talosrehearsal.talconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.talosrehearsal.common.Hostnames;
import dev.talosrehearsal.common.GoTemplate;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.network.EndpointPort;
import dev.talosrehearsal.talconfig.TalConfig.ConfigFile;
import dev.talosrehearsal.talconfig.TalConfig.Endpoint;
import dev.talosrehearsal.talconfig.TalConfig.ExtensionService;
import dev.talosrehearsal.talconfig.TalConfig.Node;
import dev.talosrehearsal.talconfig.TalConfig.PatchSource;
import inet.ipaddr.IPAddressString;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads talconfig.yaml the way talhelper does: substitute variables, parse, merge node groups, and
 * validate, failing on the first problem with its file and line.
 */
public final class TalConfigLoader {
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern KUBERNETES_VERSION = Pattern.compile("v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    private static final Pattern ENV_ENTRY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    /** The Talos release rendered when talconfig.yaml names none. */
    /** talhelper's default when talconfig has no talosVersion: the newest stable release it knows (its LatestTalosVersion). */
    public static final String DEFAULT_TALOS_VERSION = "v1.13.9";

    private final Map<String, String> environment;

    /** @param environment the variables available to {@code ${VAR}}: talenv.yaml over the process environment */
    public TalConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Builds the substitution environment: the process environment, overridden by talenv.yaml when given. */
    public static Map<String, String> environment(Path talenv, boolean talenvRequired) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (talenv != null && (talenvRequired || Files.exists(talenv))) {
            env.putAll(TalEnv.read(talenv));
        }
        return env;
    }

    public TalConfig load(Path file) {
        String name = file.toString();
        String raw = read(file, name);
        String text = new EnvSubstitution(environment).apply(raw, name);
        YamlSource.Document doc = YamlSource.parseOne(text, name);
        JsonNode root = doc.root();
        SourceMap sources = doc.sources();
        YamlFieldReader f = new YamlFieldReader(sources);
        if (!root.isObject()) {
            throw new InputException(name, 1, "talconfig.yaml must be a map at the top level, not a " + YamlFieldReader.kind(root));
        }
        List<String> warnings = new ArrayList<>(KnownKeys.checkLeniently(root, "", KnownKeys.TOP_LEVEL, KnownKeys.TOP_LEVEL_UNSUPPORTED,
                sources, "talconfig"));

        String clusterName = f.requiredString(root, "", "clusterName");
        if (!CLUSTER_NAME.matcher(clusterName).matches()) {
            throw f.error("/clusterName", "'" + clusterName + "' is not a valid cluster name (letters, digits, '.', '_', '-')");
        }
        TalosVersion talosVersion = talosVersion(f, root);
        String kubernetesVersion = f.requiredString(root, "", "kubernetesVersion");
        if (!KUBERNETES_VERSION.matcher(kubernetesVersion).matches()) {
            throw f.error("/kubernetesVersion", "'" + kubernetesVersion + "' is not a Kubernetes version like v1.31.4");
        }
        kubernetesVersion = kubernetesVersion.startsWith("v") ? kubernetesVersion.substring(1) : kubernetesVersion;
        Endpoint endpoint = endpoint(f, f.requiredString(root, "", "endpoint"));
        String domain = f.string(root, "", "domain");
        boolean allowScheduling = f.bool(root, "", "allowSchedulingOnControlPlanes") || f.bool(root, "", "allowSchedulingOnMasters");
        List<String> podNets = cidrs(f, root, "", "clusterPodNets");
        List<String> svcNets = cidrs(f, root, "", "clusterSvcNets");
        JsonNode cni = f.object(root, "", "cniConfig");
        if (cni != null) {
            KnownKeys.check(cni, "/cniConfig", KnownKeys.CNI_CONFIG, Set.of(), sources, "cniConfig");
        }
        Path baseDir = file.toAbsolutePath().getParent();
        JsonNode inlineManifests = FileContents.resolve(f, f.array(root, "", "inlineManifests"), "/inlineManifests", "contents",
                baseDir, new EnvSubstitution(environment));
        List<PatchSource> topPatches = patches(f, root, "", baseDir);
        ImageFactory imageFactory = imageFactory(f, root);

        shortTalosVersion(f, root, talosVersion).ifPresent(warnings::add);
        preReleaseTalosVersion(f, talosVersion).ifPresent(warnings::add);
        JsonNode controlPlaneGroup = group(f, root, "controlPlane", warnings);
        JsonNode workerGroup = group(f, root, "worker", warnings);
        JsonNode nodesNode = f.array(root, "", "nodes");
        if (nodesNode == null || nodesNode.isEmpty()) {
            throw f.error("/nodes", "at least one node is required");
        }
        List<Node> nodes = new ArrayList<>();
        Set<String> hostnames = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<String> fileNames = new HashSet<>();
        for (int i = 0; i < nodesNode.size(); i++) {
            String pointer = "/nodes/" + i;
            JsonNode raw0 = nodesNode.get(i);
            if (!raw0.isObject()) {
                throw f.error(pointer, "each node must be a map, not a " + YamlFieldReader.kind(raw0));
            }
            Set<String> nodeKeys = new HashSet<>(KnownKeys.GROUPABLE);
            nodeKeys.addAll(KnownKeys.NODE_ONLY);
            warnings.addAll(KnownKeys.checkLeniently(raw0, pointer, nodeKeys, KnownKeys.GROUPABLE_UNSUPPORTED, sources, "a node"));
            warnings.addAll(KnownKeys.retired(raw0, pointer, sources));
            boolean controlPlane = f.bool(raw0, pointer, "controlPlane");
            Node node = node(f, raw0, pointer, controlPlane ? controlPlaneGroup : workerGroup,
                    controlPlane ? "/controlPlane" : "/worker", controlPlane, baseDir, clusterName, warnings);
            if (!hostnames.add(node.hostname())) {
                throw f.error(pointer + "/hostname", "duplicate hostname '" + node.hostname() + "'");
            }
            if (node.fileName() != null && !fileNames.add(node.fileName())) {
                throw f.error(pointer, "filenameTmpl gives '" + node.fileName() + "' for " + node.hostname() + ", the file of another node too");
            }
            for (String address : node.ipAddresses()) {
                if (!addresses.add(address)) {
                    throw f.error(pointer + "/ipAddress", "duplicate ipAddress '" + address + "' (another node has it)");
                }
            }
            nodes.add(node);
        }
        if (nodes.stream().noneMatch(Node::controlPlane)) {
            throw f.error("/nodes", "no node has controlPlane: true; a cluster needs at least one control plane");
        }
        return new TalConfig(file, sources, clusterName, talosVersion, kubernetesVersion, endpoint, domain,
                allowScheduling, f.stringList(root, "", "additionalApiServerCertSans"),
                f.stringList(root, "", "additionalMachineCertSans"), podNets, svcNets, cni, inlineManifests,
                topPatches, imageFactory, List.copyOf(nodes), List.copyOf(new java.util.LinkedHashSet<>(warnings))); // a group's key is read once per node of the group
    }

    private static String read(Path file, String name) {
        return InputFiles.read(file, name, "file not found");
    }

    private static TalosVersion talosVersion(YamlFieldReader f, JsonNode root) {
        String text = f.string(root, "", "talosVersion");
        if (text == null) {
            return TalosVersion.parse(DEFAULT_TALOS_VERSION);
        }
        TalosVersion version = TalosVersion.parse(text);
        if (version == null) {
            throw f.error("/talosVersion", "'" + text + "' is not a Talos version like v1.12.0");
        }
        if (!version.isSupported()) {
            throw f.error("/talosVersion", "Talos " + version.minorTag() + " is not supported (talos-rehearsal renders "
                    + TalosVersion.OLDEST_SUPPORTED.minorTag() + " to " + TalosVersion.NEWEST_SUPPORTED_MINOR.minorTag() + ")");
        }
        return version;
    }

    /**
     * A talosVersion that is not a release tag ({@code 1.13}, {@code v1.13}): talhelper only warns that it "might not be
     * compatible" (checkSupportedTalosVersion, pkg/config/validator.go), and which release the nodes run is then a guess;
     * it is rendered as the minor's first release.
     */
    private static java.util.Optional<String> shortTalosVersion(YamlFieldReader f, JsonNode root, TalosVersion version) {
        String text = f.string(root, "", "talosVersion");
        if (text == null || text.strip().matches("v\\d+\\.\\d+\\.\\d+.*")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(f.sources().file() + ":" + f.sources().lineOf("/talosVersion") + ": talosVersion: '" + text
                + "' is not a release tag; rendered as " + version.tag() + " (installer image and version-dependent defaults):"
                + " write the release the nodes run, e.g. " + version.tag());
    }

    /**
     * A pre-release other than the one talos-rehearsal's rules for its branch come from ({@link
     * TalosVersion#MODELLED_PRE_RELEASE}): an alpha or beta may lack what the later pre-release added (v1.14.0-alpha.2
     * had no KubeletConfig document beside machine.kubelet, which rc.1 refuses), so what is rendered and refused follows
     * another release than the nodes run — a guess to say out loud.
     */
    private static java.util.Optional<String> preReleaseTalosVersion(YamlFieldReader f, TalosVersion version) {
        TalosVersion modelled = TalosVersion.MODELLED_PRE_RELEASE;
        if (!version.isPreRelease() || version.tag().equals(modelled.tag())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(f.sources().file() + ":" + f.sources().lineOf("/talosVersion") + ": talosVersion " + version.tag()
                + " is a pre-release; talos-rehearsal renders and simulates " + version.minorTag() + " as "
                + (version.minorTag().equals(modelled.minorTag()) ? modelled.tag() + " does" : "its releases do") + ", which may differ from it");
    }

    private static final String ENDPOINT_SHAPE = "must look like https://host[:port] (e.g. https://192.168.20.10:6443)";

    private static Endpoint endpoint(YamlFieldReader f, String text) {
        try {
            URI uri = new URI(text);
            // the port may be left out, as talhelper and Talos allow (siderolabs/net ValidateEndpointURI): clients then
            // dial 443 (network/EndpointPort)
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() == 0 || uri.getRawAuthority().endsWith(":")
                    || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    || uri.getQuery() != null || uri.getUserInfo() != null) {
                throw f.error("/endpoint", "'" + text + "' " + ENDPOINT_SHAPE);
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            return new Endpoint(text, host, EndpointPort.of(uri));
        } catch (URISyntaxException e) {
            throw f.error("/endpoint", "'" + text + "' " + ENDPOINT_SHAPE);
        }
    }

    /** {@code imageFactory:} with talhelper's defaults; its templates are parsed here so a bad one fails at its line. */
    private static ImageFactory imageFactory(YamlFieldReader f, JsonNode root) {
        JsonNode raw = f.object(root, "", "imageFactory");
        if (raw == null) {
            return ImageFactory.DEFAULT;
        }
        KnownKeys.check(raw, "/imageFactory", KnownKeys.IMAGE_FACTORY, Set.of(), f.sources(), "imageFactory");
        ImageFactory d = ImageFactory.DEFAULT;
        ImageFactory factory = new ImageFactory(
                orDefault(f.string(raw, "/imageFactory", "registryURL"), d.registryURL()),
                orDefault(f.string(raw, "/imageFactory", "schematicEndpoint"), d.schematicEndpoint()),
                orDefault(f.string(raw, "/imageFactory", "protocol"), d.protocol()),
                orDefault(f.string(raw, "/imageFactory", "installerURLTmpl"), d.installerURLTmpl()),
                orDefault(f.string(raw, "/imageFactory", "ISOURLTmpl"), d.imageURLTmpl()));
        template(f, "/imageFactory/installerURLTmpl", factory.installerURLTmpl(), ImageFactory.INSTALLER_FIELDS);
        template(f, "/imageFactory/ISOURLTmpl", factory.imageURLTmpl(), ImageFactory.IMAGE_FIELDS);
        return factory;
    }

    private static void template(YamlFieldReader f, String pointer, String template, Set<String> fields) {
        try {
            GoTemplate.parse(template, fields);
        } catch (IllegalArgumentException e) {
            throw f.error(pointer, e.getMessage());
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** {@code machineSpec:} with talhelper's defaults, checked as talhelper's validator checks it (checkNodeMachineSpec). */
    private static MachineSpec machineSpec(YamlFieldReader f, JsonNode parent, String pointer) {
        JsonNode raw = f.object(parent, pointer, "machineSpec");
        if (raw == null) {
            return MachineSpec.DEFAULT;
        }
        String at = pointer + "/machineSpec";
        KnownKeys.check(raw, at, MachineSpec.KEYS, Set.of(), f.sources(), "machineSpec");
        String bootMethod = f.string(raw, at, "bootMethod");
        if (bootMethod != null && !bootMethod.isEmpty() && !MachineSpec.BOOT_METHODS.contains(bootMethod)) {
            throw f.error(at + "/bootMethod", "'" + bootMethod + "' should be one of iso, disk-image, pxe");
        }
        return MachineSpec.withDefaults(f.string(raw, at, "mode"), f.string(raw, at, "arch"), f.bool(raw, at, "secureboot"),
                f.bool(raw, at, "useUKI"), bootMethod, f.string(raw, at, "imageSuffix"));
    }

    private static List<String> cidrs(YamlFieldReader f, JsonNode parent, String pointer, String key) {
        List<String> values = f.stringList(parent, pointer, key);
        for (int i = 0; i < values.size(); i++) {
            if (!Cidrs.isCidr(values.get(i))) {
                throw f.error(pointer + "/" + key + "/" + i, "'" + values.get(i) + "' is not a CIDR like 10.244.0.0/16");
            }
        }
        return values;
    }

    private static JsonNode group(YamlFieldReader f, JsonNode root, String key, List<String> warnings) {
        JsonNode group = f.object(root, "", key);
        if (group == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        warnings.addAll(KnownKeys.checkLeniently(group, "/" + key, KnownKeys.GROUPABLE, KnownKeys.GROUPABLE_UNSUPPORTED, f.sources(), key + " group"));
        warnings.addAll(KnownKeys.retired(group, "/" + key, f.sources()));
        return group;
    }

    private Node node(YamlFieldReader f, JsonNode raw, String pointer, JsonNode group, String groupPointer,
            boolean controlPlane, Path baseDir, String clusterName, List<String> warnings) {
        String hostname = f.requiredString(raw, pointer, "hostname");
        if (!Hostnames.isValid(hostname)) {
            throw f.error(pointer + "/hostname", "'" + hostname + "' is not a valid hostname (letters, digits, '-', '.')");
        }
        String ipText = f.requiredString(raw, pointer, "ipAddress");
        List<String> ips = new ArrayList<>();
        for (String part : ipText.split(",")) {
            String address = part.trim();
            if (address.isEmpty() || !(new IPAddressString(address).isIPAddress() || Hostnames.isValid(address))) {
                throw f.error(pointer + "/ipAddress", "'" + address + "' is neither an IP address nor a DNS name");
            }
            ips.add(address);
        }
        if (f.string(raw, pointer, "installDisk") == null && f.object(raw, pointer, "installDiskSelector") == null) {
            throw f.error(pointer + "/installDisk", "is required (or installDiskSelector): Talos needs to know where it is installed");
        }
        // talhelper's group merge: the node's value wins wholesale; patches and certSANs combine
        // (group patches first, node certSANs first). With override*, a node that has no list of
        // its own still gets the group's: talhelper falls back to the group for every empty field.
        Merged m = new Merged(raw, pointer, group, groupPointer);
        List<PatchSource> patches = new ArrayList<>();
        if (!f.bool(raw, pointer, "overridePatches") || !Merged.isSet(raw, "patches")) {
            patches.addAll(patches(f, group, groupPointer, baseDir));
        }
        patches.addAll(patches(f, raw, pointer, baseDir));
        List<String> certSANs = new ArrayList<>(f.stringList(raw, pointer, "certSANs"));
        if (!f.bool(raw, pointer, "overrideMachineCertSANs") || !Merged.isSet(raw, "certSANs")) {
            certSANs.addAll(f.stringList(group, groupPointer, "certSANs"));
        }
        List<String> nameservers = f.stringList(m.parent("nameservers"), m.pointer("nameservers"), "nameservers");
        for (int i = 0; i < nameservers.size(); i++) {
            if (!new IPAddressString(nameservers.get(i)).isIPAddress()) {
                throw f.error(m.pointer("nameservers") + "/nameservers/" + i, "'" + nameservers.get(i) + "' is not an IP address");
            }
        }
        return new Node(pointer, hostname, List.copyOf(ips), controlPlane,
                f.string(raw, pointer, "installDisk"),
                KnownKeys.decodedLeniently(f.object(raw, pointer, "installDiskSelector"), pointer + "/installDiskSelector",
                        KnownKeys.INSTALL_DISK_SELECTOR, f.sources(), "installDiskSelector (Talos's InstallDiskSelector)", warnings),
                f.bool(raw, pointer, "ignoreHostname"),
                untemplated(f, f.stringMap(m.parent("nodeLabels"), m.pointer("nodeLabels"), "nodeLabels"), m.pointer("nodeLabels") + "/nodeLabels"),
                untemplated(f, f.stringMap(m.parent("nodeAnnotations"), m.pointer("nodeAnnotations"), "nodeAnnotations"),
                        m.pointer("nodeAnnotations") + "/nodeAnnotations"),
                f.stringMap(m.parent("nodeTaints"), m.pointer("nodeTaints"), "nodeTaints"),
                FileContents.resolve(f, f.array(m.parent("machineFiles"), m.pointer("machineFiles"), "machineFiles"),
                        m.pointer("machineFiles") + "/machineFiles", "content", baseDir, new EnvSubstitution(environment)),
                f.array(m.parent("kernelModules"), m.pointer("kernelModules"), "kernelModules"),
                nameservers,
                f.array(m.parent("networkInterfaces"), m.pointer("networkInterfaces"), "networkInterfaces"),
                certSANs,
                f.bool(m.parent("disableSearchDomain"), m.pointer("disableSearchDomain"), "disableSearchDomain"),
                f.string(m.parent("talosImageURL"), m.pointer("talosImageURL"), "talosImageURL"),
                SchematicReader.read(f, m.parent("schematic"), m.pointer("schematic"), "schematic", warnings),
                SchematicReader.read(f, m.parent("imageSchematic"), m.pointer("imageSchematic"), "imageSchematic", warnings),
                machineSpec(f, m.parent("machineSpec"), m.pointer("machineSpec")),
                NodeDocuments.firewall(f, m.parent("ingressFirewall"), m.pointer("ingressFirewall")),
                NodeDocuments.volumes(f, m.parent("volumes"), m.pointer("volumes"), "volumes", NodeDocuments.VOLUME),
                NodeDocuments.volumes(f, m.parent("userVolumes"), m.pointer("userVolumes"), "userVolumes", NodeDocuments.USER_VOLUME),
                machineDisks(f, m.parent("machineDisks"), m.pointer("machineDisks")),
                extraManifests(f, raw, pointer, group, groupPointer, baseDir),
                extensionServices(f, m.parent("extensionServices"), m.pointer("extensionServices")),
                List.copyOf(patches),
                fileName(f, m.parent("filenameTmpl"), m.pointer("filenameTmpl"), clusterName, hostname, ipText, controlPlane),
                KnownKeys.GROUPABLE.stream().filter(key -> m.pointer(key).equals(groupPointer) && Merged.isSet(group, key))
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /**
     * talhelper renders a label or annotation value holding a Go template against the node's config
     * (pkg/talos/nodeconfig.go, templateConfig); the renderer does the same (machineconfig NodeTemplates). Here the
     * template is only parsed, so one this project cannot evaluate fails at its line.
     */
    private static Map<String, String> untemplated(YamlFieldReader f, Map<String, String> values, String pointer) {
        values.forEach((key, value) -> {
            if (GoTemplate.isTemplate(value)) {
                try {
                    GoTemplate.parse(value);
                } catch (IllegalArgumentException e) {
                    throw f.error(pointer + "/" + dev.talosrehearsal.common.SourceMap.segment(key), "talhelper evaluates this Go"
                            + " template; talos-rehearsal cannot: " + e.getMessage());
                }
            }
        });
        return values;
    }

    /** A patch or extra manifest holding a Go template: parsed now, so a template talhelper would refuse is refused here. */
    private static PatchSource templated(YamlFieldReader f, String at, String what, String text, String file, int line,
            UnaryOperator<String> afterRendering) {
        try {
            return PatchSource.templated(text, file, line, afterRendering);
        } catch (GoTemplate.TemplateError e) {
            // the action's own line: a patch file is long, and an inline patch several lines
            throw new InputException(file, line + e.line() - 1, dev.talosrehearsal.common.Pointers.field(at) + ": " + what
                    + ": talhelper renders it as a Go template; talos-rehearsal cannot: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw f.error(at, what + ": talhelper renders it as a Go template; talos-rehearsal cannot: " + e.getMessage());
        }
    }

    /**
     * {@code machineDisks}, passed to v1alpha1's deprecated {@code machine.disks} as talhelper does
     * (pkg/talos/nodeconfig.go), with talhelper's one check: only the last partition of a disk may take the rest
     * of it (size 0). Talos's schema checks the rest on the rendered document.
     */
    private static JsonNode machineDisks(YamlFieldReader f, JsonNode parent, String pointer) {
        JsonNode disks = f.array(parent, pointer, "machineDisks");
        if (disks == null) {
            return null;
        }
        for (int i = 0; i < disks.size(); i++) {
            JsonNode partitions = disks.get(i).path("partitions");
            for (int j = 0; j < partitions.size() - 1; j++) {
                JsonNode size = partitions.get(j).path("size");
                if (size.isMissingNode() || size.isNull() || "0".equals(size.asText())) {
                    throw f.error(pointer + "/machineDisks/" + i + "/partitions/" + j, "takes the rest of the disk (no size)"
                            + " but is not the disk's last partition");
                }
            }
        }
        return disks;
    }

    /**
     * {@code extraManifests}: files of Talos documents appended to the node's config after every patch (talhelper's
     * pkg/generate/config.go, combineExtraManifests), the node's first, then its group's unless
     * {@code overrideExtraManifests} (pkg/config/nodeconfigs.go). Paths are relative to talconfig.yaml's directory,
     * with or without a leading {@code @}. talhelper renders Go templates in them against the
     * node's config after every patch: so does ClusterRenderer.
     */
    private static List<PatchSource> extraManifests(YamlFieldReader f, JsonNode node, String nodePointer, JsonNode group,
            String groupPointer, Path baseDir) {
        List<PatchSource> out = new ArrayList<>(manifestFiles(f, node, nodePointer, baseDir));
        if (!f.bool(node, nodePointer, "overrideExtraManifests") || !Merged.isSet(node, "extraManifests")) {
            out.addAll(manifestFiles(f, group, groupPointer, baseDir));
        }
        return List.copyOf(out);
    }

    private static List<PatchSource> manifestFiles(YamlFieldReader f, JsonNode parent, String pointer, Path baseDir) {
        List<PatchSource> out = new ArrayList<>();
        List<String> paths = f.stringList(parent, pointer, "extraManifests");
        for (int i = 0; i < paths.size(); i++) {
            String at = pointer + "/extraManifests/" + i;
            String path = paths.get(i).startsWith("@") ? paths.get(i).substring(1).strip() : paths.get(i).strip();
            Path file = baseDir.resolve(path);
            if (!Files.isRegularFile(file)) {
                throw f.error(at, "file '" + path + "' not found (relative to talconfig.yaml's directory)");
            }
            String display = f.sources().file() == null ? file.toString()
                    : Path.of(f.sources().file()).resolveSibling(path).normalize().toString();
            String content = read(file, display);
            out.add(GoTemplate.isTemplate(content) ? templated(f, at, "file '" + path + "'", content, display, 1, UnaryOperator.identity())
                    : new PatchSource(content, display, 1));
        }
        return out;
    }

    /** talhelper's fields for {@code filenameTmpl} (pkg/config/outputfilename.go, v3.1.16). */
    private static final Set<String> FILENAME_FIELDS = Set.of("ClusterName", "Hostname", "IPAddress", "Role");

    /**
     * The node's output file name from its {@code filenameTmpl} (talhelper's default {@code {{.ClusterName}}-
     * {{.Hostname}}.yaml} when unset, rendered later by RenderedCluster), refused at its line when it cannot be a
     * file name in clusterconfig/.
     */
    private static String fileName(YamlFieldReader f, JsonNode parent, String pointer, String clusterName, String hostname,
            String ipAddress, boolean controlPlane) {
        String template = f.string(parent, pointer, "filenameTmpl");
        if (template == null || template.isEmpty()) {
            return null;
        }
        String at = pointer + "/filenameTmpl";
        String name;
        try {
            name = GoTemplate.parse(template, FILENAME_FIELDS).render(Map.of("ClusterName", clusterName,
                    "Hostname", hostname, "IPAddress", ipAddress, "Role", controlPlane ? "controlplane" : "worker"));
        } catch (IllegalArgumentException e) {
            throw f.error(at, e.getMessage());
        }
        if (name.isBlank() || name.contains("/") || name.startsWith(".")) {
            throw f.error(at, "gives '" + name + "' for " + hostname + ", which is not a file name in the output directory");
        }
        return name;
    }

    /** Picks, per key, the node's map when it sets the key, else the group's. */
    private record Merged(JsonNode node, String nodePointer, JsonNode group, String groupPointer) {
        JsonNode parent(String key) {
            return isSet(node, key) ? node : group;
        }

        String pointer(String key) {
            return isSet(node, key) ? nodePointer : groupPointer;
        }

        /**
         * Whether the node sets {@code key} as talhelper sees it: its merge takes the node's value
         * unless that is Go's zero value, so absent, null, {@code false} and {@code ""} fall back to
         * the group, while an empty list or map is a value.
         */
        static boolean isSet(JsonNode node, String key) {
            JsonNode value = node.get(key);
            return value != null && !value.isNull() && !(value.isBoolean() && !value.booleanValue())
                    && !(value.isTextual() && value.asText().isEmpty());
        }
    }

    private static List<ExtensionService> extensionServices(YamlFieldReader f, JsonNode parent, String pointer) {
        JsonNode list = f.array(parent, pointer, "extensionServices");
        List<ExtensionService> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/extensionServices/" + i;
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw f.error(at, "must be a map with name, configFiles and environment");
            }
            if (entry.has("files")) {
                throw f.error(at + "/files", "ExtensionServiceConfig has no 'files'; write configFiles: [{content, mountPath}]"
                        + " (the files/path/permissions shape belongs to machineFiles)");
            }
            KnownKeys.check(entry, at, KnownKeys.EXTENSION_SERVICE, Set.of(), f.sources(), "an extension service");
            String name = f.requiredString(entry, at, "name");
            if (!names.add(name)) {
                throw f.error(at + "/name", "duplicate extension service '" + name + "'");
            }
            List<ConfigFile> files = new ArrayList<>();
            JsonNode filesNode = f.array(entry, at, "configFiles");
            if (filesNode != null) {
                for (int j = 0; j < filesNode.size(); j++) {
                    String fileAt = at + "/configFiles/" + j;
                    JsonNode file = filesNode.get(j);
                    if (!file.isObject()) {
                        throw f.error(fileAt, "must be a map with content and mountPath");
                    }
                    KnownKeys.check(file, fileAt, KnownKeys.CONFIG_FILE, Set.of(), f.sources(), "a config file");
                    String mountPath = f.requiredString(file, fileAt, "mountPath");
                    if (!mountPath.startsWith("/")) {
                        throw f.error(fileAt + "/mountPath", "'" + mountPath + "' must be an absolute path");
                    }
                    String content = f.string(file, fileAt, "content");
                    files.add(new ConfigFile(content == null ? "" : content, mountPath));
                }
            }
            List<String> environment = f.stringList(entry, at, "environment");
            for (int j = 0; j < environment.size(); j++) {
                if (!ENV_ENTRY.matcher(environment.get(j)).matches()) {
                    throw f.error(at + "/environment/" + j, "must be KEY=VALUE");
                }
            }
            if (files.isEmpty() && environment.isEmpty()) {
                throw f.error(at, "extension service '" + name + "' needs at least one configFiles or environment entry (Talos refuses an empty ExtensionServiceConfig)");
            }
            out.add(new ExtensionService(at, name, List.copyOf(files), List.copyOf(environment)));
        }
        return out;
    }

    private List<PatchSource> patches(YamlFieldReader f, JsonNode parent, String pointer, Path baseDir) {
        List<PatchSource> out = new ArrayList<>();
        JsonNode list = f.array(parent, pointer, "patches");
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/patches/" + i;
            JsonNode item = list.get(i);
            if (!item.isTextual()) {
                throw f.error(at, "must be a string: inline YAML (use '|-') or '@path/to/patch.yaml'");
            }
            String text = item.asText();
            if (text.startsWith("@")) {
                Path patchFile = baseDir.resolve(text.substring(1));
                if (Files.isDirectory(patchFile)) {
                    throw f.error(at, "patch file '" + text.substring(1) + "' is a directory, not a file");
                }
                if (!Files.isRegularFile(patchFile)) {
                    throw f.error(at, "patch file '" + text.substring(1) + "' not found");
                }
                String display = f.sources().file() == null ? patchFile.toString()
                        : Path.of(f.sources().file()).resolveSibling(text.substring(1)).normalize().toString();
                String content = read(patchFile, display);
                EnvSubstitution substitution = new EnvSubstitution(environment);
                // talhelper renders a patch file's template before it substitutes variables (pkg/patcher/patcher.go)
                out.add(GoTemplate.isTemplate(content)
                        ? templated(f, at, "patch file '" + text.substring(1) + "'", content, display, 1, t -> substitution.apply(t, display))
                        : new PatchSource(substitution.apply(content, display), display, 1));
            } else if (GoTemplate.isTemplate(text)) {
                out.add(templated(f, at, "patch", text, f.sources().file(), f.sources().lineOf(at), UnaryOperator.identity()));
            } else {
                out.add(new PatchSource(text, f.sources().file(), f.sources().lineOf(at)));
            }
        }
        return out;
    }
}
