package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.GoYamlScalars;

import dev.talosrehearsal.common.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The talosconfig file ({@code talosctl}'s client configuration) for one cluster:
 *
 * <pre>
 * context: &lt;cluster&gt;
 * contexts:
 *     &lt;cluster&gt;:
 *         endpoints: [control-plane addresses]
 *         nodes: [all node addresses]
 *         ca: base64(PEM of the OS CA certificate)
 *         crt: base64(PEM of the admin certificate)
 *         key: base64(PEM, label ED25519 PRIVATE KEY)
 * </pre>
 *
 * Layout follows what talosctl writes (Go yaml.v3: 4-space indentation, sequences indented). The
 * output is a pure function of its inputs (see {@link AdminCertificate}), so regenerating it leaves
 * the file unchanged.
 */
public final class TalosconfigFile {
    private TalosconfigFile() {}

    /** Renders talosconfig text; endpoints and nodes keep the order given. */
    public static String render(String clusterName, List<String> endpoints, List<String> nodes, SecretsBundle bundle) {
        Objects.requireNonNull(clusterName, "clusterName");
        AdminCertificate admin = AdminCertificate.derive(bundle, clusterName);
        String name = GoYamlScalars.scalar(clusterName);
        StringBuilder sb = new StringBuilder(2_000);
        sb.append("context: ").append(name).append('\n');
        sb.append("contexts:\n");
        sb.append("    ").append(name).append(":\n");
        list(sb, "endpoints", endpoints);
        list(sb, "nodes", nodes);
        sb.append("        ca: ").append(GoYamlScalars.scalar(bundle.os().crt())).append('\n');
        sb.append("        crt: ").append(GoYamlScalars.scalar(EncodedCertAndKey.b64(admin.certificatePem()))).append('\n');
        sb.append("        key: ").append(GoYamlScalars.scalar(EncodedCertAndKey.b64(admin.privateKeyPem()))).append('\n');
        return sb.toString();
    }

    /** Writes {@link #render} atomically with mode 0600: it holds the admin client key. */
    public static void write(Path path, String clusterName, List<String> endpoints, List<String> nodes,
            SecretsBundle bundle) {
        AtomicFiles.writePrivate(path, render(clusterName, endpoints, nodes, bundle));
    }

    private static void list(StringBuilder sb, String key, List<String> values) {
        sb.append("        ").append(key).append(':');
        if (values.isEmpty()) {
            sb.append(" []\n");
            return;
        }
        sb.append('\n');
        for (String v : values) {
            sb.append("            - ").append(GoYamlScalars.scalar(v)).append('\n');
        }
    }
}
