package dev.talosrehearsal.tailscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which tailnet a name is on. With MagicDNS every device is {@code <machine>.<tailnet DNS name>} and every
 * Tailscale service {@code <service>.<tailnet DNS name>}, the tailnet DNS name ending in {@code .ts.net}
 * (https://tailscale.com/kb/1081/magicdns, https://tailscale.com/kb/1217/tailnet-name,
 * https://tailscale.com/kb/1552/tailscale-services). So the suffix of such a name is the tailnet; a
 * machine config never states it, but the names it carries do.
 */
public final class TailnetName {
    private static final String MAGIC_DNS_DOMAIN = ".ts.net";
    /** containerboot's variable for the host's MagicDNS name; a config may set it to a fixed name. */
    static final String CERT_DOMAIN_ENV = "TS_CERT_DOMAIN";

    private TailnetName() {}

    /** {@code kube.tail7c3e2.ts.net} → {@code tail7c3e2.ts.net}; empty for a name that is not {@code <label>.<tailnet>.ts.net}. */
    public static Optional<String> suffixOf(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        int dot = n.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String suffix = n.substring(dot + 1);
        return suffix.endsWith(MAGIC_DNS_DOMAIN) && suffix.length() > MAGIC_DNS_DOMAIN.length() && !suffix.startsWith(".")
                ? Optional.of(suffix) : Optional.empty();
    }

    /**
     * The full names an ext-tailscale config carries: {@code TS_CERT_DOMAIN} when its environment sets one,
     * and the host of each serve-config {@code Web["<host>:<port>"]} entry (the {@code ${TS_CERT_DOMAIN}}
     * placeholder names no tailnet and is left out).
     */
    public static List<String> namesIn(TailscaleExtensionConfig extension) {
        List<String> names = new ArrayList<>();
        String certDomain = extension.environment().get(CERT_DOMAIN_ENV);
        if (certDomain != null && !certDomain.contains("$")) {
            names.add(certDomain);
        }
        extension.serveConfig().ifPresent(config -> config.scopes().forEach(scope -> scope.web().keySet().forEach(hostPort -> {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (!host.contains("$")) {
                names.add(host);
            }
        })));
        return names;
    }

    /** The tailnet of the first name in {@code names} that is on one. */
    public static Optional<String> firstSuffix(List<String> names) {
        return names.stream().map(TailnetName::suffixOf).flatMap(Optional::stream).findFirst();
    }
}
