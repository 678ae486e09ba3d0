package dev.talosrehearsal.machineconfig.validation;

import java.util.regex.Pattern;

/**
 * Address and prefix syntax as Go parses it, because Talos's checks are Go's parsers: {@code net.ParseIP},
 * {@code net.ParseCIDR}, {@code netip.ParseAddr}, {@code netip.ParsePrefix}. Hand-written on purpose:
 * IPAddress (used elsewhere for CIDR arithmetic) accepts forms Go refuses ({@code 1.2.3},
 * {@code 10.0.0.0/8x} as a range, hex octets), and a check that is more lenient than Go is the safe side,
 * but one that passes {@code 10.0.0.0/33} is the bug this package exists to fix.
 *
 * <p>Deliberately a little more lenient than Go where a difference would only ever refuse more: leading
 * zeros in a prefix length are accepted (Go 1.22's netip refuses them).
 */
public final class GoNet {
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private GoNet() {}

    /** {@code netip.ParseAddr}: an IPv4 dotted quad or an IPv6 address, IPv6 with an optional {@code %zone}. */
    public static boolean isAddr(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') < 0) {
            return isIPv4(s);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1) {
                return false;
            }
            s = s.substring(0, zone);
        }
        return isIPv6(s);
    }

    /** {@code net.ParseIP}: like {@link #isAddr} without a zone. */
    public static boolean isIP(String s) {
        return s != null && s.indexOf('%') < 0 && isAddr(s);
    }

    /** {@code netip.ParsePrefix} / {@code net.ParseCIDR}: an address without a zone, '/', a length within its family. */
    public static boolean isPrefix(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (!isIP(addr) || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int max = addr.indexOf(':') >= 0 ? 128 : 32;
        return Integer.parseInt(bits) <= max;
    }

    /** {@code sideronet.ParseSubnetOrAddress}: a prefix, or a bare address (meaning /32 or /128). */
    public static boolean isSubnetOrAddress(String s) {
        return isPrefix(s) || isAddr(s);
    }

    /** Talos's {@code validateIPOrCIDR}: with a '/', {@code net.ParseCIDR}; without, {@code net.ParseIP}. */
    public static boolean isIPOrCIDR(String s) {
        return s != null && (s.indexOf('/') >= 0 ? isPrefix(s) : isIP(s));
    }

    static boolean isIPv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            // Go (≥ 1.17) refuses leading zeros, which older parsers read as octal.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Eight hex groups, '::' standing for at least one zero group, an IPv4 tail counting as two. */
    static boolean isIPv6(String s) {
        int ellipsis = s.indexOf("::");
        if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
            return false;
        }
        String head = ellipsis >= 0 ? s.substring(0, ellipsis) : s;
        String tail = ellipsis >= 0 ? s.substring(ellipsis + 2) : "";
        int groups = 0;
        String[][] sides = ellipsis >= 0 ? new String[][] {split(head), split(tail)} : new String[][] {split(head)};
        for (int side = 0; side < sides.length; side++) {
            String[] parts = sides[side];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = side == sides.length - 1 && i == parts.length - 1;
                if (last && p.indexOf('.') >= 0) {
                    if (!isIPv4(p)) {
                        return false;
                    }
                    groups += 2;
                } else if (HEX_GROUP.matcher(p).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return ellipsis >= 0 ? groups < 8 : groups == 8;
    }

    private static String[] split(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }
}
