package dev.talosrehearsal.kube.impact;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses and CIDRs: strict parsing (no wildcards, no {@code 10.1} shorthand), overlap with a range,
 * and finding them in free text.
 */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/\\d{1,3})?");
    /**
     * An IPv4 address or CIDR standing alone in text: not glued to a word or to more dotted numbers on
     * either side, so {@code v2.100.64.1.7} or {@code build-100.64.1.2x} are not read as addresses.
     */
    private static final Pattern IPV4_IN_TEXT = Pattern.compile(
            "(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2}(?!\\d))?(?![\\w]|\\.\\d)");

    private Addresses() {}

    /** {@code 100.101.0.10}, {@code 100.64.0.0/10} or an IPv6 form, strictly; empty for anything else. */
    static Optional<IPAddress> parse(String text) {
        String t = text.trim();
        Matcher m = IPV4.matcher(t);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return Optional.empty();
                }
            }
            if (m.group(5) != null && Integer.parseInt(m.group(5)) > 32) {
                return Optional.empty();
            }
        } else if (!IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        IPAddress address = new IPAddressString(t).getAddress();
        return Optional.ofNullable(address);
    }

    /** The addresses or CIDRs as a range: {@code 100.101.0.10/10} is the whole /10, as routing reads it. */
    static IPAddress block(IPAddress address) {
        return address.isPrefixed() ? address.toPrefixBlock() : address;
    }

    /** True when {@code value} (an address or a CIDR) shares at least one address with {@code range}. */
    static boolean overlaps(IPAddress value, IPAddress range) {
        IPAddress v = block(value);
        IPAddress r = block(range);
        return v.getIPVersion() == r.getIPVersion() && v.overlaps(r);
    }

    static boolean contains(IPAddress range, IPAddress value) {
        IPAddress r = block(range);
        IPAddress v = block(value);
        return r.getIPVersion() == v.getIPVersion() && r.contains(v);
    }

    /** Every IPv4 address or CIDR standing alone in {@code text}, as written, in order. */
    static List<String> inText(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = IPV4_IN_TEXT.matcher(text);
        while (m.find()) {
            if (parse(m.group()).isPresent()) {
                out.add(m.group());
            }
        }
        return out;
    }
}
