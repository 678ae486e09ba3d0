package dev.talosrehearsal.common;

import java.util.regex.Pattern;

/**
 * What a hostname may look like: talhelper's hostnamePattern (pkg/config/validator.go), labels of letters, digits and
 * inner dashes, upper case included (Talos lower-cases the Kubernetes Node's name: machineconfig.NodeNames). The talconfig
 * loader accepts these, and a journal's manifest accepts nothing else (no {@code ../} can reach outside the journal).
 */
public final class Hostnames {
    private static final Pattern VALID = Pattern.compile(
            "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

    private Hostnames() {}

    public static boolean isValid(String name) {
        return name != null && name.length() <= 253 && VALID.matcher(name).matches();
    }
}
