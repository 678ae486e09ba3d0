package dev.talosrehearsal.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.UnknownKeys;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.rollout.DeclaredChecks;
import inet.ipaddr.IPAddressString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code checks.yaml} in a rehearsal directory: the user's own expectations, run after the migration
 * ({@code afterMigration}) and after the rollback drill ({@code afterRollback}), beside the built-in verification.
 * <pre>
 * afterMigration:
 *   nodeIpsIn: [192.168.20.0/24]                          # every node's InternalIP
 *   etcdPeersIn: [192.168.20.0/24]                        # every control plane's etcd peer URL
 *   apiThrough: [bastion-k8s.tailnet-4d89.ts.net:6443]    # the Kubernetes API answers there, as kubectl dials it
 *   kubectl:                                              # the real kubectl against the simulated cluster's API
 *     - args: get nodes -o wide                           # a string split at spaces, or a list
 *       expect: 192.168.20.10                             # must appear in the output (optional)
 * afterRollback:
 *   nodeIpsIn: [100.64.0.0/10]
 * </pre>
 * Every problem is an {@link InputException} naming the file, line and key.
 */
public record ChecksFile(DeclaredChecks afterMigration, DeclaredChecks afterRollback) {
    public static final String NAME = "checks.yaml";
    public static final ChecksFile NONE = new ChecksFile(DeclaredChecks.NONE, DeclaredChecks.NONE);

    private static final Set<String> TOP_KEYS = Set.of("afterMigration", "afterRollback");
    private static final Set<String> CHECK_KEYS = Set.of("nodeIpsIn", "etcdPeersIn", "apiThrough", "kubectl");
    private static final Set<String> KUBECTL_KEYS = Set.of("args", "expect");
    private static final Pattern NAME_PORT = Pattern.compile("[A-Za-z0-9.-]+:\\d{1,5}");

    /** The directory's checks.yaml, or {@link #NONE} when it has none. */
    public static ChecksFile readIn(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        return parse(InputFiles.read(file, file.toString(), "file not found"), file.toString());
    }

    static ChecksFile parse(String text, String file) {
        YamlSource.Document doc = YamlSource.parseOne(text, file);
        SourceMap lines = doc.sources();
        JsonNode root = doc.root();
        if (root == null || root.isNull() || (root.isObject() && root.isEmpty())) {
            return NONE;
        }
        if (!root.isObject()) {
            throw new InputException(file, lines.lineOf(""), "checks.yaml is a map with 'afterMigration' and/or 'afterRollback'");
        }
        UnknownKeys.refuse(root, "", "", TOP_KEYS, lines, file);
        return new ChecksFile(checks(root.get("afterMigration"), "/afterMigration", lines, file),
                checks(root.get("afterRollback"), "/afterRollback", lines, file));
    }

    private static DeclaredChecks checks(JsonNode node, String pointer, SourceMap lines, String file) {
        if (node == null || node.isNull()) {
            return DeclaredChecks.NONE;
        }
        if (!node.isObject()) {
            throw new InputException(file, lines.lineOf(pointer), pointer.substring(1) + " must be a map of checks (" + String.join(", ", CHECK_KEYS) + ")");
        }
        UnknownKeys.refuse(node, pointer, "", CHECK_KEYS, lines, file);
        return new DeclaredChecks(list(node, pointer + "/nodeIpsIn", lines, file, true), list(node, pointer + "/etcdPeersIn", lines, file, true),
                list(node, pointer + "/apiThrough", lines, file, false), kubectl(node.get("kubectl"), pointer + "/kubectl", lines, file));
    }

    private static List<DeclaredChecks.KubectlQuery> kubectl(JsonNode value, String pointer, SourceMap lines, String file) {
        if (value == null) {
            return List.of();
        }
        String field = pointer.substring(1).replace('/', '.');
        if (!value.isArray()) {
            throw new InputException(file, lines.lineOf(pointer), field + " must be a list of {args, expect}");
        }
        List<DeclaredChecks.KubectlQuery> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String at = pointer + "/" + i;
            JsonNode query = value.get(i);
            if (!query.isObject()) {
                throw new InputException(file, lines.lineOf(at), field + "[" + i + "] must be a map with args and expect");
            }
            UnknownKeys.refuse(query, at, "", KUBECTL_KEYS, lines, file);
            JsonNode args = query.get("args");
            List<String> words = new ArrayList<>();
            if (args != null && args.isArray()) {
                args.forEach(a -> words.add(a.asText()));
            } else if (args != null && args.isTextual()) {
                words.addAll(List.of(args.asText().strip().split("\\s+")));
            }
            words.removeIf(String::isEmpty);
            if (words.isEmpty()) {
                throw new InputException(file, lines.lineOf(at), field + "[" + i + "].args: the kubectl arguments are required"
                        + " (e.g. get nodes -o wide)");
            }
            if (words.contains("--kubeconfig") || words.stream().anyMatch(w -> w.startsWith("--kubeconfig="))) {
                throw new InputException(file, lines.lineOf(at + "/args"), field + "[" + i + "].args: --kubeconfig is the"
                        + " rehearsal's own (the simulated cluster's API); leave it out");
            }
            out.add(new DeclaredChecks.KubectlQuery(words, query.path("expect").asText("")));
        }
        return out;
    }

    private static List<String> list(JsonNode parent, String pointer, SourceMap lines, String file, boolean cidrs) {
        JsonNode value = parent.get(pointer.substring(pointer.lastIndexOf('/') + 1));
        if (value == null) {
            return List.of();
        }
        String field = pointer.substring(1).replace('/', '.');
        if (!value.isArray()) {
            throw new InputException(file, lines.lineOf(pointer), field + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String item = value.get(i).asText("");
            boolean ok = cidrs ? new IPAddressString(item).isPrefixed() && new IPAddressString(item).getAddress() != null
                    : NAME_PORT.matcher(item).matches();
            if (!ok) {
                throw new InputException(file, lines.lineOf(pointer + "/" + i), field + "[" + i + "]: '" + item + "' is not "
                        + (cidrs ? "a subnet like 192.168.20.0/24" : "a name:port like kube.example.ts.net:443"));
            }
            out.add(item);
        }
        return out;
    }
}
