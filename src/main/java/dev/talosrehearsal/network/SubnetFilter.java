package dev.talosrehearsal.network;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A subnet list as Talos writes it ({@code 192.168.20.0/24}, {@code !10.0.0.0/8}, a bare address),
 * applied the way Talos's {@code FilterIPs} applies it
 * (https://github.com/siderolabs/net/blob/v0.4.0/net.go, used by Talos v1.12 and v1.13):
 * <ul>
 *   <li>entries are read <em>in order</em>: an entry adds the addresses it contains, a {@code !} entry
 *       removes addresses added <em>so far</em>; so an exclude written before an include does not
 *       hold the included address back;</li>
 *   <li>nothing is accepted unless some entry adds it: a list of excludes only accepts nothing
 *       (it does not mean "everything but");</li>
 *   <li>the result keeps the order in which addresses were added: by entry first, then by the order
 *       of the candidates;</li>
 *   <li>a bare address is a one-address subnet (/32 or /128); an IPv4 subnet never holds an IPv6
 *       address and back.</li>
 * </ul>
 * An entry that is neither a CIDR nor an address makes Talos's config validation reject the whole
 * config (see {@code docs/talos-behaviour.md}); here it matches nothing and is listed in
 * {@link #invalid()} so callers can say so.
 */
public final class SubnetFilter {
    private static final Pattern ADDRESS_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

    private record Entry(boolean exclude, IPAddress block) {}

    /**
     * Blocks already parsed, by their text (IPAddress values are immutable): a node's address selection parses its
     * config's few subnets at every look, and a 1,000-node rollout looks hundreds of thousands of times. Bounded, since
     * texts come from users' files.
     */
    private static final Map<String, Optional<IPAddress>> BLOCKS = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 4096;

    private final List<String> written;
    private final List<Entry> entries;
    private final List<String> invalid;

    private SubnetFilter(List<String> written, List<Entry> entries, List<String> invalid) {
        this.written = List.copyOf(written);
        this.entries = List.copyOf(entries);
        this.invalid = List.copyOf(invalid);
    }

    /** The filter for a list as written in a config ({@code !} prefix = exclude). */
    public static SubnetFilter of(List<String> subnets) {
        List<Entry> entries = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String subnet : subnets) {
            String text = subnet.trim();
            boolean exclude = text.startsWith("!");
            IPAddress block = block(exclude ? text.substring(1) : text);
            if (block == null) {
                invalid.add(subnet);
            } else {
                entries.add(new Entry(exclude, block));
            }
        }
        return new SubnetFilter(subnets, entries, invalid);
    }

    /** This filter with {@code subnets} appended as excludes (how Talos adds the subnets it never picks). */
    public SubnetFilter excluding(List<String> subnets) {
        List<String> all = new ArrayList<>(written);
        subnets.forEach(s -> all.add("!" + s));
        return of(all);
    }

    /** The entries as written. */
    public List<String> written() {
        return written;
    }

    /** Entries that are neither a CIDR nor an address: they match nothing. */
    public List<String> invalid() {
        return invalid;
    }

    public boolean isEmpty() {
        return written.isEmpty();
    }

    /** The candidates this filter keeps, in the order it added them (bare addresses compared). */
    public List<NodeAddress> apply(List<NodeAddress> candidates) {
        List<NodeAddress> result = new ArrayList<>();
        for (Entry entry : entries) {
            for (NodeAddress candidate : candidates) {
                if (!contains(entry.block(), candidate.bare())) {
                    continue;
                }
                if (entry.exclude()) {
                    result.removeIf(kept -> kept.bare().equals(candidate.bare()));
                } else if (result.stream().noneMatch(kept -> kept.bare().equals(candidate.bare()))) {
                    result.add(candidate);
                }
            }
        }
        return result;
    }

    /**
     * True when this filter keeps {@code ip} on its own: an address, bracketed as in a URL host or with
     * its prefix length as on a link ({@code 192.168.20.10/24} is the address 192.168.20.10).
     */
    public boolean accepts(String ip) {
        String text = ip.trim();
        IPAddress address = parse(text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text);
        return address != null && !apply(List.of(new NodeAddress("", address.withoutPrefixLength()))).isEmpty();
    }

    @Override
    public String toString() {
        return String.join(", ", written);
    }

    private static boolean contains(IPAddress block, IPAddress ip) {
        return block.getIPVersion() == ip.getIPVersion() && block.contains(ip);
    }

    /**
     * A CIDR as its prefix block ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}, as Go's netip.Prefix
     * matches it) or a bare address as itself; null for anything else, including the shorthand and
     * wildcard forms the ipaddress library would accept but Go's netip parser does not.
     */
    static IPAddress block(String text) {
        Optional<IPAddress> known = BLOCKS.get(text);
        if (known == null) {
            IPAddress address = parse(text);
            known = Optional.ofNullable(address == null || !address.isPrefixed() ? address : address.toPrefixBlock());
            if (BLOCKS.size() < MAX_REMEMBERED) {
                BLOCKS.put(text, known);
            }
        }
        return known.orElse(null);
    }

    /** {@code address} or {@code address/prefix} in the forms Go's netip parser takes; null for anything else. */
    private static IPAddress parse(String text) {
        String t = text.trim();
        if (!ADDRESS_CHARS.matcher(t).matches()) {
            return null;
        }
        IPAddress address = new IPAddressString(t).getAddress();
        if (address == null || (address.isIPv4() && t.split("/")[0].split("\\.", -1).length != 4)) {
            return null;
        }
        return address;
    }
}
