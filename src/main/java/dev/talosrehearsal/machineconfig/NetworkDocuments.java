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
 * its device selectors become LinkAliasConfig documents named {@code <bond>-m<i>} before it. Only the interface
 * shapes listed in {@link #DEVICE_KEYS} are rendered; a bridge, WireGuard tunnel or an interface's own device
 * selector is refused naming the field — talhelper writes BridgeConfig, WireguardConfig and LinkAliasConfig
 * documents for them, which this project does not write yet.
 */
final class NetworkDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> DEVICE_KEYS = Set.of("interface", "addresses", "routes", "mtu", "dhcp", "dhcpOptions", "vip", "vlans",
            "bond");
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

    static List<ObjectNode> of(TalConfig.Node node, String file, int line) {
        JsonNode devices = node.networkInterfaces();
        if (devices == null || devices.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < devices.size(); i++) {
            refuseUnrendered(devices.get(i), DEVICE_KEYS, "networkInterfaces[" + i + "]", node, file, line);
            JsonNode bond = devices.get(i).path("bond");
            for (Iterator<String> it = bond.fieldNames(); it.hasNext(); ) {
                String key = it.next();
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
        List<ObjectNode> memberAliases = new ArrayList<>();
        List<ObjectNode> bonds = new ArrayList<>();
        List<ObjectNode> dhcp = new ArrayList<>();
        List<ObjectNode> vips = new ArrayList<>();
        List<ObjectNode> links = new ArrayList<>();
        List<ObjectNode> vlans = new ArrayList<>();
        for (JsonNode device : devices) {
            String name = device.path("interface").asText();
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
        List<ObjectNode> out = new ArrayList<>(memberAliases);
        out.addAll(bonds);
        out.addAll(dhcp);
        out.addAll(vips);
        out.addAll(links);
        out.addAll(vlans);
        return out;
    }

    private static void refuseUnrendered(JsonNode device, Set<String> rendered, String where, TalConfig.Node node, String file, int line) {
        for (Iterator<String> it = device.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!rendered.contains(key)) {
                throw new InputException(file, line, "node " + node.hostname() + ": " + where + "." + key + ": from Talos v1.12"
                        + " talhelper writes this interface as its own network documents (BridgeConfig, WireguardConfig,"
                        + " LinkAliasConfig, …), which talos-rehearsal does not write yet");
            }
        }
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
