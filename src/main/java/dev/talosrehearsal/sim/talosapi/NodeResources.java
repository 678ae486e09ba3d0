package dev.talosrehearsal.sim.talosapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.machineconfig.Resolvers;
import dev.talosrehearsal.machineconfig.validation.DnsProtocol;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.machineconfig.AddressConfigs;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.AddressSelection;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.sim.node.ServiceInfo;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources one simulated node's machined holds, derived from the node model the way Talos's controllers
 * derive them from the kernel and the config. Only the types a migration reads
 * ({@link SimulatedResourceTypes}); what each follows is named on its method. Not modelled: links that are
 * down, DHCP, routes other than the kernel's connected routes (no gateways: the inventory has none), the
 * local routing table, and tailscale's own routing table.
 */
final class NodeResources {
    private static final String LOOPBACK = "lo";

    private final SimulatedNode node;
    private final List<SimulatedNode> cluster;

    /** @param cluster every node of the cluster, in order: discovery publishes each as a Member */
    NodeResources(SimulatedNode node, List<SimulatedNode> cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    /** Every resource of {@code type} this node holds (in any namespace: the caller filters by namespace). */
    List<SimResource> of(String type) {
        return switch (type) {
            case SimulatedResourceTypes.DEFINITIONS -> definitions();
            case "AddressStatuses.net.talos.dev" -> addressStatuses();
            case "NodeAddresses.net.talos.dev" -> nodeAddresses();
            case "LinkStatuses.net.talos.dev" -> linkStatuses();
            case "RouteStatuses.net.talos.dev" -> routeStatuses();
            case "HostnameStatuses.net.talos.dev" -> List.of(new SimResource("network", type, "hostname",
                    map("hostname", NodeNames.hostnamePart(node.hostname()), "domainname", NodeNames.domainPart(node.hostname()))));
            case "ResolverStatuses.net.talos.dev" -> resolverStatus();
            case "Members.cluster.talos.dev" -> members();
            case "EtcdMembers.etcd.talos.dev" -> etcdMember();
            case "MachineConfigs.config.talos.dev" -> machineConfigs();
            default -> List.of();
        };
    }

    /**
     * The resolvers the node uses (ID {@code resolvers}): the machine config's nameservers Talos keeps, else its defaults
     * ({@link Resolvers}; the config layer wins over the default one, network/resolver_config.go). DHCP's
     * resolvers are not modelled: simulated nodes have static addresses. Each as Talos prints a netip.Addr
     * ({@link Resolvers#asReported}). Search domain: the hostname's domain unless
     * disableSearchDomain (v1.13.9). From v1.14 also {@code nameServers} ({@link #nameServers}).
     */
    private List<SimResource> resolverStatus() {
        MachineConfig config = node.activeConfig();
        List<String> servers = ConfigSetting.NAMESERVERS.strings(config).stream().filter(Resolvers::kept).map(Resolvers::asReported).toList();
        if (servers.isEmpty()) {
            servers = Resolvers.TALOS_DEFAULTS;
        }
        String domain = NodeNames.domainPart(node.hostname());
        boolean disabled = config.at("/machine/network/disableSearchDomain").asBoolean(false)
                || config.document("ResolverConfig", null).map(d -> d.at("/searchDomains/disableDefault").asBoolean(false)).orElse(false);
        Map<String, Object> spec = map("dnsServers", servers, "searchDomains", domain.isEmpty() || disabled ? List.of() : List.of(domain));
        if (node.talosVersion().atLeast(1, 14)) {
            spec.put("nameServers", nameServers(config, servers));
        }
        return List.of(new SimResource("network", "ResolverStatuses.net.talos.dev", "resolvers", spec));
    }

    /**
     * v1.14's {@code nameServers}: each resolver with its protocol and TLS server name, beside the deprecated flat
     * {@code dnsServers} Talos still fills (pkg/machinery/resources/network/resolver_status.go and
     * controllers/network/resolver_spec.go at v1.14.0-rc.1). The protocol is the ResolverConfig entry's, as Talos
     * prints it ({@link DnsProtocol}); an address the config does not list (Talos's defaults) is Do53.
     */
    private static List<Map<String, Object>> nameServers(MachineConfig config, List<String> servers) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        config.document("ResolverConfig", null).ifPresent(d -> d.path("nameservers").forEach(entries::add));
        for (String server : servers) {
            JsonNode entry = entries.stream().filter(e -> Resolvers.asReported(e.path("address").asText("")).equals(server)).findFirst()
                    .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            out.add(map("addr", server, "protocol", DnsProtocol.of(entry.path("protocol").asText("")).orElse(DnsProtocol.DO53).text(),
                    "tlsServerName", entry.path("tlsServerName").asText("")));
        }
        return out;
    }

