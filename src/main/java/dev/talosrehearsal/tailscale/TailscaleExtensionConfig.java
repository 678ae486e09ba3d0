package dev.talosrehearsal.tailscale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What containerboot in the ext-tailscale container reads from its Talos ExtensionServiceConfig
 * document: the {@code environment} ({@code KEY=value} entries) and the {@code configFiles} mounted into
 * it, among them the serve config {@code TS_SERVE_CONFIG} names. See
 * https://github.com/siderolabs/extensions/tree/main/network/tailscale and
 * https://github.com/tailscale/tailscale/blob/main/cmd/containerboot/settings.go.
 */
public record TailscaleExtensionConfig(Map<String, String> environment, List<MountedFile> files) {
    public static final String SERVE_CONFIG_ENV = "TS_SERVE_CONFIG";
    public static final String HOSTNAME_ENV = "TS_HOSTNAME";

    /** One {@code configFiles} entry. */
    public record MountedFile(String mountPath, String content) {}

    /** From the ExtensionServiceConfig document named {@code tailscale}. */
    public static TailscaleExtensionConfig of(JsonNode document) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode entry : document.path("environment")) {
            String text = entry.asText();
            int eq = text.indexOf('=');
            if (eq > 0) {
                // The first entry wins, as Go's os.Getenv reads a duplicated variable
                // (https://github.com/golang/go/blob/master/src/syscall/env_unix.go).
                environment.putIfAbsent(text.substring(0, eq), text.substring(eq + 1));
            }
        }
        List<MountedFile> files = new ArrayList<>();
        for (JsonNode f : document.path("configFiles")) {
            files.add(new MountedFile(f.path("mountPath").asText(), f.path("content").asText()));
        }
        return new TailscaleExtensionConfig(Collections.unmodifiableMap(environment), List.copyOf(files));
    }

    public Optional<MountedFile> file(String mountPath) {
        return files.stream().filter(f -> f.mountPath().equals(mountPath)).findFirst();
    }

    /** The path {@code TS_SERVE_CONFIG} names, if set. */
    public Optional<String> serveConfigPath() {
        return Optional.ofNullable(environment.get(SERVE_CONFIG_ENV));
    }

    /** The serve config file: the mounted file at {@code TS_SERVE_CONFIG}'s path, if both exist. */
    public Optional<MountedFile> serveFile() {
        return serveConfigPath().flatMap(this::file);
    }

    /** The serve config as written ({@code ${TS_CERT_DOMAIN}} kept), if {@link #serveFile()} exists. */
    public Optional<ServeConfig> serveConfig() {
        return serveFile().map(f -> ServeConfig.parse(f.content()));
    }

    /** The serve config as tailscaled gets it on a host whose MagicDNS name is {@code certDomain}. */
    public Optional<ServeConfig> serveConfig(String certDomain) {
        return serveFile().map(f -> ServeConfig.load(f.content(), certDomain));
    }

    /** The name the node has on the tailnet: {@code TS_HOSTNAME}, else its own hostname. */
    public String tailnetHostname(String nodeHostname) {
        String h = environment.get(HOSTNAME_ENV);
        return h == null || h.isBlank() ? nodeHostname : h;
    }
}
