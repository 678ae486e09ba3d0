package dev.talosrehearsal.sim.node;

import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.inventory.Inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.Suggestions;
import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.UnknownKeys;
import dev.talosrehearsal.common.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code faults.yaml}, the declarative form of {@link NodeFaults}:
 * <pre>
 * faults:
 *   - node: talos-master-1
 *     neverReturnsFromReboot: true
 *   - node: talos-worker-gpu-0
 *     grpcError: {method: ApplyConfiguration, code: UNAVAILABLE, message: "connection reset", times: 1}  # no times = always
 *   - node: talos-master-2
 *     latency: {method: "*", millis: 200}
 *   - node: talos-master-0
 *     etcdUnhealthy: true
 *   - node: talos-worker-gpu-1
 *     kubeletCrashloop: true
 *   - node: talos-master-1
 *     rebootIgnored: true     # or a number: that many reboots are ignored, later ones happen
 *     bootsPreviousConfig: true       # its next reboot boots the config it had before its last apply
 *   - node: talos-worker-gpu-0
 *     applyAnswerTimesOut: true       # its next apply takes effect, the answer ends in DEADLINE_EXCEEDED
 *   - node: talos-master-0
 *     tailnetCutOff: true             # no peer on the tailnet reaches it
 * </pre>
 * One entry may carry several faults; a node may appear in several entries (they add up). Unknown
 * keys, codes and (given the inventory) nodes are {@link InputException}s at their line.
 */
public final class FaultsFile {
    private static final Set<String> TOP_KEYS = Set.of("faults");
    private static final Set<String> ENTRY_KEYS = Set.of("node", "neverReturnsFromReboot", "etcdUnhealthy", "kubeletCrashloop", "grpcError", "latency",
            "rebootIgnored", "bootsPreviousConfig", "applyAnswerTimesOut", "tailnetCutOff");
    private static final Set<String> GRPC_ERROR_KEYS = Set.of("method", "code", "message", "times");
    private static final Set<String> LATENCY_KEYS = Set.of("method", "millis");

    private final String file;
    private final Map<String, NodeFaults> byNode;
    private final Map<String, Integer> lineOfNode;

    private FaultsFile(String file, Map<String, NodeFaults> byNode, Map<String, Integer> lineOfNode) {
        this.file = file;
        this.byNode = byNode;
        this.lineOfNode = lineOfNode;
    }

    /** Reads the file without knowing the cluster; call {@link #checkNodes} once the nodes are known. */
    public static FaultsFile read(Path path) {
        return parse(InputFiles.read(path, path.toString(), "faults file not found"), path.toString());
    }

    /** Reads the file and rejects nodes the inventory does not have. */
    public static FaultsFile read(Path path, Inventory inventory) {
        FaultsFile faults = read(path);
        faults.checkNodes(inventory.nodes().keySet());
        return faults;
    }

    /** Throws at the line of the first entry naming a node that is not in {@code hostnames}. */
    public void checkNodes(Collection<String> hostnames) {
        for (Map.Entry<String, Integer> e : lineOfNode.entrySet()) {
            if (!hostnames.contains(e.getKey())) {
                String hint = Suggestions.nearest(e.getKey(), hostnames).map(s -> " (did you mean '" + s + "'?)").orElse("");
                throw new InputException(file, e.getValue(), "faults: unknown node '" + e.getKey() + "'" + hint);
            }
        }
    }

    /** The faults of {@code hostname}: a fresh, empty NodeFaults when the file names none. */
    public NodeFaults forNode(String hostname) {
        return byNode.getOrDefault(hostname, new NodeFaults());
    }

    public Set<String> nodes() {
        return byNode.keySet();
    }

