package dev.talosrehearsal.inventory;

// inventory.yaml: which addresses each machine has and which extension services its image defines (a machine
// config cannot say). Read by the simulated cluster (node interfaces, image), lint (no-address-in-subnet) and the
// rollout's pre-flight.

import dev.talosrehearsal.common.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.UnknownKeys;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.network.NodeAddress;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated machines' network interfaces: what a machine config cannot say about a node, because
 * on real hardware it comes from DHCP, the platform or an extension.
 *
 * <p>Format of {@code inventory.yaml} (see {@code fixtures/homelab/inventory.yaml}):
 * <pre>
 * nodes:
 *   talos-master-0:                    # hostname, as in talconfig.yaml
 *     interfaces:                      # required, at least one interface
 *       eth0: [192.168.20.10/24]       # address/prefix, IPv4 or IPv6, one or more per link
 *     tailscale: 100.101.0.10          # optional: tailscale0's address (a bare address, /32),
 *                                      # present only while ext-tailscale runs
 *     extensionServices: [tailscale]   # optional: the services the system extensions in the node's image
 *                                      # define, as ExtensionServiceConfig names them (talosctl services
 *                                      # lists each as ext-NAME; that spelling is read too)
 *     talosVersion: v1.14.0            # optional: the Talos release the node runs, when its config's installer
 *                                      # image names another (talosctl upgrade leaves machine.install.image as
 *                                      # it was; capture writes it then); else the config's tag says
 * </pre>
 * Every problem is an {@link InputException} naming file, line and field: unknown keys, an address
 * that is not {@code address/prefix}, a node without interfaces.
 */
public record Inventory(Map<String, Node> nodes) {
    private static final Set<String> TOP_KEYS = Set.of("nodes");
    private static final Set<String> NODE_KEYS = Set.of("interfaces", "tailscale", "extensionServices", "talosVersion");

    public Inventory {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /**
     * The Talos release {@code hostname} runs with {@code config}: its {@code talosVersion} here, else the tag of the
     * config's installer image (an upgrade changes the release and leaves the config's image as it was).
     */
    public Optional<TalosVersion> runningRelease(String hostname, MachineConfig config) {
        return node(hostname).flatMap(Node::release).or(() -> ClusterSide.installedVersion(config));
    }

    /**
     * One machine's links.
     *
     * @param interfaces link name → addresses with their prefix length, in file order
     * @param tailscale  the 100.x address tailscale0 gets while ext-tailscale runs (prefix /32), if any
     * @param extensionServices the extension services the node's image defines (bare names, as an
     *                   ExtensionServiceConfig names them); empty when the inventory does not say
     * @param release    the Talos release the node runs; empty when the inventory does not say (then its config's
     *                   installer image tag does: {@link Inventory#runningRelease})
     */
    public record Node(String hostname, Map<String, List<IPAddress>> interfaces, Optional<IPAddress> tailscale,
                       Optional<Set<String>> extensionServices, Optional<TalosVersion> release) {
        /** The link the tailscale extension brings up. */
        public static final String TAILSCALE_LINK = "tailscale0";

        public Node {
            Map<String, List<IPAddress>> copy = new LinkedHashMap<>();
            interfaces.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            interfaces = java.util.Collections.unmodifiableMap(copy);
            extensionServices = extensionServices.map(names -> java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names)));
        }

        /** A node whose image the inventory says nothing about. */
        public Node(String hostname, Map<String, List<IPAddress>> interfaces, Optional<IPAddress> tailscale) {
            this(hostname, interfaces, tailscale, Optional.empty());
        }

        /** A node whose release the inventory does not name. */
        public Node(String hostname, Map<String, List<IPAddress>> interfaces, Optional<IPAddress> tailscale,
                Optional<Set<String>> extensionServices) {
            this(hostname, interfaces, tailscale, extensionServices, Optional.empty());
        }

        /** Every address on the node's links (not tailscale0's), in file order. */
        public List<IPAddress> addresses() {
            List<IPAddress> all = new ArrayList<>();
            interfaces.values().forEach(all::addAll);
            return all;
        }

        /**
         * The node's addresses by link, in file order, plus {@value #TAILSCALE_LINK}'s when {@code tailscaleUp}
         * (it exists only while ext-tailscale runs).
         */
        public List<NodeAddress> linkAddresses(boolean tailscaleUp) {
            List<NodeAddress> out = new ArrayList<>();
            interfaces.forEach((link, list) -> list.forEach(a -> out.add(new NodeAddress(link, a))));
            if (tailscaleUp) {
                tailscale.ifPresent(a -> out.add(new NodeAddress(TAILSCALE_LINK, a)));
            }
            return out;
        }

