package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.talosrehearsal.common.JsonLists;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code machine.network.interfaces}: how each device is named, addressed and routed, VLANs, WireGuard
 * keys and peers, bond/bridge membership, and VIPs only on control planes.
 *
 * <p>Source: pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go, {@code Config.Validate} (worker
 * VIPs, bond/bridge membership), {@code CheckDeviceInterface}, {@code checkVlans}, {@code checkWireguard},
 * {@code CheckDeviceAddressing}, {@code CheckDeviceRoutes} (v1.8.4, v1.12.0, v1.13.0; v1.8 words the
 * membership conflict per bond/bridge, v1.12 as "two separate links"). Not checked: the bond option names
 * ({@code nethelpers.*ByName}) and the option combinations per bond mode.
 *
 * <p>WireGuard keys are secrets: messages name the field, never the key (Talos's own message quotes it).
 */
final class NetworkDeviceCheck implements Check {
    private static final String BASE = "/machine/network/interfaces";

    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        JsonNode devices = s.at(BASE);
        if (!devices.isArray()) {
            return;
        }
        Map<String, String> secondary = new HashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            membership(doc, devices.get(i), BASE + "/" + i, secondary, out);
        }
        for (int i = 0; i < devices.size(); i++) {
            JsonNode d = devices.get(i);
            String at = BASE + "/" + i;
            if (!s.controlPlane()) {
                if (d.has("vip") && !d.get("vip").isNull()) {
                    out.error(doc, at + "/vip", "virtual (shared) IP is not allowed on non-controlplane nodes");
                }
                JsonNode vlans = d.path("vlans");
                for (int v = 0; v < vlans.size() && vlans.isArray(); v++) {
                    if (vlans.get(v).has("vip") && !vlans.get(v).get("vip").isNull()) {
                        out.error(doc, at + "/vlans/" + v + "/vip", "virtual (shared) IP is not allowed on non-controlplane nodes");
                    }
                }
            }
            if (Subject.isSet(d.get("ignore"))) {
                continue; // ValidateNetworkDevices skips ignored devices
            }
            naming(doc, d, at, out);
            vlans(doc, d, at, out);
            wireguard(doc, d, at, out);
            addressing(doc, d, at, secondary, out);
            routes(doc, d, at, out);
        }
    }

    private static String name(JsonNode d) {
        return d.path("interface").asText("");
    }

    private static void membership(int doc, JsonNode d, String at, Map<String, String> secondary, Findings out) {
        boolean bond = d.has("bond") && !d.get("bond").isNull();
        boolean bridge = d.has("bridge") && !d.get("bridge").isNull();
        if (bond && bridge) {
            out.error(doc, at, "interface has both bridge and bond sections set \"" + name(d) + "\": config sections are mutually exclusive");
        }
        JsonNode members = MissingNode.getInstance();
        if (bond) {
            members = d.get("bond").path("interfaces");
            if (Subject.isSet(members) && Subject.isSet(d.get("bond").get("deviceSelectors"))) {
                out.error(doc, at + "/bond", "interface \"" + name(d) + "\" has both interfaces and selectors set: config sections are mutually exclusive");
            }
        }
        if (bridge) {
            members = d.get("bridge").path("interfaces");
        }
        for (String member : JsonLists.texts(members)) {
            String other = secondary.get(member);
            if (other != null && !other.equals(name(d))) {
                out.error(doc, at, "interface \"" + member + "\" is declared as part of two separate links: \"" + other + "\" and \"" + name(d) + "\"");
            }
            secondary.put(member, name(d));
        }
    }

    private static void naming(int doc, JsonNode d, String at, Findings out) {
        boolean iface = Subject.isSet(d.get("interface"));
        boolean selector = d.has("deviceSelector") && !d.get("deviceSelector").isNull();
        if (!iface && !selector) {
            out.error(doc, at, "[networking.os.device.interface], [networking.os.device.deviceSelector]: required either config section to be set");
        } else if (iface && selector) {
            out.error(doc, at, "[networking.os.device.interface], [networking.os.device.deviceSelector]: config sections are mutually exclusive");
        }
        if (selector && !Subject.isSet(d.get("deviceSelector"))) {
            out.error(doc, at + "/deviceSelector", "[networking.os.device.deviceSelector]: config section should contain at least one field");
        }
    }

    private static void vlans(int doc, JsonNode d, String at, Findings out) {
        JsonNode vlans = d.path("vlans");
        for (int v = 0; v < vlans.size() && vlans.isArray(); v++) {
            JsonNode vlan = vlans.get(v);
            String where = name(d) + "." + vlan.path("vlanId").asText("0");
            String vat = at + "/vlans/" + v;
            if (Subject.isSet(vlan.get("addresses")) && Subject.isSet(vlan.get("cidr"))) {
                out.error(doc, vat, "[networking.os.device.vlan] " + where + ": vlan can't have both .cidr and .addresses set");
            }
            if (Subject.isSet(vlan.get("cidr")) && !GoNet.isIPOrCIDR(vlan.get("cidr").asText())) {
                out.error(doc, vat + "/cidr", "[networking.os.device.vlan.CIDR] " + where + ": " + ipOrCidrError(vlan.get("cidr").asText()));
            }
            JsonNode addresses = vlan.path("addresses");
            for (int a = 0; a < addresses.size() && addresses.isArray(); a++) {
                if (!GoNet.isIPOrCIDR(addresses.get(a).asText())) {
                    out.error(doc, vat + "/addresses/" + a, "[networking.os.device.vlan.addresses] " + where + ": "
                            + ipOrCidrError(addresses.get(a).asText()));
                }
            }
        }
    }

    private static void wireguard(int doc, JsonNode d, String at, Findings out) {
        JsonNode wg = d.path("wireguard");
        if (!wg.isObject()) {
            return;
        }
        if (!WireguardKey.isValid(wg.path("privateKey").asText(""))) {
            out.error(doc, at + "/wireguard/privateKey", "private key is invalid (not 32 bytes of base64)");
        }
        JsonNode peers = wg.path("peers");
        for (int p = 0; p < peers.size() && peers.isArray(); p++) {
            JsonNode peer = peers.get(p);
            String pat = at + "/wireguard/peers/" + p;
            if (!WireguardKey.isValid(peer.path("publicKey").asText(""))) {
                out.error(doc, pat + "/publicKey", "public key invalid (not 32 bytes of base64)");
            }
            String endpoint = peer.path("endpoint").asText("");
            if (!endpoint.isEmpty() && !hasPort(endpoint)) {
                out.error(doc, pat + "/endpoint", "peer endpoint \"" + endpoint + "\" is invalid");
            }
            JsonNode allowed = peer.path("allowedIPs");
            for (int a = 0; a < allowed.size() && allowed.isArray(); a++) {
                if (!GoNet.isPrefix(allowed.get(a).asText())) {
                    out.error(doc, pat + "/allowedIPs/" + a, "peer allowed IP \"" + allowed.get(a).asText()
                            + "\" is invalid: invalid CIDR address: " + allowed.get(a).asText());
                }
            }
        }
    }


    /** siderolabs/net {@code AddressContainsPort}: host:port, an IPv6 host in brackets. */
    private static boolean hasPort(String address) {
        String host;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                return false;
            }
            host = address.substring(1, close);
            return address.substring(close + 2).indexOf(':') < 0 && (host.indexOf(':') < 0 || GoNet.isAddr(host));
        }
        int colon = address.lastIndexOf(':');
        return colon >= 0 && address.indexOf(':') == colon; // net.SplitHostPort: too many colons without brackets
    }

    private static void addressing(int doc, JsonNode d, String at, Map<String, String> secondary, Findings out) {
        String name = name(d);
        if (secondary.containsKey(name)) {
            if (Subject.isSet(d.get("dhcp")) || Subject.isSet(d.get("cidr")) || Subject.isSet(d.get("addresses"))
                    || (d.has("vip") && !d.get("vip").isNull())) {
                out.error(doc, at, "[networking.os.device] \"" + name + "\": bonded/bridged interface shouldn't have any addressing methods configured");
            }
        }
        if (Subject.isSet(d.get("addresses")) && Subject.isSet(d.get("cidr"))) {
            out.error(doc, at, "[networking.os.device] \"" + name + "\": interface can't have both .cidr and .addresses set");
        }
        if (Subject.isSet(d.get("cidr"))) {
            String cidr = d.get("cidr").asText();
            if (!GoNet.isIPOrCIDR(cidr)) {
                out.error(doc, at + "/cidr", "[networking.os.device.CIDR] \"" + name + "\": " + ipOrCidrError(cidr));
            }
            out.warning(doc, at + "/cidr", "\"" + name + "\": machine.network.interface.cidr is deprecated, please use machine.network.interface.addresses");
        }
        JsonNode addresses = d.path("addresses");
        for (int a = 0; a < addresses.size() && addresses.isArray(); a++) {
            if (!GoNet.isIPOrCIDR(addresses.get(a).asText())) {
                out.error(doc, at + "/addresses/" + a, "[networking.os.device.addresses] \"" + name + "\": "
                        + ipOrCidrError(addresses.get(a).asText()));
            }
        }
        if (d.has("vip") && !d.get("vip").isNull()) {
            String ip = d.get("vip").path("ip").asText("");
            if (!GoNet.isIP(ip)) {
                out.error(doc, at + "/vip/ip", "[networking.os.device.vip] failed to parse \"" + ip + "\" as IP address");
            }
        }
    }

    private static void routes(int doc, JsonNode d, String at, Findings out) {
        JsonNode routes = d.path("routes");
        for (int r = 0; r < routes.size() && routes.isArray(); r++) {
            JsonNode route = routes.get(r);
            String rat = at + "/routes/" + r;
            String label = "networking.os.device.route[" + r + "]";
            String network = route.path("network").asText("");
            String gateway = route.path("gateway").asText("");
            String source = route.path("source").asText("");
            if (!network.isEmpty() && !GoNet.isPrefix(network)) {
                out.error(doc, rat + "/network", "[" + label + ".network] \"" + network + "\": invalid network address");
            }
            if (!gateway.isEmpty() && !GoNet.isIP(gateway)) {
                out.error(doc, rat + "/gateway", "[" + label + ".gateway] \"" + gateway + "\": invalid network address");
            }
            if (gateway.isEmpty() && network.isEmpty()) {
                out.error(doc, rat, "[" + label + "]: either network or gateway should be set");
            }
            if (!source.isEmpty() && !GoNet.isIP(source)) {
                out.error(doc, rat + "/source", "[" + label + ".source] \"" + source + "\": invalid network address");
            }
        }
    }

    /** Go's wording: net.ParseCIDR's ParseError, or Talos's own for a bare address. */
    static String ipOrCidrError(String value) {
        return value.indexOf('/') >= 0 ? "invalid CIDR address: " + value : "failed to parse IP address \"" + value + "\"";
    }
}