    private List<SimResource> definitions() {
        List<SimResource> out = new ArrayList<>();
        for (SimulatedResourceTypes.Served s : SimulatedResourceTypes.ALL) {
            out.add(new SimResource(SimulatedResourceTypes.META, SimulatedResourceTypes.DEFINITIONS, s.id(),
                    SimulatedResourceTypes.definitionSpec(s)));
        }
        return out;
    }

    /**
     * One AddressStatus per address on a link, loopback's included, ID {@code <link>/<address>/<prefix>}
     * (talos pkg/machinery/resources/network/network.go, AddressID; internal/app/machined/pkg/controllers/network/
     * address_status.go copies them from the kernel). Addresses come from the inventory, tailscale0's while
     * ext-tailscale runs.
     */
    private List<SimResource> addressStatuses() {
        List<String> links = linkNames();
        List<SimResource> out = new ArrayList<>();
        for (NodeAddress a : withLoopback()) {
            IPAddress bare = a.bare();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("address", prefix(a));
            if (bare.isIPv4()) {
                spec.put("local", bare.toCanonicalString());
            }
            spec.put("linkIndex", links.indexOf(a.link()) + 1);
            spec.put("linkName", a.link());
            spec.put("family", bare.isIPv4() ? "inet4" : "inet6");
            spec.put("scope", bare.isLoopback() ? "host" : "global");
            spec.put("flags", "permanent");
            spec.put("priority", 0);
            out.add(new SimResource("network", "AddressStatuses.net.talos.dev", a.link() + "/" + prefix(a), spec));
        }
        return out;
    }

