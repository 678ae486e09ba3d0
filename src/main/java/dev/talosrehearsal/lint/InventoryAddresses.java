package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.YamlSource;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The machines' addresses from an {@code inventory.yaml}: hostname → the addresses on its links, and
 * tailscale0's address if it has one. Only what lint needs, read on its own (lint does not depend on
 * the simulator). The format:
 * <pre>
 * nodes:
 *   talos-master-0:
 *     interfaces:
 *       eth0: [192.168.20.10/24]     # address/prefix, one or more per link
 *     tailscale: 100.101.0.10        # optional, a bare address
 * </pre>
 * Problems are {@link InputException}s with file and line.
 */
public final class InventoryAddresses {
    private static final Set<String> TOP_KEYS = Set.of("nodes");
    private static final Set<String> NODE_KEYS = Set.of("interfaces", "tailscale");

    /** One machine: its link addresses (with prefix) and tailscale0's, if any. */
    public record Machine(String hostname, List<IPAddress> addresses, Optional<IPAddress> tailscale) {}

    private final String file;
    private final Map<String, Machine> machines;

    private InventoryAddresses(String file, Map<String, Machine> machines) {
        this.file = file;
        this.machines = machines;
    }

    public String file() {
        return file;
    }

    public Optional<Machine> machine(String hostname) {
        return Optional.ofNullable(machines.get(hostname));
    }

    public static InventoryAddresses read(Path path) {
        String name = path.toString();
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), name);
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "inventory not found");
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read inventory: " + e.getMessage());
        }
    }

    public static InventoryAddresses parse(String text, String file) {
        YamlSource.Document doc = YamlSource.parseOne(text, file);
        SourceMap lines = doc.sources();
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw new InputException(file, lines.lineOf(""), "an inventory is a map with a 'nodes' key");
        }
        unknownKeys(root, "", TOP_KEYS, lines, file);
        JsonNode nodes = root.path("nodes");
        if (!nodes.isObject() || nodes.isEmpty()) {
            throw new InputException(file, lines.lineOf("/nodes"), "'nodes' must map each hostname to its interfaces");
        }
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String host = e.getKey();
            String pointer = "/nodes/" + SourceMap.segment(host);
            JsonNode value = e.getValue();
            if (!value.isObject()) {
                throw new InputException(file, lines.lineOf(pointer), "nodes." + host + " must be a map with 'interfaces'");
            }
            unknownKeys(value, pointer, NODE_KEYS, lines, file);
            JsonNode interfaces = value.path("interfaces");
            if (!interfaces.isObject() || interfaces.isEmpty()) {
                throw new InputException(file, lines.lineOf(pointer + "/interfaces"),
                        "nodes." + host + ".interfaces is missing: list at least one interface with its addresses");
            }
            List<IPAddress> addresses = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> links = interfaces.fields(); links.hasNext(); ) {
                Map.Entry<String, JsonNode> link = links.next();
                String linkPointer = pointer + "/interfaces/" + SourceMap.segment(link.getKey());
                String field = "nodes." + host + ".interfaces." + link.getKey();
                if (!link.getValue().isArray() || link.getValue().isEmpty()) {
                    throw new InputException(file, lines.lineOf(linkPointer), field + " must be a list of address/prefix entries");
                }
                for (int i = 0; i < link.getValue().size(); i++) {
                    JsonNode a = link.getValue().get(i);
                    IPAddress address = a.isTextual() ? address(a.asText(), true) : null;
                    if (address == null) {
                        throw new InputException(file, lines.lineOf(linkPointer + "/" + i), field + ": '" + a.asText()
                                + "' is not an address with a prefix length (192.168.20.10/24)");
                    }
                    addresses.add(address);
                }
            }
            Optional<IPAddress> tailscale = Optional.empty();
            if (value.has("tailscale")) {
                JsonNode t = value.get("tailscale");
                IPAddress address = t.isTextual() ? address(t.asText(), false) : null;
                if (address == null) {
                    throw new InputException(file, lines.lineOf(pointer + "/tailscale"),
                            "nodes." + host + ".tailscale: '" + t.asText() + "' is not an IP address (100.101.0.10)");
                }
                tailscale = Optional.of(address);
            }
            machines.put(host, new Machine(host, List.copyOf(addresses), tailscale));
        }
        return new InventoryAddresses(file, machines);
    }

    /** address/prefix ({@code withPrefix}) or a bare address; null when it is not that. */
    private static IPAddress address(String text, boolean withPrefix) {
        String t = text.trim();
        if (withPrefix != t.contains("/")) {
            return null;
        }
        try {
            IPAddress a = new IPAddressString(t).toAddress();
            return a != null && (a.isIPv4() || a.isIPv6()) ? a : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static void unknownKeys(JsonNode map, String pointer, Set<String> known, SourceMap lines, String file) {
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new InputException(file, lines.lineOf(pointer + "/" + SourceMap.segment(key)),
                        "unknown key '" + key + "' in the inventory; known here: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }
}
