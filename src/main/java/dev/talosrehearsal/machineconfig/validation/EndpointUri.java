package dev.talosrehearsal.machineconfig.validation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ValidateEndpointURI} of siderolabs/net v0.4.0 (net.go; the version Talos v1.8–v1.14 pin), over
 * the parts of Go's {@code url.Parse} it depends on: an IPv6 host must be in brackets, the host must not
 * be blank, and a port, when given, must be a number from 1 to 65535.
 *
 * <p>Talos uses it for {@code cluster.controlPlane.endpoint} and the custom CNI's URLs. It does not
 * check the scheme: {@code http://} passes Talos's validation, so it passes here.
 */
public final class EndpointUri {
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    private EndpointUri() {}

    /** Why Talos refuses {@code url}, in Talos's meaning; empty when it accepts it. */
    public static Optional<String> problem(String url) {
        if (url.isEmpty()) {
            return Optional.of("hostname must not be blank");
        }
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("invalid control character in URL"); // url.Parse
        }
        if (url.startsWith(":")) {
            return Optional.of("missing protocol scheme"); // url.Parse
        }
        Matcher m = SCHEME.matcher(url);
        String rest = m.matches() ? m.group(2) : url;
        if (!rest.startsWith("//")) {
            return Optional.of("hostname must not be blank"); // "host:6443" parses as scheme "host", no host
        }
        String authority = rest.substring(2);
        int end = firstOf(authority, "/?#");
        authority = end < 0 ? authority : authority.substring(0, end);
        int at = authority.lastIndexOf('@');
        String host = at < 0 ? authority : authority.substring(at + 1);
        String hostname;
        String port = "";
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return Optional.of("missing ']' in host"); // url.Parse
            }
            hostname = host.substring(1, close);
            String after = host.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":") || !digits(after.substring(1))) {
                    return Optional.of("invalid port \"" + after + "\" after host"); // url.Parse
                }
                port = after.substring(1);
            }
        } else {
            int colon = host.lastIndexOf(':');
            hostname = colon < 0 ? host : host.substring(0, colon);
            if (colon >= 0) {
                String after = host.substring(colon);
                if (!digits(after.substring(1))) {
                    // url.Parse refuses a non-numeric port; with more colons this is an unbracketed IPv6 address
                    if (count(host, ':') > 2) {
                        return Optional.of("IPv6 addresses MUST be enclosed by square brackets");
                    }
                    return Optional.of("invalid port \"" + after + "\" after host");
                }
                port = after.substring(1);
            }
            if (count(host, ':') > 2) {
                return Optional.of("IPv6 addresses MUST be enclosed by square brackets");
            }
        }
        if (hostname.isEmpty()) {
            return Optional.of("hostname must not be blank");
        }
        if (!port.isEmpty()) {
            // strconv.Atoi: leading zeros are fine, a digit string too long for an int is an error either way
            String number = port.replaceFirst("^0+(?=.)", "");
            boolean inRange = number.length() <= 5 && Integer.parseInt(number) >= 1 && Integer.parseInt(number) <= 65535;
            if (!inRange) {
                return Optional.of("port number must be between 1 and 65535");
            }
        }
        return Optional.empty();
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