    public static FaultsFile parse(String text, String file) {
        YamlSource.Document doc = YamlSource.parseOne(text, file);
        SourceMap lines = doc.sources();
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw new InputException(file, lines.lineOf(""), "a faults file is a map with a 'faults' list");
        }
        checkKeys(root, "", TOP_KEYS, lines, file);
        JsonNode list = root.path("faults");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new InputException(file, lines.lineOf("/faults"), "'faults' must be a list of {node: ..., <fault>: ...}");
        }
        Map<String, NodeFaults> byNode = new LinkedHashMap<>();
        Map<String, Integer> lineOfNode = new LinkedHashMap<>();
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            String pointer = "/faults/" + i;
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new InputException(file, lines.lineOf(pointer), "faults[" + i + "] must be a map with 'node' and a fault");
            }
            checkKeys(entry, pointer, ENTRY_KEYS, lines, file);
            JsonNode node = entry.path("node");
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new InputException(file, lines.lineOf(pointer + "/node"), "faults[" + i + "].node is missing: name the node (a hostname)");
            }
            if (entry.size() == 1) {
                throw new InputException(file, lines.lineOf(pointer), "faults[" + i + "] names no fault; known: "
                        + String.join(", ", new TreeSet<>(ENTRY_KEYS.stream().filter(k -> !k.equals("node")).toList())));
            }
            NodeFaults faults = new NodeFaults();
            if (bool(entry, pointer, "neverReturnsFromReboot", lines, file)) {
                faults.neverReturnsFromReboot(true);
            }
            if (bool(entry, pointer, "etcdUnhealthy", lines, file)) {
                faults.etcdUnhealthy(true);
            }
            if (bool(entry, pointer, "kubeletCrashloop", lines, file)) {
                faults.kubeletCrashloop(true);
            }
            if (entry.has("rebootIgnored")) {
                rebootIgnored(entry.get("rebootIgnored"), pointer + "/rebootIgnored", lines, file, faults);
            }
            if (bool(entry, pointer, "bootsPreviousConfig", lines, file)) {
                faults.bootsPreviousConfig(true);
            }
            if (bool(entry, pointer, "applyAnswerTimesOut", lines, file)) {
                faults.applyAnswerTimesOut(true);
            }
            if (bool(entry, pointer, "tailnetCutOff", lines, file)) {
                faults.tailnetCutOff(true);
            }
            if (entry.has("grpcError")) {
                faults.grpcError(grpcError(entry.get("grpcError"), pointer + "/grpcError", lines, file));
            }
            if (entry.has("latency")) {
                faults.latency(latency(entry.get("latency"), pointer + "/latency", lines, file));
            }
            String hostname = node.asText();
            lineOfNode.putIfAbsent(hostname, lines.lineOf(pointer + "/node"));
            byNode.merge(hostname, faults, NodeFaults::add);
        }
        return new FaultsFile(file, byNode, lineOfNode);
    }

    private static boolean bool(JsonNode entry, String pointer, String key, SourceMap lines, String file) {
        if (!entry.has(key)) {
            return false;
        }
        if (!entry.get(key).isBoolean()) {
            throw new InputException(file, lines.lineOf(pointer + "/" + key), key + " must be true or false");
        }
        return entry.get(key).asBoolean();
    }

    /** {@code rebootIgnored: true} (every reboot) or a whole number of reboots; {@code false} is no fault. */
    private static void rebootIgnored(JsonNode value, String pointer, SourceMap lines, String file, NodeFaults faults) {
        if (value.isBoolean()) {
            if (value.asBoolean()) {
                faults.rebootIgnored(null);
            }
            return;
        }
        if (!value.isInt() || value.asInt() < 1) {
            throw new InputException(file, lines.lineOf(pointer), "rebootIgnored must be true (every reboot) or a whole number of reboots ≥ 1");
        }
        faults.rebootIgnored(value.asInt());
    }

    private static NodeFaults.GrpcError grpcError(JsonNode value, String pointer, SourceMap lines, String file) {
        if (!value.isObject()) {
            throw new InputException(file, lines.lineOf(pointer), "grpcError must be a map {method, code, message, times}");
        }
        checkKeys(value, pointer, GRPC_ERROR_KEYS, lines, file);
        String method = method(value, pointer, lines, file);
        JsonNode codeNode = value.path("code");
        if (!codeNode.isTextual()) {
            throw new InputException(file, lines.lineOf(pointer + "/code"), "grpcError.code is missing: one of " + codes());
        }
        ApiCode code;
        try {
            code = ApiCode.valueOf(codeNode.asText().trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            code = null;
        }
        if (code == null || code == ApiCode.OK) {
            throw new InputException(file, lines.lineOf(pointer + "/code"), "grpcError.code: unknown code '" + codeNode.asText() + "'; one of " + codes());
        }
        Integer times = null;
        if (value.has("times")) {
            JsonNode t = value.get("times");
            if (!t.isInt() || t.asInt() < 1) {
                throw new InputException(file, lines.lineOf(pointer + "/times"), "grpcError.times must be a whole number ≥ 1 (omit it for every call)");
            }
            times = t.asInt();
        }
        JsonNode message = value.path("message");
        return new NodeFaults.GrpcError(method, code, message.isMissingNode() ? "" : message.asText(), times);
    }

    private static NodeFaults.Latency latency(JsonNode value, String pointer, SourceMap lines, String file) {
        if (!value.isObject()) {
            throw new InputException(file, lines.lineOf(pointer), "latency must be a map {method, millis}");
        }
        checkKeys(value, pointer, LATENCY_KEYS, lines, file);
        String method = method(value, pointer, lines, file);
        JsonNode millis = value.path("millis");
        if (!millis.canConvertToLong() || !millis.isIntegralNumber() || millis.asLong() < 0) {
            throw new InputException(file, lines.lineOf(pointer + "/millis"), "latency.millis must be a whole number of milliseconds ≥ 0");
        }
        return new NodeFaults.Latency(method, Duration.ofMillis(millis.asLong()));
    }

    private static String method(JsonNode value, String pointer, SourceMap lines, String file) {
        JsonNode method = value.path("method");
        if (!method.isTextual() || method.asText().isBlank()) {
            throw new InputException(file, lines.lineOf(pointer + "/method"), "method is missing: a Talos method name (ApplyConfiguration) or \"*\"");
        }
        return method.asText();
    }

    private static String codes() {
        return String.join(", ", Arrays.stream(ApiCode.values()).filter(c -> c != ApiCode.OK).map(Enum::name).toList());
    }

    private static void checkKeys(JsonNode map, String pointer, Set<String> known, SourceMap lines, String file) {
        UnknownKeys.refuse(map, pointer, "", known, lines, file);
    }

    static List<String> entryKeys() {
        return List.copyOf(ENTRY_KEYS);
    }
}
