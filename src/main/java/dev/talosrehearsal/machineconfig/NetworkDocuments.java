package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talconfig.TalConfig;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's {@code networkInterfaces} as the network documents talhelper v3.1.16 writes from Talos v1.12 on
 * (pkg/talos/networkconfig.go and the order of pkg/talos/multidocs.go): every DHCPv4Config/DHCPv6Config, then
 * every Layer2VIPConfig, then a LinkConfig per interface with addresses, routes or an MTU, then per VLAN a
 * VLANConfig ({@code <link>.<id>}) followed by its DHCP and VIP documents. Before v1.12 the list goes to
 * {@code machine.network.interfaces} as written.
 *
 * <p>A bond becomes a BondConfig (before the DHCP documents) carrying the link settings instead of a LinkConfig;
 * its device selectors become LinkAliasConfig documents named {@code <bond>-m<i>} before it. WireguardConfig and
 * BridgeConfig documents come last; an interface found by a device selector gets a LinkAliasConfig first of all.
 * Only the interface fields listed in {@link #DEVICE_KEYS} are rendered; any other is refused naming it.
 */
final class NetworkDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> DEVICE_KEYS = Set.of("interface", "addresses", "routes", "mtu", "dhcp", "dhcpOptions", "vip", "vlans",
            "bond", "wireguard", "bridge", "deviceSelector");
    /**
     * v1alpha1's bond fields and the BondConfig field talhelper copies each into (GenerateBondConfig); enum values
     * keep their names (Talos's enums read and write the same strings as v1alpha1's).
     */
    private static final Map<String, String> BOND_FIELDS = orderedMap(
            "mode", "bondMode", "xmitHashPolicy", "xmitHashPolicy", "lacpRate", "lacpRate", "arpValidate", "arpValidate",
            "arpAllTargets", "arpAllTargets", "primaryReselect", "primaryReselect", "failOverMac", "failOverMac",
            "adSelect", "adSelect", "miimon", "miimon", "updelay", "updelay", "downdelay", "downdelay",
            "arpInterval", "arpInterval", "resendIgmp", "resendIGMP", "minLinks", "minLinks", "lpInterval", "lpInterval",
            "packetsPerSlave", "packetsPerSlave", "numPeerNotif", "numPeerNotif", "tlbDynamicLb", "tlbLogicalLb",
            "allSlavesActive", "allSlavesActive", "useCarrier", "useCarrier", "adActorSysPrio", "adActorSysPrio",
            "adUserPortKey", "adUserPortKey", "peerNotifyDelay", "peerNotifDelay");
    static final Set<String> VLAN_KEYS = Set.of("vlanId", "addresses", "routes", "mtu", "dhcp", "dhcpOptions", "vip");

    private NetworkDocuments() {}

    /** @param warnings gets what talhelper drops without a word (bond {@code primary}), as {@code file:line: ...} */
    static List<ObjectNode> of(TalConfig.Node node, String file, int line, List<String> warnings) {
        JsonNode devices = node.networkInterfaces();
        if (devices == null || devices.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < devices.size(); i++) {
            refuseUnrendered(devices.get(i), DEVICE_KEYS, "networkInterfaces[" + i + "]", node, file, line);
            refuseShape(devices.get(i), node, file, line, i);
            JsonNode bond = devices.get(i).path("bond");
            for (Iterator<String> it = bond.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.equals("primary")) {
                    // talhelper's GenerateBondConfig (pkg/talos/networkconfig.go) does not copy it, and BondConfig has no
                    // such field: the bond Talos runs has no primary, whatever talconfig says
                    warnings.add(file + ":" + line + ": node " + node.hostname() + ": networkInterfaces[" + i + "].bond.primary: from"
                            + " Talos v1.12 talhelper drops it (BondConfig has no primary), so the bond runs without one");
                    continue;
                }
                if (!key.equals("interfaces") && !key.equals("arpIPTarget") && !key.equals("deviceSelectors")
                        && !BOND_FIELDS.containsKey(key)) {
                    throw new InputException(file, line, "node " + node.hostname() + ": networkInterfaces[" + i + "].bond." + key
                            + ": from Talos v1.12 talhelper's BondConfig has no such field");
                }
            }
            JsonNode vlans = devices.get(i).path("vlans");
            for (int j = 0; j < vlans.size(); j++) {
                refuseUnrendered(vlans.get(j), VLAN_KEYS, "networkInterfaces[" + i + "].vlans[" + j + "]", node, file, line);
            }
        }
        List<String> names = linkNames(devices);
        List<ObjectNode> aliases = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            JsonNode selector = devices.get(i).get("deviceSelector");
            String match = selector == null ? "" : LinkSelectors.celExpression(selector);
            if (!match.isEmpty()) {
                ObjectNode alias = document("LinkAliasConfig", names.get(i));
                alias.putObject("selector").put("match", match);
                aliases.add(alias);
            }
        }
        List<ObjectNode> memberAliases = new ArrayList<>();
        List<ObjectNode> bonds = new ArrayList<>();
        List<ObjectNode> dhcp = new ArrayList<>();
        List<ObjectNode> vips = new ArrayList<>();
        List<ObjectNode> links = new ArrayList<>();
        List<ObjectNode> vlans = new ArrayList<>();
        List<ObjectNode> tunnels = new ArrayList<>();
        List<ObjectNode> bridges = new ArrayList<>();
        for (int d = 0; d < devices.size(); d++) {
            JsonNode device = devices.get(d);
            String name = names.get(d);
            if (device.path("dhcp").asBoolean(false)) {
                dhcp.addAll(dhcpDocuments(name, device.path("dhcpOptions")));
            }
            String vip = device.path("vip").path("ip").asText("");
            if (!vip.isEmpty()) {
                vips.add(vip(vip, name));
            }
            if (device.has("bond")) {
                JsonNode selectors = device.get("bond").path("deviceSelectors");
                for (int m = 0; m < selectors.size(); m++) {
                    String match = LinkSelectors.celExpression(selectors.get(m));
                    if (!match.isEmpty()) {
                        ObjectNode alias = document("LinkAliasConfig", name + "-m" + m);
                        alias.putObject("selector").put("match", match);
                        memberAliases.add(alias);
                    }
                }
                bonds.add(withLinkSettings(bond(name, device.get("bond")), device));
            } else if (device.has("wireguard")) {
                tunnels.add(withLinkSettings(wireguard(name, device.get("wireguard")), device));
            } else if (device.has("bridge")) {
                bridges.add(withLinkSettings(bridge(name, device.get("bridge")), device));
            } else if (hasLinkSettings(device)) {
                links.add(withLinkSettings(document("LinkConfig", name), device));
            }
            for (JsonNode vlan : device.path("vlans")) {
                int id = vlan.path("vlanId").asInt(0);
                if (id <= 0) {
                    continue; // talhelper writes nothing for a VLAN without an ID
                }
                String vlanName = name + "." + id;
                ObjectNode doc = document("VLANConfig", vlanName);
                doc.put("vlanID", id);
                doc.put("parent", name);
                vlans.add(withLinkSettings(doc, vlan));
                if (vlan.path("dhcp").asBoolean(false)) {
                    vlans.addAll(dhcpDocuments(vlanName, vlan.path("dhcpOptions")));
                }
                String vlanVip = vlan.path("vip").path("ip").asText("");
                if (!vlanVip.isEmpty()) {
                    vlans.add(vip(vlanVip, vlanName));
                }
            }
        }
        List<ObjectNode> out = new ArrayList<>(aliases);
        out.addAll(memberAliases);
        out.addAll(bonds);
        out.addAll(dhcp);
        out.addAll(vips);
        out.addAll(links);
        out.addAll(vlans);
        out.addAll(tunnels);
        out.addAll(bridges);
        return out;
    }

    /**
     * The selectors' shapes, which Talos's YAML decoder would refuse otherwise (a {@code NetworkDeviceSelector} is a map,
     * {@code bond.deviceSelectors} a list of them), before they become LinkAliasConfig expressions.
     */
    private static void refuseShape(JsonNode device, TalConfig.Node node, String file, int line, int i) {
        JsonNode selector = device.get("deviceSelector");
        if (selector != null && !selector.isObject()) {
            throw new InputException(file, line, "node " + node.hostname() + ": networkInterfaces[" + i + "].deviceSelector: expected a map"
                    + " of selector fields (hardwareAddr, permanentAddr, busPath, driver, pciID, physical), found " + TalosFields.shown(selector));
        }
        JsonNode selectors = device.path("bond").get("deviceSelectors");
        if (selectors != null && !(selectors.isArray() && java.util.stream.StreamSupport.stream(selectors.spliterator(), false)
                .allMatch(JsonNode::isObject))) {
            throw new InputException(file, line, "node " + node.hostname() + ": networkInterfaces[" + i + "].bond.deviceSelectors: expected"
                    + " a list of selectors (- permanentAddr: ...), found " + (selectors.isArray() ? "a list with an item that is not a map"
                    : TalosFields.shown(selectors)));
        }
    }

    private static void refuseUnrendered(JsonNode device, Set<String> rendered, String where, TalConfig.Node node, String file, int line) {
        for (Iterator<String> it = device.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!rendered.contains(key)) {
                throw new InputException(file, line, "node " + node.hostname() + ": " + where + "." + key + ": from Talos v1.12"
                        + " talhelper writes network documents, and talos-rehearsal does not render this field yet");
            }
        }
    }

    /**
     * Each interface's link name: its {@code interface}, or for one found by a device selector without a name the
     * next free {@code bondN}, {@code brN}, {@code wgN} or {@code ethSelN} (talhelper's GenerateLinkAliasConfigBytes).
     */
    private static List<String> linkNames(JsonNode devices) {
        Set<String> used = new java.util.HashSet<>();
        devices.forEach(d -> {
            if (!d.path("interface").asText("").isEmpty()) {
                used.add(d.path("interface").asText());
            }
        });
        Map<String, Integer> next = new java.util.HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode device : devices) {
            String name = device.path("interface").asText("");
            if (name.isEmpty() && device.has("deviceSelector")) {
                String prefix = device.has("bond") ? "bond" : device.has("bridge") ? "br" : device.has("wireguard") ? "wg" : "ethSel";
                do {
                    int n = next.merge(prefix, 1, Integer::sum) - 1;
                    name = prefix + n;
                } while (used.contains(name));
                used.add(name);
            }
            names.add(name);
        }
        return names;
    }

    private static ObjectNode bond(String name, JsonNode bond) {
        ObjectNode doc = document("BondConfig", name);
        // the named members, then one alias per device selector (LinkAliasConfig <bond>-m<i>), as talhelper lists them
        if (bond.path("interfaces").size() > 0 || bond.path("deviceSelectors").size() > 0) {
            ArrayNode links = doc.putArray("links");
            bond.path("interfaces").forEach(link -> links.add(link.asText()));
            for (int m = 0; m < bond.path("deviceSelectors").size(); m++) {
                links.add(name + "-m" + m);
            }
        }
        BOND_FIELDS.forEach((from, to) -> {
            JsonNode value = bond.get(from);
            if (value != null && !value.isNull() && !(value.isNumber() && value.asLong() == 0) && !value.asText().isEmpty()) {
                doc.set(to, value.deepCopy());
            }
        });
        if (bond.path("arpIPTarget").size() > 0) {
            doc.set("arpIpTargets", bond.get("arpIPTarget").deepCopy());
        }
        return doc;
    }

    /**
     * talhelper's GenerateWireguardConfig: key, port, mark and peers; a peer endpoint that is not an address:port and
     * an allowed IP that is not a prefix are left out, as talhelper leaves them out (netip parsing).
     */
    private static ObjectNode wireguard(String name, JsonNode wg) {
        ObjectNode doc = document("WireguardConfig", name);
        putText(doc, "privateKey", wg.path("privateKey"));
        if (wg.path("listenPort").asInt(0) > 0) {
            doc.put("listenPort", wg.path("listenPort").asInt());
        }
        if (wg.path("firewallMark").asInt(0) > 0) {
            doc.put("firewallMark", wg.path("firewallMark").asInt());
        }
        if (wg.path("peers").size() > 0) {
            ArrayNode peers = doc.putArray("peers");
            for (JsonNode peer : wg.path("peers")) {
                ObjectNode out = peers.addObject();
                putText(out, "publicKey", peer.path("publicKey"));
                String endpoint = peer.path("endpoint").asText("");
                if (isAddressAndPort(endpoint)) {
                    out.put("endpoint", endpoint);
                }
                putText(out, "persistentKeepaliveInterval", peer.path("persistentKeepaliveInterval"));
                ArrayNode allowed = NODES.arrayNode();
                peer.path("allowedIPs").forEach(ip -> {
                    if (ip.asText().contains("/") && new IPAddressString(ip.asText()).isPrefixed()) {
                        allowed.add(ip.asText());
                    }
                });
                if (!allowed.isEmpty()) {
                    out.set("allowedIPs", allowed);
                }
            }
        }
        return doc;
    }

    private static boolean isAddressAndPort(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String host = endpoint.substring(0, colon);
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new IPAddressString(host).isIPAddress() && endpoint.substring(colon + 1).matches("\\d{1,5}");
    }

    /** talhelper's GenerateBridgeConfig: the bridged links, STP's switch, VLAN filtering. */
    private static ObjectNode bridge(String name, JsonNode bridge) {
        ObjectNode doc = document("BridgeConfig", name);
        if (bridge.path("interfaces").size() > 0) {
            doc.set("links", bridge.get("interfaces").deepCopy());
        }
        JsonNode stp = bridge.path("stp").path("enabled");
        if (stp.isBoolean()) {
            doc.putObject("stp").put("enabled", stp.booleanValue());
        }
        if (bridge.path("vlan").path("vlanFiltering").asBoolean(false)) {
            doc.putObject("vlan").put("filtering", true);
        }
        return doc;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static boolean hasLinkSettings(JsonNode device) {
        return device.path("addresses").size() > 0 || device.path("routes").size() > 0 || device.path("mtu").asInt(0) > 0;
    }

    /** Addresses (a bare address as a /32 or /128), routes and MTU, as talhelper's addCommonLinkConfig sets them. */
    private static ObjectNode withLinkSettings(ObjectNode doc, JsonNode link) {
        if (link.path("mtu").asInt(0) > 0) {
            doc.put("mtu", link.path("mtu").asInt());
        }
        if (link.path("addresses").size() > 0) {
            ArrayNode addresses = doc.putArray("addresses");
            for (JsonNode address : link.path("addresses")) {
                addresses.addObject().put("address", prefix(address.asText()));
            }
        }
        if (link.path("routes").size() > 0) {
            ArrayNode routes = doc.putArray("routes");
            for (JsonNode route : link.path("routes")) {
                routes.add(route(route));
            }
        }
        return doc;
    }

    /** talhelper's buildRouteConfig: a default route has no destination (Talos infers the family from the gateway). */
    private static ObjectNode route(JsonNode route) {
        ObjectNode out = NODES.objectNode();
        String network = route.path("network").asText("");
        if (!network.isEmpty() && !network.equals("0.0.0.0/0") && !network.equals("::/0")) {
            out.put("destination", network);
        }
        putText(out, "gateway", route.path("gateway"));
        putText(out, "source", route.path("source"));
        if (route.path("metric").asLong(0) > 0) {
            out.put("metric", route.path("metric").asLong());
        }
        if (route.path("mtu").asLong(0) > 0) {
            out.put("mtu", route.path("mtu").asLong());
        }
        return out;
    }

    /** v1alpha1's DHCPOptions: IPv4 unless {@code ipv4: false}, IPv6 only with {@code ipv6: true}; a route metric above 0. */
    private static List<ObjectNode> dhcpDocuments(String link, JsonNode options) {
        List<ObjectNode> out = new ArrayList<>();
        long metric = options.path("routeMetric").asLong(0);
        if (options.path("ipv4").asBoolean(true)) {
            out.add(withMetric(document("DHCPv4Config", link), metric));
        }
        if (options.path("ipv6").asBoolean(false)) {
            out.add(withMetric(document("DHCPv6Config", link), metric));
        }
        return out;
    }

    private static ObjectNode withMetric(ObjectNode doc, long metric) {
        if (metric > 0) {
            doc.put("routeMetric", metric);
        }
        return doc;
    }

    private static ObjectNode vip(String ip, String link) {
        return document("Layer2VIPConfig", ip).put("link", link);
    }

    private static ObjectNode document(String kind, String name) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "v1alpha1");
        doc.put("kind", kind);
        doc.put("name", name);
        return doc;
    }

    private static String prefix(String address) {
        if (address.contains("/")) {
            return address;
        }
        return address + (new IPAddressString(address).isIPv6() ? "/128" : "/32");
    }

    private static void putText(ObjectNode out, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            out.put(key, value.asText());
        }
    }
}