    /**
     * The node's address lists (talos internal/app/machined/pkg/controllers/network/node_address.go): {@code current}
     * (every global address, sorted by the config's nodeAddressSortAlgorithm), {@code routed} (without SideroLink's),
     * {@code accumulative} (every address since boot, none ever taken out: {@link SimulatedNode#addressesSinceBoot}),
     * {@code default} (the first address of the alphabetically first link), and the {@code no-k8s} filtered copies
     * the kubelet and etcd read (internal/app/machined/pkg/controllers/k8s/address_filter.go).
     */
    private List<SimResource> nodeAddresses() {
        MachineConfig config = node.activeConfig();
        AddressConfig withK8s = AddressConfigs.of(config);
        AddressConfig unfiltered = new AddressConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), withK8s.order());
        List<NodeAddress> addresses = node.addresses();
        Map<String, List<NodeAddress>> lists = new LinkedHashMap<>();
        List<NodeAddress> current = AddressSelection.current(addresses, unfiltered);
        lists.put("accumulative", AddressSelection.current(node.addressesSinceBoot(), unfiltered));
        lists.put("current", current);
        lists.put("current-no-k8s", AddressSelection.current(addresses, withK8s));
        firstOfFirstLink(current).ifPresent(d -> lists.put("default", List.of(d)));
        lists.put("routed", AddressSelection.routed(addresses, unfiltered));
        lists.put("routed-no-k8s", AddressSelection.routed(addresses, withK8s));
        String algorithm = withK8s.order().name().toLowerCase(java.util.Locale.ROOT);
        List<SimResource> out = new ArrayList<>();
        lists.forEach((id, list) -> out.add(new SimResource("network", "NodeAddresses.net.talos.dev", id,
                map("addresses", list.stream().map(NodeResources::prefix).toList(), "sortAlgorithm", algorithm))));
        return out;
    }

    /** The smallest address of the alphabetically first link (node_address.go, "defaultAddress"). */
    private static Optional<NodeAddress> firstOfFirstLink(List<NodeAddress> sorted) {
        return sorted.stream().map(NodeAddress::link).sorted().findFirst()
                .flatMap(link -> sorted.stream().filter(a -> a.link().equals(link)).findFirst());
    }

    /**
     * One LinkStatus per link (talos pkg/machinery/resources/network/link_status.go; field values as nethelpers
     * prints them): loopback, the inventory's links as up Ethernet links with a made-up MAC, and tailscale0 as the
     * tun device the extension creates while it runs.
     */
    private List<SimResource> linkStatuses() {
        List<SimResource> out = new ArrayList<>();
        List<String> links = linkNames();
        for (int i = 0; i < links.size(); i++) {
            String link = links.get(i);
            boolean loopback = link.equals(LOOPBACK);
            boolean tun = link.equals(dev.talosrehearsal.inventory.Inventory.Node.TAILSCALE_LINK);
            String mac = loopback ? "00:00:00:00:00:00" : tun ? "" : mac(link);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("index", i + 1);
            spec.put("type", loopback ? "loopback" : tun ? "nohdr" : "ether");
            spec.put("linkIndex", 0);
            spec.put("flags", loopback ? "UP,LOOPBACK,RUNNING,LOWER_UP" : tun ? "UP,POINTOPOINT,RUNNING,NOARP,MULTICAST,LOWER_UP"
                    : "UP,BROADCAST,RUNNING,MULTICAST,LOWER_UP");
            spec.put("hardwareAddr", mac);
            spec.put("permanentAddr", mac);
            spec.put("broadcastAddr", loopback ? mac : tun ? "" : "ff:ff:ff:ff:ff:ff");
            spec.put("mtu", loopback ? 65536 : tun ? 1280 : 1500);
            spec.put("queueDisc", loopback ? "noqueue" : tun ? "fq_codel" : "fq_codel");
            spec.put("operationalState", loopback || tun ? "unknown" : "up");
            spec.put("kind", tun ? "tun" : "");
            spec.put("slaveKind", "");
            spec.put("linkState", !loopback && !tun);
            spec.put("port", loopback || tun ? "Other" : "TwistedPair");
            spec.put("duplex", loopback || tun ? "Unknown" : "Full");
            out.add(new SimResource("network", "LinkStatuses.net.talos.dev", link, spec));
        }
        return out;
    }

    /**
     * The kernel's connected route for each address's subnet in the main table (protocol kernel, scope link), ID as
     * talos pkg/machinery/resources/network/network.go RouteID builds it: {@code inet4//192.168.20.0/24/0},
     * IPv6 routes prefixed by their link, metric 256. No route for a single address (/32, /128).
     */
    private List<SimResource> routeStatuses() {
        List<String> links = linkNames();
        List<SimResource> out = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (NodeAddress a : node.addresses()) {
            IPAddress bare = a.bare();
            int bits = a.address().getNetworkPrefixLength() == null ? bare.getBitCount() : a.address().getNetworkPrefixLength();
            if (bits == bare.getBitCount()) {
                continue;
            }
            String family = bare.isIPv4() ? "inet4" : "inet6";
            String dst = a.address().toPrefixBlock().toCanonicalString();
            int priority = bare.isIPv4() ? 0 : 256;
            String id = (bare.isIPv6() ? a.link() + "/" : "") + family + "//" + dst + "/" + priority;
            if (!seen.add(id)) {
                continue;
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("family", family);
            spec.put("dst", dst);
            spec.put("src", bare.isIPv4() ? bare.toCanonicalString() : "");
            spec.put("gateway", "");
            spec.put("outLinkIndex", links.indexOf(a.link()) + 1);
            spec.put("outLinkName", a.link());
            spec.put("table", "main");
            spec.put("priority", priority);
            spec.put("scope", "link");
            spec.put("type", "unicast");
            spec.put("flags", "");
            spec.put("protocol", "kernel");
            out.add(new SimResource("network", "RouteStatuses.net.talos.dev", id, spec));
        }
        return out;
    }

    /**
     * What cluster discovery publishes about every node (talos internal/app/machined/pkg/controllers/cluster/
     * local_affiliate.go and member.go): ID the node's name, its routed addresses, "Talos (vX.Y.Z)", and the API
     * server port on control planes (its LocalPort: {@link ApiServerPort}). Only with {@code cluster.discovery.enabled}; a node that is down keeps its
     * entry, as the discovery service keeps an affiliate until it expires.
     */
    private List<SimResource> members() {
        if (!node.activeConfig().at("/cluster/discovery/enabled").asBoolean(false)) {
            return List.of();
        }
        List<SimResource> out = new ArrayList<>();
        for (SimulatedNode member : cluster) {
            MachineConfig config = member.activeConfig();
            List<String> addresses = AddressSelection.routed(member.inventory().linkAddresses(member.tailscaleRunning()),
                    AddressConfigs.of(config)).stream().map(NodeAddress::ip).toList();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("nodeId", nodeId(member.hostname()));
            spec.put("addresses", addresses);
            spec.put("hostname", member.hostname());
            spec.put("machineType", member.controlPlane() ? "controlplane" : "worker");
            spec.put("operatingSystem", "Talos (" + member.talosVersion().tag() + ")");
            if (member.controlPlane()) {
                spec.put("controlPlane", map("port", ApiServerPort.of(config)));
            }
            out.add(new SimResource("cluster", "Members.cluster.talos.dev", member.hostname(), spec));
        }
        return out;
    }

    /**
     * The local etcd member's ID, on a control plane whose etcd runs healthy only (talos
     * internal/app/machined/pkg/controllers/etcd/member.go destroys it otherwise), as 16 hex digits
     * (pkg/machinery/resources/etcd/etcd.go, FormatMemberID).
     */
    private List<SimResource> etcdMember() {
        Optional<ServiceInfo> etcd = node.service("etcd");
        if (!node.controlPlane() || etcd.isEmpty() || !"Running".equals(etcd.get().state()) || !etcd.get().healthy()) {
            return List.of();
        }
        return node.etcdMembers(true).stream().filter(m -> m.hostname().equals(node.hostname())).findFirst()
                .map(SimulatedEtcd.EtcdMember::id)
                .map(id -> List.of(new SimResource("etcd", "EtcdMembers.etcd.talos.dev", "local", map("memberID", String.format("%016x", id)))))
                .orElse(List.of());
    }

    /**
     * The running config ({@code v1alpha1}) and the one the node boots ({@code persistent}), the spec being the
     * config's text, marked with the annotation newer Talos sets (talos pkg/machinery/resources/config/machine_config.go).
     */
    private List<SimResource> machineConfigs() {
        Map<String, String> marked = Map.of("talos.dev/yaml-spec", "1");
        List<SimResource> out = new ArrayList<>();
        out.add(new SimResource("config", "MachineConfigs.config.talos.dev", "v1alpha1", node.activeConfig().toYaml(), marked));
        if (node.persistedConfig() != null) {
            out.add(new SimResource("config", "MachineConfigs.config.talos.dev", "persistent", node.persistedConfig().toYaml(), marked));
        }
        return out;
    }

    /** lo first, then the inventory's links in file order, then tailscale0 while it exists: link indexes follow. */
    private List<String> linkNames() {
        List<String> names = new ArrayList<>();
        names.add(LOOPBACK);
        node.inventory().interfaces().keySet().forEach(names::add);
        if (node.tailscaleRunning()) {
            names.add(dev.talosrehearsal.inventory.Inventory.Node.TAILSCALE_LINK);
        }
        return names;
    }

    private List<NodeAddress> withLoopback() {
        List<NodeAddress> out = new ArrayList<>();
        out.add(new NodeAddress(LOOPBACK, new IPAddressString("127.0.0.1/8").getAddress()));
        out.add(new NodeAddress(LOOPBACK, new IPAddressString("::1/128").getAddress()));
        out.addAll(node.addresses());
        return out;
    }

    static String prefix(NodeAddress a) {
        Integer bits = a.address().getNetworkPrefixLength();
        return a.bare().toCanonicalString() + "/" + (bits == null ? a.bare().getBitCount() : bits);
    }

    /** A stable locally administered MAC per node and link (the model has no hardware). */
    private String mac(String link) {
        int h = (node.hostname() + "/" + link).hashCode();
        return String.format("52:54:00:%02x:%02x:%02x", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
    }

    /** A stable stand-in for the random node identity Talos generates at install (base62, 43 characters there). */
    private static String nodeId(String hostname) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder();
        long h = hostname.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 43; i++) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            out.append(alphabet.charAt((int) Math.floorMod(h >>> 33, 62L)));
        }
        return out.toString();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