        /** Convenience for tests: {@code of("n", "eth0", "192.168.20.10/24")}, tailscale as a bare address or null. */
        public static Node of(String hostname, String tailscale, String iface, String... cidrs) {
            List<IPAddress> addresses = new ArrayList<>();
            for (String cidr : cidrs) {
                addresses.add(new IPAddressString(cidr).getAddress());
            }
            return new Node(hostname, Map.of(iface, addresses),
                    Optional.ofNullable(tailscale).map(t -> new IPAddressString(t + "/32").getAddress()));
        }
    }

    public Optional<Node> node(String hostname) {
        return Optional.ofNullable(nodes.get(hostname));
    }

    public static Inventory read(Path file) {
        return parse(InputFiles.read(file, file.toString(), "inventory not found"), file.toString());
    }

    public static Inventory parse(String text, String file) {
        YamlSource.Document doc = YamlSource.parseOne(text, file);
        SourceMap lines = doc.sources();
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw new InputException(file, lines.lineOf(""), "an inventory is a map with a 'nodes' key");
        }
        checkKeys(root, "", TOP_KEYS, lines, file);
        JsonNode nodesNode = root.path("nodes");
        if (!nodesNode.isObject() || nodesNode.isEmpty()) {
            throw new InputException(file, lines.lineOf("/nodes"), "'nodes' must map each hostname to its interfaces");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String hostname = e.getKey();
            String pointer = "/nodes/" + SourceMap.segment(hostname);
            nodes.put(hostname, node(hostname, e.getValue(), pointer, lines, file));
        }
        return new Inventory(nodes);
    }

    private static Node node(String hostname, JsonNode value, String pointer, SourceMap lines, String file) {
        if (!value.isObject()) {
            throw new InputException(file, lines.lineOf(pointer), "nodes." + hostname + " must be a map with 'interfaces'");
        }
        checkKeys(value, pointer, NODE_KEYS, lines, file);
        JsonNode interfaces = value.path("interfaces");
        if (!interfaces.isObject() || interfaces.isEmpty()) {
            throw new InputException(file, lines.lineOf(pointer + "/interfaces"),
                    "nodes." + hostname + ".interfaces is missing: list at least one interface with its addresses");
        }
        Map<String, List<IPAddress>> links = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = interfaces.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "nodes." + hostname + ".interfaces." + e.getKey();
            String linkPointer = pointer + "/interfaces/" + SourceMap.segment(e.getKey());
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new InputException(file, lines.lineOf(linkPointer), field + " must be a list of address/prefix entries");
            }
            List<IPAddress> addresses = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                JsonNode a = e.getValue().get(i);
                int line = lines.lineOf(linkPointer + "/" + i);
                IPAddress address = a.isTextual() ? parse(a.asText(), true) : null;
                if (address == null) {
                    throw new InputException(file, line, field + ": '" + a.asText() + "' is not an address with a prefix length (192.168.20.10/24)");
                }
                addresses.add(address);
            }
            links.put(e.getKey(), addresses);
        }
        Optional<IPAddress> tailscale = Optional.empty();
        if (value.has("tailscale")) {
            JsonNode t = value.get("tailscale");
            IPAddress address = t.isTextual() ? parse(t.asText(), false) : null;
            if (address == null) {
                throw new InputException(file, lines.lineOf(pointer + "/tailscale"),
                        "nodes." + hostname + ".tailscale: '" + t.asText() + "' is not an IP address (100.101.0.10)");
            }
            tailscale = Optional.of(address.setPrefixLength(address.getBitCount(), false));
        }
        return new Node(hostname, links, tailscale, extensionServices(hostname, value, pointer, lines, file), release(hostname, value, pointer, lines, file));
    }

    /** {@code talosVersion}: a release this tool renders and simulates ({@link TalosVersion#isSupported}). */
    private static Optional<TalosVersion> release(String hostname, JsonNode value, String pointer, SourceMap lines, String file) {
        if (!value.has("talosVersion")) {
            return Optional.empty();
        }
        String written = value.get("talosVersion").asText("").trim();
        return Optional.of(TalosVersion.supported(written).orElseThrow(() -> new InputException(file, lines.lineOf(pointer + "/talosVersion"), "nodes." + hostname
                + ".talosVersion: '" + written + "' is not a Talos release this tool simulates (v1.8.0 or later, such as v1.13.9)")));
    }

    /** {@code extensionServices}: a list of service names, each bare or as {@code talosctl services} prints it. */
    private static Optional<Set<String>> extensionServices(String hostname, JsonNode value, String pointer, SourceMap lines, String file) {
        if (!value.has("extensionServices")) {
            return Optional.empty();
        }
        JsonNode list = value.get("extensionServices");
        String field = "nodes." + hostname + ".extensionServices";
        if (!list.isArray()) {
            throw new InputException(file, lines.lineOf(pointer + "/extensionServices"),
                    field + " must be a list of service names ([tailscale]; [] for an image without extension services)");
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String written = n.isTextual() ? n.asText().trim() : "";
            String name = ExtensionServices.nameOf(written).orElse(written);
            if (!name.matches("[-_a-z0-9]+")) { // an extension service's name as Talos validates it (extensions/services/services.go)
                throw new InputException(file, lines.lineOf(pointer + "/extensionServices/" + i),
                        field + ": '" + n.asText() + "' is not a service name (tailscale, or ext-tailscale as talosctl services lists it)");
            }
            names.add(name);
        }
        return Optional.of(names);
    }

    /** An address with prefix ({@code withPrefix}) or a bare address; null when it is neither. */
    private static IPAddress parse(String text, boolean withPrefix) {
        String t = text.trim();
        if (withPrefix != t.contains("/")) {
            return null;
        }
        try {
            IPAddress a = new IPAddressString(t).toAddress();
            return a == null || !(a.isIPv4() || a.isIPv6()) ? null : a;
        } catch (Exception e) {
            return null;
        }
    }

    private static void checkKeys(JsonNode map, String pointer, Set<String> known, SourceMap lines, String file) {
        UnknownKeys.refuse(map, pointer, pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ".", known, lines, file);
    }
}
