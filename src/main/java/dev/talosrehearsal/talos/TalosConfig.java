package dev.talosrehearsal.talos;

import dev.talosrehearsal.common.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.PemFormatException;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A talosconfig file, as talosctl reads it: {@code context: NAME} and {@code contexts: {NAME: {endpoints,
 * nodes, ca, crt, key}}}, the credentials being standard base64 of PEM text (the client key labelled
 * {@code ED25519 PRIVATE KEY} for Talos's default Ed25519 certificates).
 */
public final class TalosConfig {
    /** One context: where to connect, which nodes it names, and the client's mTLS credentials. */
    public record Context(String name, List<String> endpoints, List<String> nodes, X509Certificate ca,
            X509Certificate clientCertificate, PrivateKey clientKey) {
        @Override
        public String toString() {
            return "Context[" + name + ", endpoints=" + endpoints + ", nodes=" + nodes + ", credentials=<redacted>]";
        }
    }

    private TalosConfig() {}

    /** talosctl's lookup: the explicit path, else $TALOSCONFIG, else ~/.talos/config. */
    public static Path locate(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = environment.get("TALOSCONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".talos", "config");
    }

    /** Reads the file's current context, or {@code contextName} when given. */
    public static Context read(Path file, String contextName) {
        String name = file.toString();
        return parse(InputFiles.read(file, name, "talosconfig not found"), name, contextName);
    }

    public static Context parse(String text, String file, String contextName) {
        YamlSource.Document doc = YamlSource.parseOne(text, file);
        JsonNode root = doc.root();
        SourceMap lines = doc.sources();
        String context = contextName != null ? contextName : root.path("context").asText("");
        if (context.isEmpty()) {
            throw new InputException(file, lines.lineOf("/context"), "context: no current context is set (name one with --context)");
        }
        JsonNode ctx = root.path("contexts").path(context);
        if (!ctx.isObject()) {
            throw new InputException(file, lines.lineOf("/contexts"), "contexts: no context named '" + context + "'");
        }
        String at = "/contexts/" + SourceMap.segment(context);
        List<String> endpoints = strings(ctx, "endpoints");
        if (endpoints.isEmpty()) {
            throw new InputException(file, lines.lineOf(at), "contexts." + context + ".endpoints: at least one endpoint is required");
        }
        X509Certificate ca = certificate(ctx, "ca", file, lines, at, context);
        X509Certificate crt = certificate(ctx, "crt", file, lines, at, context);
        PrivateKey key = privateKey(ctx, file, lines, at, context);
        return new Context(context, endpoints, strings(ctx, "nodes"), ca, crt, key);
    }

    private static List<String> strings(JsonNode ctx, String field) {
        List<String> out = new ArrayList<>();
        ctx.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String pem(JsonNode ctx, String field, String file, SourceMap lines, String at, String context) {
        String where = "contexts." + context + "." + field;
        String value = ctx.path(field).asText("");
        int line = lines.lineOf(at + "/" + field);
        if (value.isEmpty()) {
            throw new InputException(file, line, where + ": is required");
        }
        try {
            return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InputException(file, line, where + ": not valid base64");
        }
    }

    private static X509Certificate certificate(JsonNode ctx, String field, String file, SourceMap lines, String at, String context) {
        String pem = pem(ctx, field, file, lines, at, context);
        try {
            return Pem.readCertificate(pem);
        } catch (PemFormatException e) {
            throw new InputException(file, lines.lineOf(at + "/" + field), "contexts." + context + "." + field
                    + ": not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(JsonNode ctx, String file, SourceMap lines, String at, String context) {
        String pem = pem(ctx, "key", file, lines, at, context);
        try {
            return Pem.readPrivateKey(pem);
        } catch (PemFormatException e) {
            // never quote the input: it is a private key
            throw new InputException(file, lines.lineOf(at + "/key"), "contexts." + context + ".key: not a PEM private key (" + e.getMessage() + ")");
        }
    }
}
