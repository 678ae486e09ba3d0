package dev.talosrehearsal.talconfig;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** CIDR checks shared by the loader and the static checks. */
public final class Cidrs {
    private Cidrs() {}

    /** True for {@code 192.168.20.0/24} or {@code fd00::/8}; false for a bare address or garbage. */
    public static boolean isCidr(String text) {
        IPAddressString s = new IPAddressString(text.trim());
        try {
            IPAddress address = s.toAddress();
            return address.isPrefixed() && text.contains("/");
        } catch (AddressStringException | RuntimeException e) {
            return false;
        }
    }
}
