package dev.talosrehearsal.rehearsal;

import java.util.stream.Stream;
import java.util.Map;
import java.util.IdentityHashMap;
import java.util.HashSet;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.AddressConfigs;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.AddressSelection;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.network.Selection;
import dev.talosrehearsal.talconfig.TalConfig;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A first {@code inventory.yaml} for a cluster, from what its talconfig says about each machine: the addresses of
 * its {@code networkInterfaces} when they are static, else its {@code ipAddress}; a link named as the config names
 * it, else {@code eth0}; an address in the subnets the config pins its node IP or etcd's address to, when none of
 * those is in them; a tailscale0 address for nodes that run the tailscale extension. A machine config cannot
 * say everything (prefix lengths of {@code ipAddress}, DHCP leases, Tailscale's 100.x addresses, the extensions in its
 * image), so every guess is written with a comment saying what to check.
 */
final class InventoryDraft {
    static final String DEFAULT_LINK = "eth0";
    /** Tailscale hands out addresses from 100.64.0.0/10; the guess numbers nodes in file order inside it. */
    private static final String TAILSCALE_GUESS_PREFIX = "100.64.0.";

    private InventoryDraft() {}

    static String render(TalConfig talconfig, RenderedCluster rendered) {
        StringBuilder out = new StringBuilder();
        out.append("# Each machine's network links and the extension services its image defines, as the simulated cluster should\n")
                .append("# see them (a machine config cannot say: on real hardware they come from static setup, DHCP, the tailscale\n")
                .append("# extension and the image installed).\n")
                .append("# Drafted by `talos-rehearsal init` from ").append(talconfig.file()).append(";\n")
                .append("# check every line marked GUESS against the real machines (`talosctl get addresses -n NODE`).\n")
                .append("nodes:\n");
        for (int i = 0; i < talconfig.nodes().size(); i++) {
            TalConfig.Node node = talconfig.nodes().get(i);
            int index = i + 1;
            Optional<MachineConfig> config = rendered.node(node.hostname()).map(RenderedCluster.RenderedNode::config);
            Set<String> configured = config.map(c -> ExtensionServices.byName(c).keySet()).orElse(Set.of());
            Optional<IPAddress> tailscale = configured.contains(ExtensionServices.TAILSCALE)
                    ? Optional.of(new IPAddressString(TAILSCALE_GUESS_PREFIX + index).getAddress()) : Optional.empty();
            List<DraftLink> links = links(node);
            config.ifPresent(c -> guessInSubnets(links, tailscale, c, index));
            out.append("  ").append(node.hostname()).append(":\n").append("    interfaces:\n");
            links.forEach(link -> out.append("      ").append(link.line()).append('\n'));
            tailscale.ifPresent(t -> out.append("    tailscale: ").append(t.toCanonicalString())
                    .append("   # GUESS: this node's Tailscale address (`tailscale ip -4` on the node)\n"));
            // what the simulator takes the image to hold without this line too; written so that a migration configuring
            // another extension service finds where to say the image has it
            out.append("    extensionServices: [").append(String.join(", ", configured)).append("]")
                    .append("   # GUESS: the extension services its image defines (`talosctl services -n NODE` lists them as ext-NAME)\n");
        }
        return out.toString();
    }

    /** One link of the draft: its name, addresses with prefix lengths, and what to check (GUESS notes). */
    private record DraftLink(String name, List<String> addresses, List<String> notes) {
        String line() {
            return name + ": [" + String.join(", ", addresses) + "]" + (notes.isEmpty() ? "" : "   # GUESS: " + String.join("; ", notes));
        }
    }

    /**
     * When the node's config pins its node IP (validSubnets) or, on a control plane, etcd's address (advertisedSubnets) to
     * subnets that none of the drafted addresses is in — an IPv6 subnet from SLAAC beside an IPv4 {@code ipAddress}, a
     * VLAN the talconfig does not list — the simulated node would start with no node IP, NotReady, and every rehearsal
     * would stop in pre-flight. So the first link gets an address in the first such subnet, marked as a guess. Whether
     * Talos would pick an address is Talos's own rule ({@link AddressSelection}).
     */
    private static void guessInSubnets(List<DraftLink> links, Optional<IPAddress> tailscale, MachineConfig config, int index) {
        AddressConfig subnets = AddressConfigs.of(config);
        String type = config.at("/machine/type").asText();
        boolean controlPlane = type.equals("controlplane") || type.equals("init");
        for (boolean etcd : controlPlane ? new boolean[] {false, true} : new boolean[] {false}) {
            List<String> wanted = etcd ? subnets.advertisedSubnets() : subnets.validSubnets();
            List<NodeAddress> drafted = new ArrayList<>();
            links.forEach(l -> l.addresses().forEach(a -> drafted.add(new NodeAddress(l.name(), new IPAddressString(a).getAddress()))));
            tailscale.ifPresent(t -> drafted.add(new NodeAddress(Inventory.Node.TAILSCALE_LINK, t)));
            Selection picked = etcd ? AddressSelection.etcdAdvertised(drafted, subnets) : AddressSelection.kubeletNodeIps(drafted, subnets);
            Optional<String> include = wanted.stream().map(String::trim).filter(w -> !w.startsWith("!")).findFirst();
            if (!picked.isEmpty() || include.isEmpty()) {
                continue;
            }
            IPAddress block = new IPAddressString(include.get()).getAddress();
            if (block == null) {
                continue; // not a subnet Talos accepts: lint and the generator say so
            }
            String guess = hostIn(block.toPrefixBlock(), index);
            DraftLink first = links.get(0);
            first.addresses().add(guess);
            first.notes().add(guess + " stands for the address it has in " + (etcd ? "cluster.etcd.advertisedSubnets" : "machine.kubelet.nodeIP.validSubnets")
                    + " (" + include.get() + "), which talconfig does not say");
        }
    }

