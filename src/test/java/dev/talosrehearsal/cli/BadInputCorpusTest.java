package dev.talosrehearsal.cli;

import static dev.talosrehearsal.testing.Breakage.append;
import static dev.talosrehearsal.testing.Breakage.delete;
import static dev.talosrehearsal.testing.Breakage.directoryInstead;
import static dev.talosrehearsal.testing.Breakage.insertBytes;
import static dev.talosrehearsal.testing.Breakage.none;
import static dev.talosrehearsal.testing.Breakage.replace;
import static dev.talosrehearsal.testing.Breakage.write;
import static dev.talosrehearsal.testing.Breakage.writeBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.testing.Breakage;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 15): every file the tool reads, broken in the ways users and accidents break
 * them, through every command that reads it. Each case must be refused the one way docs/commands.md promises:
 * exit code 2, exactly one line on stderr that starts with the file (and its line, where the problem has one)
 * and says what is wrong, no stack trace, no secret, and nothing written or changed anywhere in the workspace
 * (every file's bytes and mode compared before and after).
 *
 * <p>The workspace is a scratch copy of the homelab fixture plus what the rollout commands need: a talosconfig
 * and a kubeconfig pointing at 127.0.0.1 (nothing listens there, so a case that gets past input checking fails
 * fast instead of hanging), a {@code faults.yaml}, and a journal of a started rollout. A new case is one row:
 * a name, the command, how it breaks the workspace, where the error must point and a piece of its message.
 * {@link GenconfigBadInputTest} holds genconfig's own table (talconfig semantics in depth).
 */
class BadInputCorpusTest {
    private static final String AFTER = "after/talconfig.yaml";
    private static final String BEFORE = "before/talconfig.yaml";
    private static final String TALENV = "talenv.yaml";
    private static final String TALSECRET = "talsecret.yaml";
    private static final String INVENTORY = "inventory.yaml";
    private static final String FAULTS = "faults.yaml";
    private static final String TALOSCONFIG = "talosconfig";
    private static final String KUBECONFIG = "kubeconfig";
    private static final String JOURNAL = "journal";
    private static final String MANIFEST = "journal/rollout.json";
    private static final String EVENTS = "journal/events.ndjson";
    private static final String OBJECTS = "cluster/services.yaml";
    private static final String PATCH = "after/patches/kubelet.yaml";

    private static final byte[] NUL = {'a', 0, 'b', '\n'};
    private static final byte[] BAD_UTF8 = {'#', ' ', (byte) 0xc3, '(', '\n'};
    /** 50 MB: many lines, and one comment line (the two shapes issue 15 found exit 3 and a hang with). */
    private static final int HUGE = 50 * 1024 * 1024;

    // --- the commands, with {ws} for the workspace ---------------------------------------------------

    private static final String[] GENCONFIG = {"genconfig", "-c", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET, "-o", "{ws}/out"};
    private static final String[] LINT = {"lint", "-c", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET,
            "--inventory", "{ws}/" + INVENTORY, "--from", "{ws}/" + BEFORE};
    private static final String[] DIFF = {"diff", "{ws}/" + BEFORE, "{ws}/" + AFTER, "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET};
    private static final String[] PLAN = {"plan", "--from", "{ws}/" + BEFORE, "--to", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET};
    private static final String[] APPLY = {"apply", "--from", "{ws}/" + BEFORE, "--to", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV,
            "-s", "{ws}/" + TALSECRET, "--talosconfig", "{ws}/" + TALOSCONFIG, "--kubeconfig", "{ws}/" + KUBECONFIG,
            "--journal", "{ws}/new-journal", "--yes", "--gate-timeout", "1"};
    private static final String[] VERIFY = {"verify", "--to", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET,
            "--talosconfig", "{ws}/" + TALOSCONFIG, "--kubeconfig", "{ws}/" + KUBECONFIG};
    private static final String[] RESUME = {"resume", "--journal", "{ws}/" + JOURNAL, "--talosconfig", "{ws}/" + TALOSCONFIG,
            "--kubeconfig", "{ws}/" + KUBECONFIG, "--yes", "--gate-timeout", "1"};
    private static final String[] ROLLBACK = {"rollback", "--journal", "{ws}/" + JOURNAL, "--talosconfig", "{ws}/" + TALOSCONFIG,
            "--kubeconfig", "{ws}/" + KUBECONFIG, "--yes", "--gate-timeout", "1"};
    private static final String[] TALOS = {"talos", "version", "--talosconfig", "{ws}/" + TALOSCONFIG, "--timeout", "1"};
    private static final String[] CAPTURE = {"capture", "{ws}/new-dir", "--talosconfig", "{ws}/" + TALOSCONFIG, "--timeout", "1"};
    private static final String[] IMPACT_OBJECTS = {"impact", "--from-cidr", "100.64.0.0/10", "--objects", "{ws}/cluster"};
    private static final String[] IMPACT_KUBE = {"impact", "--from-cidr", "100.64.0.0/10", "--kubeconfig", "{ws}/" + KUBECONFIG};
    private static final String[] REHEARSE = {"rehearse", "{ws}", "--tailnet", "tailnet-4d89.ts.net"};
    private static final String[] INIT = {"init", "{ws}/new-dir", "--from", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET};

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- limits every file has (issue 15, item 4) ----------------------------------------------------
                bad("talconfig of 50 MB", GENCONFIG, append(AFTER, "# padding\n".repeat(HUGE / 10)), AFTER + ": ", "larger than 8 MiB"),
                bad("talconfig whose 50 MB are one comment line", GENCONFIG, append(AFTER, "#" + "x".repeat(HUGE) + "\n"), AFTER + ": ", "larger than 8 MiB"),
                bad("talconfig just over the limit, through lint", LINT, append(AFTER, "#" + "x".repeat(8 * 1024 * 1024) + "\n"), AFTER + ": ", "larger than 8 MiB"),
                bad("talconfig with 20,000 nested [", GENCONFIG, append(AFTER, "deep: " + "[".repeat(20_000) + "\n"), AFTER + ":74:", "nested deeper than 200 levels"),
                bad("talconfig with 20,000 nested {", PLAN, append(AFTER, "deep: " + "{a: ".repeat(20_000) + "\n"), AFTER + ":74:", "nested deeper than 200 levels"),
                bad("talconfig with 300 nested block maps", GENCONFIG, append(AFTER, nestedBlock(300)), AFTER + ":", "nested deeper than 200 levels"),
                bad("talconfig with a NUL byte", GENCONFIG, insertBytes(AFTER, "  - hostname: talos-master-0", NUL), AFTER + ":13:", "a NUL byte at byte offset"),
                bad("talconfig with invalid UTF-8", GENCONFIG, insertBytes(AFTER, "  - hostname: talos-master-1", BAD_UTF8), AFTER + ":17:", "not UTF-8 text: invalid byte 0xc3 at byte offset"),
                bad("talconfig with a control character", GENCONFIG, insertBytes(AFTER, "  - hostname: talos-master-1", new byte[] {'#', 7, '\n'}), AFTER + ":17:", "U+0007 is not allowed"),
                bad("talconfig alias bomb", GENCONFIG, append(AFTER, aliasBomb()), AFTER + ":", "aliases"),
                bad("talconfig alias that names itself", GENCONFIG, append(AFTER, "loop: &l [*l]\n"), AFTER + ":74:", "nested deeper than 200 levels"),
                bad("talconfig is a directory", GENCONFIG, directoryInstead(AFTER), AFTER + ": ", "is a directory"),
                bad("talconfig is empty", GENCONFIG, write(AFTER, ""), AFTER + ": ", "clusterName"),
                bad("talconfig is a list", GENCONFIG, write(AFTER, "- clusterName: homelab\n"), AFTER + ":1:", "must be a map"),
                bad("talconfig is a scalar", DIFF, write(AFTER, "homelab\n"), AFTER + ":1:", "must be a map"),
                bad("talconfig with a tab for indentation", GENCONFIG, replace(AFTER, "    ipAddress: 192.168.20.11", "\tipAddress: 192.168.20.11"), AFTER + ":18:", "not valid YAML"),
                bad("talconfig with two documents", GENCONFIG, append(AFTER, "---\nclusterName: other\n"), AFTER + ":", "expected one YAML document"),

                // --- talconfig semantics, through the other commands (genconfig's own table has the rest) --------
                bad("lint: unknown node key", LINT, replace(AFTER, "    installDisk: /dev/sda", "    instalDisk: /dev/sda"), AFTER + ":16:", "did you mean 'installDisk'?"),
                bad("lint: the --from talconfig does not parse", LINT, replace(BEFORE, "clusterName: homelab", "clusterName: [homelab"), BEFORE + ":", "not valid YAML"),
                bad("diff: a node is not a map", DIFF, replace(AFTER, "  - hostname: talos-master-0\n", "  - talos-master-0\n  - hostname: talos-master-00\n"), AFTER + ":13:", "each node must be a map"),
                bad("plan: hostname is a list", PLAN, replace(AFTER, "hostname: talos-master-1", "hostname: [talos-master-1]"), AFTER + ":17:", "hostname"),
                bad("plan: ipAddress is a map", PLAN, replace(AFTER, "ipAddress: 192.168.20.11", "ipAddress: {lan: 192.168.20.11}"), AFTER + ":18:", "ipAddress"),
                bad("plan: nameservers is a map", PLAN, replace(AFTER, "worker:\n  nameservers:\n    - 192.168.20.1\n    - 1.1.1.1", "worker:\n  nameservers:\n    primary: 192.168.20.1"), AFTER + ":64:", "nameservers"),
                bad("apply: the --to talconfig has an unset variable", APPLY, replace(AFTER, "${TS_AUTHKEY}", "${TS_AUTH_KEY}"), AFTER + ":60:", "variable ${TS_AUTH_KEY} is not set"),
                bad("apply: the --from talconfig is missing", APPLY, delete(BEFORE), BEFORE + ": ", "file not found"),
                bad("verify: the --to talconfig has a bad endpoint", VERIFY, replace(AFTER, "https://192.168.20.10:6443", "https://[::1:6443"), AFTER + ":9:", "must look like https://host[:port]"),
                bad("init: certSANs is a map", INIT, replace(AFTER, "additionalApiServerCertSans:\n  - bastion-k8s.tailnet-4d89.ts.net", "additionalApiServerCertSans:\n  name: bastion-k8s.tailnet-4d89.ts.net"), AFTER + ":10:", "additionalApiServerCertSans"),
                bad("init: talconfig with a NUL byte", INIT, insertBytes(AFTER, "nodes:", NUL), AFTER + ":12:", "a NUL byte"),
                bad("rehearse: after/ talconfig does not parse", REHEARSE, replace(AFTER, "controlPlane:\n  nameservers:", "controlPlane:\n nameservers:"), AFTER + ":", "not valid YAML"),
                bad("rehearse: before/ talconfig with invalid UTF-8", REHEARSE, insertBytes(BEFORE, "nodes:", BAD_UTF8), BEFORE + ":", "not UTF-8 text"),
                bad("genconfig: extensionServices environment entry without =", GENCONFIG, replace(AFTER, "        - TS_AUTH_ONCE=true", "        - TS_AUTH_ONCE"), AFTER + ":61:", "environment[1]: must be KEY=VALUE"),
                bad("genconfig: a huge integer as talosVersion", GENCONFIG, replace(AFTER, "talosVersion: v1.11.5", "talosVersion: 1" + "0".repeat(400)), AFTER + ":7:", "talosVersion"),
                bad("genconfig: nodes is a string", GENCONFIG, write(AFTER, "clusterName: homelab\ntalosVersion: v1.11.5\nkubernetesVersion: v1.34.1\n"
                        + "endpoint: https://192.168.20.10:6443\nnodes: all\n"), AFTER + ":5:", "nodes: must be a list"),

                // --- talenv.yaml ------------------------------------------------------------------------------
                bad("talenv: NUL byte", GENCONFIG, writeBytes(TALENV, concat("TS_AUTHKEY: x\n".getBytes(StandardCharsets.UTF_8), NUL)), TALENV + ":2:", "a NUL byte"),
                bad("talenv: invalid UTF-8", PLAN, writeBytes(TALENV, concat("OTHER: x\n".getBytes(StandardCharsets.UTF_8), BAD_UTF8)), TALENV + ":2:", "not UTF-8 text"),
                bad("talenv: a list", GENCONFIG, write(TALENV, "- TS_AUTHKEY=x\n"), TALENV + ":1:", "must be a map of NAME: value"),
                bad("talenv: a nested value", GENCONFIG, write(TALENV, "TS_AUTHKEY:\n  value: x\n"), TALENV + ":1:", "TS_AUTHKEY: must be a string"),
                bad("talenv: a null value", LINT, write(TALENV, "TS_AUTHKEY:\n"), TALENV + ":1:", "TS_AUTHKEY: must be a string"),
                bad("talenv: duplicate key", GENCONFIG, write(TALENV, "TS_AUTHKEY: a\nTS_AUTHKEY: b\n"), TALENV + ":2:", "duplicate key 'TS_AUTHKEY'"),
                bad("talenv: SOPS-encrypted", GENCONFIG, write(TALENV, "TS_AUTHKEY: ENC[AES256_GCM,data:abc]\nsops:\n  version: 3.8.1\n"), TALENV + ": ", "SOPS-encrypted"),
                bad("talenv: 50 MB", GENCONFIG, append(TALENV, "# padding\n".repeat(HUGE / 10)), TALENV + ": ", "larger than 8 MiB"),
                bad("talenv: missing when named", INIT, delete(TALENV), TALENV + ": ", "file not found"),
                bad("talenv: not valid YAML", DIFF, write(TALENV, "TS_AUTHKEY: 'x\n"), TALENV + ":1:", "not valid YAML"),

                // --- talsecret.yaml -----------------------------------------------------------------------------
                bad("talsecret: missing", PLAN, delete(TALSECRET), TALSECRET + ": ", "would give the cluster a new CA"),
                bad("talsecret: NUL byte", GENCONFIG, insertBytes(TALSECRET, "secrets:", NUL), TALSECRET + ":5:", "a NUL byte"),
                bad("talsecret: invalid UTF-8", GENCONFIG, insertBytes(TALSECRET, "secrets:", BAD_UTF8), TALSECRET + ":5:", "not UTF-8 text"),
                bad("talsecret: a list", GENCONFIG, write(TALSECRET, "- cluster\n"), TALSECRET + ":1:", "map"),
                bad("talsecret: empty", GENCONFIG, write(TALSECRET, ""), TALSECRET + ": ", "empty"),
                bad("talsecret: unknown top-level key", GENCONFIG, replace(TALSECRET, "trustdinfo:", "trustinfo:"), TALSECRET + ":8:", "trustinfo"),
                bad("talsecret: bad bootstrap token", GENCONFIG, replace(TALSECRET, "bootstraptoken: 52c793.bihdimv8wdp3pbqa", "bootstraptoken: 52c793"), TALSECRET + ":6:", "secrets.bootstraptoken"),
                bad("talsecret: trustdinfo is a string", GENCONFIG, replace(TALSECRET, "trustdinfo:\n  token: 7n7nl8.ivdlwmpdgtmizc6e", "trustdinfo: 7n7nl8.ivdlwmpdgtmizc6e"), TALSECRET + ":8:", "trustdinfo"),
                bad("talsecret: os key is not PEM", GENCONFIG, replaceLine(TALSECRET, "    key: LS0tLS1CRUdJTiBFRDI1NTE5", "    key: aGVsbG8gd29ybGQ="), TALSECRET + ":24:", "certs.os.key"),
                bad("talsecret: not valid YAML", DIFF, replace(TALSECRET, "cluster:\n  id:", "cluster:\n id: [\n  id:"), TALSECRET + ":", "not valid YAML"),
                bad("talsecret: duplicate key", LINT, replace(TALSECRET, "trustdinfo:", "secrets:\n  x: y\ntrustdinfo:"), TALSECRET + ":8:", "secrets"),
                bad("talsecret: 50 MB", INIT, append(TALSECRET, "# padding\n".repeat(HUGE / 10)), TALSECRET + ": ", "larger than 8 MiB"),

                // --- patch files (@path) and inline patches --------------------------------------------------------
                bad("patch file: not found", GENCONFIG, append(AFTER, "  - \"@patches/missing.yaml\"\n"), AFTER + ":74:", "patch file 'patches/missing.yaml' not found"),
                bad("patch file: not valid YAML", GENCONFIG, withPatchFile("machine:\n  kubelet: [\n"), PATCH + ":", "YAML"),
                bad("patch file: NUL byte", PLAN, withPatchFileBytes(concat("machine:\n".getBytes(StandardCharsets.UTF_8), NUL)), PATCH + ":2:", "a NUL byte"),
                bad("patch file: invalid UTF-8", LINT, withPatchFileBytes(concat("machine:\n".getBytes(StandardCharsets.UTF_8), BAD_UTF8)), PATCH + ":2:", "not UTF-8 text"),
                bad("patch file: 50 MB", GENCONFIG, withPatchFile("# padding\n".repeat(HUGE / 10)), PATCH + ": ", "larger than 8 MiB"),
                bad("patch file: 20,000 nested [", GENCONFIG, withPatchFile("machine: " + "[".repeat(20_000) + "\n"), PATCH + ":1:", "nested deeper than 200 levels"),
                bad("patch file: a directory", GENCONFIG, withPatchFile("x: 1\n").and(directoryInstead(PATCH)), AFTER + ":74:", "patch file 'patches/kubelet.yaml' is a directory"),
                bad("patch file: a field Talos does not know", GENCONFIG, withPatchFile("machine:\n  kubelet:\n    nodeIp: {}\n"), PATCH + ":3:", "did you mean 'nodeIP'?"),
                bad("patch file: a JSON patch with an unknown op", GENCONFIG, withPatchFile("- op: frobnicate\n  path: /machine/install/disk\n  value: /dev/sdb\n"), PATCH + ":", "frobnicate"),
                bad("patch file: a JSON patch on the homelab's nodes, whose configs have an ExtensionServiceConfig beside v1alpha1", PLAN,
                        withPatchFile("- op: remove\n  path: /machine/nothing/here\n"), PATCH + ":1:",
                        "JSON6902 patches are not supported for multi-document machine configuration"),
                bad("patch file: a list of scalars", GENCONFIG, withPatchFile("- 1\n- 2\n"), PATCH + ":", "patch"),
                bad("patch file: outside the talconfig's tree (init)", new String[] {"init", "{ws}/new-dir", "--from", "{ws}/after/nested/talconfig.yaml", "-e", "{ws}/" + TALENV, "-s", "{ws}/" + TALSECRET},
                        write("elsewhere.yaml", "machine: {}\n").and(ws -> Files.createDirectories(ws.resolve("after/nested")))
                                .and(ws -> Files.copy(ws.resolve(AFTER), ws.resolve("after/nested/talconfig.yaml")))
                                .and(append("after/nested/talconfig.yaml", "  - \"@../../elsewhere.yaml\"\n")),
                        "after/nested/talconfig.yaml: ", "lies outside the talconfig's directory tree"),
                bad("inline patch: alias bomb", GENCONFIG, append(AFTER, "  - |-\n" + indent(aliasBomb(), "    ")), AFTER + ":", "aliases"),
                bad("inline patch: 300 nested lists", GENCONFIG, append(AFTER, "  - |-\n    machine: " + "[".repeat(300) + "\n"), AFTER + ":75:", "nested deeper than 200 levels"),
                bad("inline patch: a number where a map goes", PLAN, replace(AFTER, "      kubelet:\n        nodeIP:", "      kubelet: 5\n      x:\n        nodeIP:"), AFTER + ":70:", "kubelet"),

                // --- inventory.yaml -----------------------------------------------------------------------------
                bad("inventory: unknown key", LINT, replace(INVENTORY, "    tailscale: 100.101.0.11", "    tailscle: 100.101.0.11"), INVENTORY + ":14:", "tailscle"),
                bad("inventory: address without prefix", LINT, replace(INVENTORY, "eth0: [192.168.20.11/24]", "eth0: [192.168.20.11]"), INVENTORY + ":13:", "192.168.20.11"),
                bad("inventory: node without interfaces", LINT, replace(INVENTORY, "  talos-master-1:\n    interfaces:\n      eth0: [192.168.20.11/24]\n", "  talos-master-1:\n"), INVENTORY + ":11:", "interfaces"),
                bad("inventory: interfaces is a list", REHEARSE, replace(INVENTORY, "    interfaces:\n      eth0: [192.168.20.12/24]", "    interfaces:\n      - 192.168.20.12/24"), INVENTORY + ":16:", "interfaces"),
                bad("inventory: bad tailscale address", REHEARSE, replace(INVENTORY, "tailscale: 100.101.0.20", "tailscale: 100.101.0.300"), INVENTORY + ":22:", "100.101.0.300"),
                bad("inventory: a list", LINT, write(INVENTORY, "- talos-master-0\n"), INVENTORY + ":1:", "an inventory is a map"),
                bad("inventory: NUL byte", LINT, insertBytes(INVENTORY, "  talos-master-2:", NUL), INVENTORY + ":15:", "a NUL byte"),
                bad("inventory: invalid UTF-8", REHEARSE, insertBytes(INVENTORY, "  talos-master-2:", BAD_UTF8), INVENTORY + ":15:", "not UTF-8 text"),
                bad("inventory: duplicate node", LINT, append(INVENTORY, "  talos-master-0:\n    interfaces:\n      eth0: [192.168.20.10/24]\n"), INVENTORY + ":27:", "duplicate key 'talos-master-0'"),
                bad("inventory: 50 MB", LINT, append(INVENTORY, "# padding\n".repeat(HUGE / 10)), INVENTORY + ": ", "larger than 8 MiB"),
                bad("inventory: missing from the rehearsal directory", REHEARSE, delete(INVENTORY), INVENTORY + ": ", "not found"),
                bad("inventory: an address that is a map", LINT, replace(INVENTORY, "eth0: [192.168.20.21/24]", "eth0: [{address: 192.168.20.21/24}]"), INVENTORY + ":25:", "eth0"),

                // --- faults.yaml (rehearse) ---------------------------------------------------------------------
                bad("faults: unknown key", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-1\n    neverReturns: true\n"), FAULTS + ":3:", "neverReturns"),
                bad("faults: unknown node", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-9\n    etcdUnhealthy: true\n"), FAULTS + ":2:", "unknown node 'talos-master-9'"),
                bad("faults: unknown gRPC code", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-1\n    grpcError: {method: ApplyConfiguration, code: BROKEN}\n"), FAULTS + ":3:", "BROKEN"),
                bad("faults: code OK", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-1\n    grpcError: {method: ApplyConfiguration, code: OK}\n"), FAULTS + ":3:", "OK"),
                bad("faults: times is a string", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-1\n    grpcError: {method: ApplyConfiguration, code: UNAVAILABLE, times: twice}\n"), FAULTS + ":3:", "times"),
                bad("faults: negative latency", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-1\n    latency: {method: \"*\", millis: -5}\n"), FAULTS + ":3:", "millis"),
                bad("faults: faults is a map", REHEARSE, write(FAULTS, "faults:\n  node: talos-master-1\n"), FAULTS + ":1:", "'faults' must be a list"),
                bad("faults: an entry without node", REHEARSE, write(FAULTS, "faults:\n  - etcdUnhealthy: true\n"), FAULTS + ":2:", "node"),
                bad("faults: a boolean fault that is a string", REHEARSE, write(FAULTS, "faults:\n  - node: talos-master-1\n    etcdUnhealthy: yes\n"), FAULTS + ":3:", "etcdUnhealthy"),
                bad("faults: NUL byte", REHEARSE, writeBytes(FAULTS, concat("faults:\n".getBytes(StandardCharsets.UTF_8), NUL)), FAULTS + ":2:", "a NUL byte"),
                bad("faults: invalid UTF-8", REHEARSE, writeBytes(FAULTS, concat("faults: []\n".getBytes(StandardCharsets.UTF_8), BAD_UTF8)), FAULTS + ":2:", "not UTF-8 text"),
                bad("faults: 20,000 nested [", REHEARSE, write(FAULTS, "faults: " + "[".repeat(20_000) + "\n"), FAULTS + ":1:", "nested deeper than 200 levels"),
                bad("faults: a directory", REHEARSE, directoryInstead(FAULTS), FAULTS + ": ", "directory"),

                // --- talosconfig --------------------------------------------------------------------------------
                bad("talosconfig: missing (talos)", TALOS, delete(TALOSCONFIG), TALOSCONFIG + ": ", "talosconfig not found"),
                bad("talosconfig: missing (apply)", APPLY, delete(TALOSCONFIG), TALOSCONFIG + ": ", "talosconfig not found"),
                bad("talosconfig: missing (capture)", CAPTURE, delete(TALOSCONFIG), TALOSCONFIG + ": ", "talosconfig not found"),
                bad("talosconfig: key is not a key (capture)", CAPTURE, replaceValue(TALOSCONFIG, "key", "aGVsbG8="), TALOSCONFIG + ":", "key"),
                bad("talosconfig: not valid YAML", TALOS, replace(TALOSCONFIG, "contexts:", "contexts: [\n"), TALOSCONFIG + ":", "not valid YAML"),
                bad("talosconfig: no current context", TALOS, replace(TALOSCONFIG, "context: homelab", "context: \"\""), TALOSCONFIG + ":1:", "no current context"),
                bad("talosconfig: current context not defined", VERIFY, replace(TALOSCONFIG, "context: homelab", "context: office"), TALOSCONFIG + ":2:", "no context named 'office'"),
                bad("talosconfig: no endpoints", TALOS, replace(TALOSCONFIG, "        endpoints:\n            - 127.0.0.1\n", ""), TALOSCONFIG + ":", "endpoints"),
                bad("talosconfig: crt is not base64", TALOS, replaceValue(TALOSCONFIG, "crt", "!!!not-base64"), TALOSCONFIG + ":", "crt"),
                bad("talosconfig: key is not a key", RESUME, replaceValue(TALOSCONFIG, "key", "aGVsbG8="), TALOSCONFIG + ":", "key"),
                bad("talosconfig: a list", TALOS, write(TALOSCONFIG, "- homelab\n"), TALOSCONFIG + ":", "context"),
                bad("talosconfig: NUL byte", TALOS, insertBytes(TALOSCONFIG, "contexts:", NUL), TALOSCONFIG + ":2:", "a NUL byte"),
                bad("talosconfig: invalid UTF-8", ROLLBACK, insertBytes(TALOSCONFIG, "contexts:", BAD_UTF8), TALOSCONFIG + ":2:", "not UTF-8 text"),
                bad("talosconfig: 50 MB", TALOS, append(TALOSCONFIG, "# padding\n".repeat(HUGE / 10)), TALOSCONFIG + ": ", "larger than 8 MiB"),
                bad("talosconfig: contexts is a list", TALOS, replace(TALOSCONFIG, "contexts:\n    homelab:", "contexts:\n  - homelab:"), TALOSCONFIG + ":", "homelab"),

                // --- kubeconfig ---------------------------------------------------------------------------------
                bad("kubeconfig: missing (impact)", IMPACT_KUBE, delete(KUBECONFIG), KUBECONFIG + ": ", "kubeconfig not found"),
                bad("kubeconfig: missing (apply)", APPLY, delete(KUBECONFIG), KUBECONFIG + ": ", "kubeconfig not found"),
                bad("kubeconfig: not valid YAML (impact)", IMPACT_KUBE, replace(KUBECONFIG, "clusters:", "clusters: [\n"), KUBECONFIG + ":", "not valid YAML"),
                bad("kubeconfig: not valid YAML (verify)", VERIFY, replace(KUBECONFIG, "users:", "users: {\n"), KUBECONFIG + ":", "not valid YAML"),
                bad("kubeconfig: not valid YAML (resume)", RESUME, replace(KUBECONFIG, "users:", "users: 'x\n"), KUBECONFIG + ":", "not valid YAML"),
                bad("kubeconfig: empty", IMPACT_KUBE, write(KUBECONFIG, ""), KUBECONFIG + ": ", "not a kubeconfig"),
                bad("kubeconfig: a list", APPLY, write(KUBECONFIG, "- a\n- b\n"), KUBECONFIG + ":1:", "not a kubeconfig"),
                bad("kubeconfig: clusters is a number", IMPACT_KUBE, replace(KUBECONFIG, "clusters:\n  - name: homelab", "clusters: 5\nx:\n  - name: homelab"), KUBECONFIG + ":3:", "clusters must be a list"),
                bad("kubeconfig: a token that is a list", IMPACT_KUBE, replace(KUBECONFIG, "token: kubeconfig-token-TESTONLY-0123456789", "token: [kubeconfig-token-TESTONLY-0123456789]"), KUBECONFIG + ":16:", "users[0].user.token must be a string"),
                bad("kubeconfig: NUL byte", IMPACT_KUBE, insertBytes(KUBECONFIG, "users:", NUL), KUBECONFIG + ":", "a NUL byte"),
                bad("kubeconfig: invalid UTF-8", VERIFY, insertBytes(KUBECONFIG, "users:", BAD_UTF8), KUBECONFIG + ":", "not UTF-8 text"),
                bad("kubeconfig: a directory", IMPACT_KUBE, directoryInstead(KUBECONFIG), KUBECONFIG + ": ", "directory"),
                bad("kubeconfig: 20,000 nested [", IMPACT_KUBE, append(KUBECONFIG, "x: " + "[".repeat(20_000) + "\n"), KUBECONFIG + ":", "nested deeper than 200 levels"),

                // --- the rollout journal (resume, rollback) -----------------------------------------------------
                bad("journal: not a journal", RESUME, delete(MANIFEST).and(delete(EVENTS)).and(delete("journal/applier.lock")), JOURNAL + ": ", "no rollout journal here"),
                bad("journal: the directory is missing", ROLLBACK, ws -> deleteTree(ws.resolve(JOURNAL)), JOURNAL + ": ", "no rollout journal here"),
                bad("journal: rollout.json is not JSON", RESUME, write(MANIFEST, "{\"clusterName\": \"homelab\",\n"), MANIFEST + ":2:", "not a journal manifest: Unexpected end-of-input"),
                bad("journal: rollout.json with an unknown mode", RESUME, replace(MANIFEST, "\"AUTO\"", "\"SIDEWAYS\""), MANIFEST + ": ", "mode: 'SIDEWAYS' is not one of"),
                bad("journal: rollout.json without nodes", ROLLBACK, replace(MANIFEST, "\"nodes\"", "\"nodez\""), MANIFEST + ":", "Unrecognized field \"nodez\""), // Jackson notices at the end of the value (line 15), not at the key
                bad("journal: rollout.json naming a node outside the journal", ROLLBACK, replace(MANIFEST, "\"talos-master-0\"", "\"../../talsecret\""), MANIFEST + ": ", "nodes[0].hostname: '../../talsecret' is not a hostname"),
                bad("journal: rollout.json is a list", RESUME, write(MANIFEST, "[]\n"), MANIFEST + ":", "journal manifest"),
                bad("journal: rollout.json with a NUL byte", RESUME, insertBytes(MANIFEST, "  \"mode\"", NUL), MANIFEST + ":", "a NUL byte"),
                bad("journal: events.ndjson has a line that is not JSON", RESUME, append(EVENTS, "this is not an event\n"), EVENTS + ":2:", "journal event"),
                bad("journal: events.ndjson has an unknown event type", ROLLBACK, append(EVENTS, "{\"seq\":2,\"at\":\"2026-12-05T10:00:01Z\",\"type\":\"EXPLODED\"}\n"), EVENTS + ":2:", "journal event"),
                bad("journal: events.ndjson with invalid UTF-8", RESUME, writeBytes(EVENTS, BAD_UTF8), EVENTS + ":1:", "not UTF-8 text"),
                bad("journal: a node's before.yaml is missing", ROLLBACK, delete("journal/nodes/talos-master-1/before.yaml"), "journal/nodes/talos-master-1/before.yaml: ", "missing from the journal"),
                bad("journal: a node's after.yaml is not valid YAML", RESUME, write("journal/nodes/talos-master-2/after.yaml", "machine: [\n"), "journal/nodes/talos-master-2/after.yaml:", "not valid YAML"),
                bad("journal: a node's after.yaml with a NUL byte", RESUME, writeBytes("journal/nodes/talos-worker-gpu-0/after.yaml", NUL), "journal/nodes/talos-worker-gpu-0/after.yaml:1:", "a NUL byte"),

                // --- the rehearsal directory (rehearse) ---------------------------------------------------------
                bad("rehearsal dir: missing", new String[] {"rehearse", "{ws}/nowhere"}, none(), "nowhere: ", "not a directory"),
                bad("rehearsal dir: a file", new String[] {"rehearse", "{ws}/" + TALENV}, none(), TALENV + ": ", "not a directory"),
                bad("rehearsal dir: no before/", REHEARSE, delete(BEFORE), BEFORE + ": ", "not found"),
                bad("rehearsal dir: --after names nothing", new String[] {"rehearse", "{ws}", "--after", "after-typo"}, none(), "after-typo/talconfig.yaml: ", "not found"),
                bad("rehearsal dir: no talsecret.yaml", REHEARSE, delete(TALSECRET), TALSECRET + ": ", "not found"),
                bad("rehearsal dir: before/ and after/ are different clusters", REHEARSE, replace(AFTER, "clusterName: homelab", "clusterName: office"), AFTER + ": ", "cluster 'office' is not before/'s cluster 'homelab'"),
                bad("rehearsal dir: a before/ machine config does not parse", REHEARSE, delete(BEFORE).and(write("before/homelab-talos-master-0.yaml",
                        "version: v1alpha1\nmachine: [\n")), "before/homelab-talos-master-0.yaml:", "not valid YAML"),
                bad("rehearsal dir: before/ runs a node after/ does not list", REHEARSE, delete(BEFORE).and(write("before/homelab-talos-master-9.yaml",
                        "version: v1alpha1\nmachine:\n  type: worker\n  network:\n    hostname: talos-master-9\ncluster:\n  clusterName: homelab\n")),
                        AFTER + ": ", "before/ holds the running node 'talos-master-9'"),
                bad("rehearsal dir: after/ lists a node before/ does not", REHEARSE, replace(AFTER, "  - hostname: talos-worker-gpu-1", "  - hostname: talos-worker-gpu-9"),
                        AFTER + ":", "node 'talos-worker-gpu-9' is not in before/"),
                bad("sim up: before/ talconfig does not parse", new String[] {"sim", "up", "{ws}"}, replace(BEFORE, "clusterName: homelab", "clusterName: [homelab"), BEFORE + ":", "not valid YAML"),

                // --- cluster objects (impact --objects, rehearse's cluster/) --------------------------------------
                bad("objects: not valid YAML", IMPACT_OBJECTS, append(OBJECTS, "---\nkind: [\n"), OBJECTS + ":", "not valid YAML"),
                bad("objects: no kind", IMPACT_OBJECTS, append(OBJECTS, "---\napiVersion: v1\nmetadata: {name: x}\n"), OBJECTS + ":", "expected apiVersion and kind"),
                bad("objects: a List whose item is a string", IMPACT_OBJECTS, write("cluster/list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - just-a-string\n"), "cluster/list.yaml:4:", "not a Kubernetes object"),
                bad("objects: NUL byte", IMPACT_OBJECTS, writeBytes("cluster/bin.yaml", NUL), "cluster/bin.yaml:1:", "a NUL byte"),
                bad("objects: invalid UTF-8", REHEARSE, writeBytes("cluster/latin1.yaml", BAD_UTF8), "cluster/latin1.yaml:1:", "not UTF-8 text"),
                bad("objects: 50 MB", IMPACT_OBJECTS, append(OBJECTS, "# padding\n".repeat(HUGE / 10)), OBJECTS + ": ", "larger than 8 MiB"),
                bad("objects: 20,000 nested {", IMPACT_OBJECTS, write("cluster/deep.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: " + "{a: ".repeat(20_000) + "\n"), "cluster/deep.yaml:3:", "nested deeper than 200 levels"),
                bad("objects: duplicate key", IMPACT_OBJECTS, write("cluster/dup.yaml", "apiVersion: v1\nkind: ConfigMap\nkind: Secret\n"), "cluster/dup.yaml:3:", "duplicate key 'kind'"),
                bad("objects: metadata is a string", IMPACT_OBJECTS, write("cluster/meta.yaml", "apiVersion: v1\nkind: Service\nmetadata: svc\n"), "cluster/meta.yaml:", "metadata"),

                // --- inputs that are arguments naming a file to write -------------------------------------------
                bad("gensecret: the file exists", new String[] {"gensecret", "-o", "{ws}/" + TALSECRET}, none(), TALSECRET + ": ", "exists"),
                bad("init: the directory is not empty", new String[] {"init", "{ws}/before", "--from", "{ws}/" + AFTER, "-s", "{ws}/" + TALSECRET}, none(), "before: ", "not empty"),
                bad("capture: the directory is not empty", new String[] {"capture", "{ws}/before", "--talosconfig", "{ws}/" + TALOSCONFIG}, none(), "before: ", "not empty"),
                bad("apply: --journal is a journal already", new String[] {"apply", "--from", "{ws}/" + BEFORE, "--to", "{ws}/" + AFTER, "-e", "{ws}/" + TALENV,
                        "-s", "{ws}/" + TALSECRET, "--talosconfig", "{ws}/" + TALOSCONFIG, "--kubeconfig", "{ws}/" + KUBECONFIG, "--journal", "{ws}/" + JOURNAL, "--yes"},
                        none(), JOURNAL + ": ", "already holds a rollout journal"));
    }

    // --- the workspace every case starts from -----------------------------------------------------------

    @TempDir
    static Path template;

    @TempDir
    Path ws;

    @BeforeAll
    static void buildTheWorkspaceTemplate() throws IOException {
        Fixtures.copy("homelab", template);
        Path configs = Files.createTempDirectory("corpus-configs");
        try {
            for (String side : List.of("before", "after")) {
                CliRun run = CliRun.of("genconfig", "-c", template.resolve(side + "/talconfig.yaml").toString(), "-e",
                        template.resolve(TALENV).toString(), "-s", template.resolve(TALSECRET).toString(), "-o", configs.resolve(side).toString());
                assertThat(run.exitCode()).as("the unbroken fixture renders: %s", run).isZero();
            }
            // nothing listens on 127.0.0.1:1: a case that gets past input checking fails at once, not after a timeout
            String talosconfig = Files.readString(configs.resolve("after/talosconfig"))
                    .replaceAll("(?m)^(\\s+)- 192\\.168\\.20\\.\\d+$", "$1- 127.0.0.1");
            Files.writeString(template.resolve(TALOSCONFIG), talosconfig.replaceFirst("(?s)(endpoints:\\n\\s+- 127\\.0\\.0\\.1\\n)(\\s+- 127\\.0\\.0\\.1\\n)+", "$1"));
            Files.writeString(template.resolve(KUBECONFIG), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: homelab
                        cluster:
                          server: https://127.0.0.1:1
                    contexts:
                      - name: homelab
                        context: {cluster: homelab, user: admin}
                    current-context: homelab
                    preferences: {}
                    users:
                      - name: admin
                        user:
                          # TEST ONLY
                          token: kubeconfig-token-TESTONLY-0123456789
                    """);
            Files.writeString(template.resolve(FAULTS), "faults:\n  - node: talos-master-1\n    latency: {method: \"*\", millis: 1}\n");
            writeJournal(template.resolve(JOURNAL), configs);
        } finally {
            deleteTree(configs);
        }
    }

    /** A journal as {@code apply} leaves it after STARTED: the manifest, the event log, both configs of every node. */
    private static void writeJournal(Path journal, Path configs) throws IOException {
        List<String> nodes = new ArrayList<>();
        String[][] hosts = {{"talos-master-0", "192.168.20.10", "true"}, {"talos-master-1", "192.168.20.11", "true"},
                {"talos-master-2", "192.168.20.12", "true"}, {"talos-worker-gpu-0", "192.168.20.20", "false"},
                {"talos-worker-gpu-1", "192.168.20.21", "false"}};
        for (String[] h : hosts) {
            Path dir = Files.createDirectories(journal.resolve("nodes").resolve(h[0]));
            Files.copy(configs.resolve("before/homelab-" + h[0] + ".yaml"), dir.resolve("before.yaml"));
            Files.copy(configs.resolve("after/homelab-" + h[0] + ".yaml"), dir.resolve("after.yaml"));
            nodes.add("    {\"hostname\": \"" + h[0] + "\", \"address\": \"" + h[1] + "\", \"controlPlane\": " + h[2] + "}");
        }
        Files.writeString(journal.resolve("rollout.json"), "{\n  \"clusterName\": \"homelab\",\n  \"mode\": \"AUTO\",\n"
                + "  \"tryTimeoutSeconds\": 60,\n  \"gateTimeoutSeconds\": 1,\n  \"maxParallelWorkers\": 1,\n"
                + "  \"tailnetSuffix\": \"tailnet-4d89.ts.net\",\n  \"nodes\": [\n" + String.join(",\n", nodes) + "\n  ]\n}\n");
        Files.writeString(journal.resolve("events.ndjson"), "{\"seq\":1,\"at\":\"2026-12-05T10:00:00Z\",\"node\":null,\"type\":\"STARTED\",\"detail\":\"apply\"}\n");
        Files.writeString(journal.resolve("applier.lock"), ""); // as a clean end leaves it: empty, 0600
        Files.setPosixFilePermissions(journal.resolve("applier.lock"), PosixFilePermissions.fromString("rw-------"));
    }

    // --- the check -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithOneLineAndChangesNothing(Breakage breakage, String[] command, String where, String message) throws IOException {
        copyTree(template, ws);
        List<String> secrets = secretValues(ws);
        breakage.apply(ws);
        Map<String, PathState> before = snapshot(ws);

        CliRun run = CliRun.of(Arrays.stream(command).map(a -> a.replace("{ws}", ws.toString())).toArray(String[]::new));

        String err = run.err();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(err.lines()).as("stderr is one line: %s", err).hasSize(1);
        assertThat(err).as(run.toString()).startsWith(ws + "/" + where).contains(message)
                .doesNotContain("Exception").doesNotContain("\tat ");
        for (String secret : secrets) {
            assertThat(err + run.out()).as("output must not contain secret material").doesNotContain(secret);
        }
        Map<String, PathState> after = snapshot(ws);
        assertThat(changes(before, after)).as("what changed in the workspace").isEmpty();
    }

    // --- the table's vocabulary --------------------------------------------------------------------------

    private static Arguments bad(String name, String[] command, Breakage breakage, String where, String message) {
        return Arguments.of(named(name, breakage), command, where, message);
    }

    /** The homelab's after/ with its kubelet patch moved to {@link #PATCH} and that file's content replaced. */
    private static Breakage withPatchFile(String content) {
        return withPatchFileBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private static Breakage withPatchFileBytes(byte[] content) {
        return append(AFTER, "  - \"@patches/kubelet.yaml\"\n").and(writeBytes(PATCH, content));
    }

    /** Replaces the whole line that starts with {@code lineStart}. */
    private static Breakage replaceLine(String file, String lineStart, String line) {
        return ws -> {
            Path path = ws.resolve(file);
            String text = Files.readString(path);
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(lineStart) + ".*$").matcher(text);
            assertThat(m.find()).as("%s has a line starting with %s", file, lineStart).isTrue();
            Files.writeString(path, text.substring(0, m.start()) + line + text.substring(m.end()));
        };
    }

    /** Replaces the value of the first {@code key:} line (a talosconfig's crt or key). */
    private static Breakage replaceValue(String file, String key, String value) {
        return ws -> {
            Path path = ws.resolve(file);
            String text = Files.readString(path);
            Matcher m = Pattern.compile("(?m)^(\\s+" + key + ": ).*$").matcher(text);
            assertThat(m.find()).as("%s has a %s: line", file, key).isTrue();
            Files.writeString(path, text.substring(0, m.start()) + m.group(1) + value + text.substring(m.end()));
        };
    }

    /** Ten levels of ten aliases each: 10^10 values once expanded. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 10; i++) {
            yaml.append("bomb").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        return yaml.toString();
    }

    private static String nestedBlock(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            yaml.append(" ".repeat(i)).append("k:\n");
        }
        return yaml.append(" ".repeat(depth)).append("v: 1\n").toString();
    }

    private static String indent(String text, String prefix) {
        return text.lines().map(l -> prefix + l + "\n").reduce("", String::concat);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static void copyTree(Path from, Path to) throws IOException {
        DirectoryTrees.copy(from, to, relative -> false);
    }

    /** The paths whose entry differs, with both entries. */
    private static List<String> changes(Map<String, PathState> before, Map<String, PathState> after) {
        java.util.Set<String> paths = new java.util.TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        return paths.stream().filter(p -> !java.util.Objects.equals(before.get(p), after.get(p)))
                .map(p -> p + ": " + before.get(p) + " -> " + after.get(p)).toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Every path under {@code dir} with its POSIX mode and its content, compared whole (hashing each file with SHA-256 took 8%
     * of the suite's CPU samples under C1, which lacks the SHA intrinsic).
     */
    private static Map<String, PathState> snapshot(Path dir) throws IOException {
        Map<String, PathState> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? new PathState("dir " + mode, null) : new PathState(mode, Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** What a snapshot keeps of a path; shown as its mode and size, never its content (it may be a secret). */
    private record PathState(String mode, byte[] content) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PathState other && mode.equals(other.mode) && Arrays.equals(content, other.content);
        }

        @Override
        public int hashCode() {
            return mode.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return content == null ? mode : mode + " " + content.length + " bytes";
        }
    }

    /** The workspace's secrets: talsecret.yaml's values, talenv's auth key, the talosconfig's key, the kubeconfig's token. */
    private static List<String> secretValues(Path ws) throws IOException {
        List<String> values = new ArrayList<>();
        Pattern value = Pattern.compile("^\\s*(?:[A-Za-z0-9_]+): (\\S{12,})$");
        for (String file : List.of(TALSECRET, TALENV, TALOSCONFIG, KUBECONFIG)) {
            for (String line : Files.readAllLines(ws.resolve(file))) {
                Matcher m = value.matcher(line);
                if (m.matches() && !m.group(1).startsWith("https://")) {
                    String v = m.group(1);
                    values.add(v.length() > 40 ? v.substring(v.length() / 2 - 10, v.length() / 2 + 10) : v);
                }
            }
        }
        assertThat(values).as("secret values found in the workspace").hasSizeGreaterThanOrEqualTo(14);
        return values;
    }
}