    /**
     * The {@code index}th host of {@code block} (1-based: node 1 gets {@code .1}, wrapping inside the block, never its
     * first address), with a prefix length for a link ({@code /64} at least for IPv6).
     */
    private static String hostIn(IPAddress block, int index) {
        java.math.BigInteger size = block.getCount();
        java.math.BigInteger offset = size.compareTo(java.math.BigInteger.TWO) <= 0 ? java.math.BigInteger.ZERO
                : java.math.BigInteger.valueOf(index - 1L).mod(size.subtract(java.math.BigInteger.TWO)).add(java.math.BigInteger.ONE);
        IPAddress host = block.getLower().increment(offset.longValueExact()).withoutPrefixLength();
        int prefix = block.getPrefixLength() == null ? host.getBitCount() : block.getPrefixLength();
        if (host.isIPv6() && prefix < 64) {
            prefix = 64;
        }
        return host.toCanonicalString() + "/" + prefix;
    }

    /**
     * The node's links: its {@code networkInterfaces} with static addresses, each under its own name — a link a device
     * selector chooses gets the first free {@code ethN}, since inventory names must be unique and the selector, not the
     * name, is what the config matches; and its {@code ipAddress}, which the applier reaches it at, on the first DHCP
     * link when no static address is it (a bond or NIC leasing the LAN address beside static point-to-point links);
     * without static addresses, its {@code ipAddress} on the first DHCP link the config names, else on {@code eth0}.
     */
    private static List<DraftLink> links(TalConfig.Node node) {
        List<DraftLink> links = new ArrayList<>();
        LinkNames names = new LinkNames(node.networkInterfaces());
        JsonNode dhcpLink = null;
        if (node.networkInterfaces() != null) {
            for (JsonNode link : node.networkInterfaces()) {
                List<String> addresses = new ArrayList<>();
                link.path("addresses").forEach(a -> addresses.add(a.asText()));
                if (!addresses.isEmpty()) {
                    links.add(new DraftLink(names.of(link), addresses, new ArrayList<>(names.chosenBySelector(link)
                            ? List.of("the link is chosen by a device selector; its name here is free") : List.of())));
                } else if (dhcpLink == null && link.path("dhcp").asBoolean(false)) {
                    dhcpLink = link;
                }
            }
        }
        if (links.isEmpty()) {
            links.add(dhcpLink != null && !names.chosenBySelector(dhcpLink)
                    ? ipAddressLink(node, names.of(dhcpLink), List.of("talconfig's ipAddress, taken as this DHCP link's lease"))
                    : ipAddressLink(node, DEFAULT_LINK, List.of("the link's name")));
        } else if (dhcpLink != null && !canonical(links.stream().flatMap(l -> l.addresses().stream()))
                .containsAll(canonical(node.ipAddresses().stream()))) {
            links.add(ipAddressLink(node, names.of(dhcpLink), List.of("talconfig's ipAddress, taken as this DHCP link's lease")));
        }
        return links;
    }

    /** The node's {@code ipAddress} entries on one link, each with a guessed prefix length. */
    private static DraftLink ipAddressLink(TalConfig.Node node, String name, List<String> why) {
        List<String> addresses = new ArrayList<>();
        List<String> notes = new ArrayList<>(why);
        for (String ip : node.ipAddresses()) {
            IPAddress address = new IPAddressString(ip).getAddress();
            if (address == null) {
                notes.add("'" + ip + "' is a name, not an address: put the machine's address here");
                addresses.add("192.0.2.1/24");
            } else {
                addresses.add(address.withoutPrefixLength().toCanonicalString() + (address.isIPv4() ? "/24" : "/64"));
                notes.add("the prefix length of " + ip + " (talconfig's ipAddress has none)");
            }
        }
        return new DraftLink(name, addresses, notes);
    }

    /** The addresses among {@code texts} ({@code 10.0.0.1/24}, {@code 10.0.0.1}, names skipped), without prefix, canonical. */
    private static Set<String> canonical(Stream<String> texts) {
        Set<String> out = new HashSet<>();
        texts.forEach(text -> Optional.ofNullable(new IPAddressString(text).getAddress())
                .ifPresent(ip -> out.add(ip.withoutPrefixLength().toCanonicalString())));
        return out;
    }

    /**
     * Names for a node's links: the config's own {@code interface} names, and for each link a device selector chooses the
     * first {@code ethN} no other link of the node uses, the same one each time it is asked for that link.
     */
    private static final class LinkNames {
        private final Set<String> taken = new HashSet<>();
        private final Map<JsonNode, String> given = new IdentityHashMap<>();

        LinkNames(JsonNode interfaces) {
            if (interfaces != null) {
                interfaces.forEach(link -> {
                    if (!link.path("interface").asText("").isEmpty()) {
                        taken.add(link.path("interface").asText());
                    }
                });
            }
        }

        boolean chosenBySelector(JsonNode link) {
            return link.path("interface").asText("").isEmpty();
        }

        String of(JsonNode link) {
            if (!chosenBySelector(link)) {
                return link.path("interface").asText();
            }
            return given.computeIfAbsent(link, l -> {
                int n = 0;
                while (taken.contains("eth" + n)) {
                    n++;
                }
                taken.add("eth" + n);
                return "eth" + n;
            });
        }
    }
}
