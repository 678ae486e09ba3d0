package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import static dev.talosrehearsal.testing.Breakage.append;
import static dev.talosrehearsal.testing.Breakage.delete;
import static dev.talosrehearsal.testing.Breakage.replace;
import static dev.talosrehearsal.testing.Breakage.replaceEvery;
import static dev.talosrehearsal.testing.Breakage.write;

import dev.talosrehearsal.testing.Breakage;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Every kind of bad input to {@code genconfig} is refused the same way: exit code 2, one line on
 * stderr that starts with {@code file:line:} and says what is wrong, no stack trace, no secret, and
 * nothing written.
 *
 * <p>Each case breaks a scratch copy of the homelab fixture ({@code fixtures/homelab}: {@code after/talconfig.yaml},
 * {@code talenv.yaml}, {@code talsecret.yaml}); line numbers refer to the broken file.
 */
class GenconfigBadInputTest {
    private static final String TALCONFIG = "after/talconfig.yaml";
    private static final String TALENV = "talenv.yaml";
    private static final String TALSECRET = "talsecret.yaml";

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- YAML that does not parse ----------------------------------------------------------
                bad("bad indentation",
                        replace(TALCONFIG, "    ipAddress: 192.168.20.11", "      ipAddress: 192.168.20.11"),
                        "after/talconfig.yaml:18:", "not valid YAML"),
                bad("unclosed quote",
                        replace(TALCONFIG, "endpoint: https://192.168.20.10:6443", "endpoint: 'https://192.168.20.10:6443"),
                        "after/talconfig.yaml:9:", "not valid YAML"),
                bad("duplicate key",
                        replace(TALCONFIG, "talosVersion: v1.11.5", "talosVersion: v1.11.5\nclusterName: homelab"),
                        "after/talconfig.yaml:8:", "duplicate key 'clusterName'"),

                // --- keys talhelper does not know, or this tool does not render ------------------------
                bad("unknown top-level key",
                        replace(TALCONFIG, "kubernetesVersion: v1.34.1", "kubernetesVersoin: v1.34.1"),
                        "after/talconfig.yaml:8:", "did you mean 'kubernetesVersion'?"),
                bad("unknown node key",
                        replace(TALCONFIG, "    installDisk: /dev/sda", "    instalDisk: /dev/sda"),
                        "after/talconfig.yaml:16:", "did you mean 'installDisk'?"),
                bad("unknown key in extensionServices",
                        replace(TALCONFIG, "      environment:", "      enviroment:"),
                        "after/talconfig.yaml:59:", "did you mean 'environment'?"),
                bad("the seed's files: shape in extensionServices",
                        replace(TALCONFIG, "      configFiles:\n        - mountPath:", "      files:\n        - path:"),
                        "after/talconfig.yaml:45:", "ExtensionServiceConfig has no 'files'; write configFiles: [{content, mountPath}]"),
                bad("a filenameTmpl that leaves the output directory",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  filenameTmpl: \"../{{ .Hostname }}.yaml\"\n  nameservers:"),
                        "after/talconfig.yaml:34:", "controlPlane.filenameTmpl: gives '../talos-master-0.yaml' for talos-master-0, which is not a file name"),
                bad("a filenameTmpl that gives two nodes one file",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  filenameTmpl: \"{{ .Role }}.yaml\"\n  nameservers:"),
                        "after/talconfig.yaml:", "filenameTmpl gives 'controlplane.yaml' for talos-master-1, the file of another node too"),
                bad("a machine disk partition taking the rest of the disk before another one",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  machineDisks:\n    - device: /dev/sdb\n      partitions:\n        - mountpoint: /var/a\n        - mountpoint: /var/b\n  nameservers:"),
                        "after/talconfig.yaml:37:", "controlPlane.machineDisks[0].partitions[0]: takes the rest of the disk"),
                bad("an extra manifest file that does not exist",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:", "controlPlane:\n  extraManifests:\n    - manifests/none.yaml\n  nameservers:"),
                        "after/talconfig.yaml:35:", "controlPlane.extraManifests[0]: file 'manifests/none.yaml' not found"),
                bad("a firewall default action Talos does not know",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  ingressFirewall:\n    defaultAction: drop\n  nameservers:"),
                        "after/talconfig.yaml:35:", "controlPlane.ingressFirewall.defaultAction: \"drop\" is not a valid default action"),
                bad("two user volumes with one name",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  userVolumes:\n    - name: data\n    - name: data\n  nameservers:"),
                        "after/talconfig.yaml:36:", "controlPlane.userVolumes[1].name: duplicate name 'data'"),
                bad("a schematic field the Image Factory does not know",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  schematic:\n    customization:\n      systemExtension:\n        officialExtensions:\n          - siderolabs/tailscale\n  nameservers:"),
                        "after/talconfig.yaml:36:", "controlPlane.schematic.customization.systemExtension: unknown field of an Image Factory schematic"),
                bad("a machineSpec boot method talhelper refuses",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:", "controlPlane:\n  machineSpec:\n    bootMethod: usb\n  nameservers:"),
                        "after/talconfig.yaml:35:", "'usb' should be one of iso, disk-image, pxe"),
                bad("an @file machine file that does not exist",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  machineFiles:\n    - path: /var/etc/x\n      op: create\n      permissions: 0o644\n      content: \"@files/missing.conf\"\n  nameservers:"),
                        "after/talconfig.yaml:38:", "controlPlane.machineFiles[0].content: file 'files/missing.conf' not found"),
                bad("a Go template in a node label naming a field Talos's config does not have",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  nodeLabels:\n    installer: '{{ .MachineConfig.MachineInstall.Image }}'\n  nameservers:"),
                        "after/talconfig.yaml:", "nodeLabels.installer: no field .MachineConfig.MachineInstall.Image in Talos's v1alpha1 config"),
                bad("a Go template in a node label that talos-rehearsal cannot evaluate",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "controlPlane:\n  nodeLabels:\n    n: '{{ with .MachineConfig.MachineType }}x{{ end }}'\n  nameservers:"),
                        "after/talconfig.yaml:35:", "controlPlane.nodeLabels.n: talhelper evaluates this Go template; talos-rehearsal cannot"),
                bad("a Go template in an inline patch with a function talos-rehearsal does not evaluate",
                        replace(TALCONFIG, "worker:\n  nameservers:",
                                "worker:\n  patches:\n    - |-\n      machine:\n        nodeLabels:\n          x: '{{ .MachineConfig.MachineType | sha256sum }}'\n  nameservers:"),
                        "after/talconfig.yaml:68:", "worker.patches[0]: patch: talhelper renders it as a Go template; talos-rehearsal cannot:"
                                + " {{.MachineConfig.MachineType | sha256sum}}: 'sha256sum' is not supported"),
                bad("a Go template in a patch naming a field Talos's config does not have",
                        replace(TALCONFIG, "worker:\n  nameservers:",
                                "worker:\n  patches:\n    - |-\n      machine:\n        nodeLabels:\n          x: '{{ .MachineConfig.MachineKind }}'\n  nameservers:"),
                        "after/talconfig.yaml:68:", "template: no field .MachineConfig.MachineKind in Talos's v1alpha1 config (node talos-worker-gpu-0)"),
                bad("an installer URL template with a sprig function",
                        replace(TALCONFIG, "controlPlane:\n  nameservers:",
                                "imageFactory:\n  installerURLTmpl: \"{{ .RegistryURL | sha256sum }}/{{ .ID }}\"\ncontrolPlane:\n  nameservers:"),
                        "after/talconfig.yaml:34:", "imageFactory.installerURLTmpl: {{.RegistryURL | sha256sum}}: 'sha256sum' is not supported"),

                // --- values that are not what they should be -------------------------------------------
                bad("bad CIDR in clusterPodNets",
                        replace(TALCONFIG, "additionalApiServerCertSans:", "clusterPodNets:\n  - 10.244.0.0/33\nadditionalApiServerCertSans:"),
                        "after/talconfig.yaml:11:", "'10.244.0.0/33' is not a CIDR"),
                bad("bad nameserver",
                        replace(TALCONFIG, "worker:\n  nameservers:\n    - 192.168.20.1", "worker:\n  nameservers:\n    - 192.168.20.300"),
                        "after/talconfig.yaml:65:", "'192.168.20.300' is not an IP address"),
                bad("duplicate hostname",
                        replace(TALCONFIG, "hostname: talos-master-1", "hostname: talos-master-0"),
                        "after/talconfig.yaml:17:", "duplicate hostname 'talos-master-0'"),
                bad("duplicate ipAddress",
                        replace(TALCONFIG, "ipAddress: 192.168.20.21", "ipAddress: 192.168.20.20"),
                        "after/talconfig.yaml:30:", "duplicate ipAddress '192.168.20.20'"),
                bad("missing hostname",
                        replace(TALCONFIG, "  - hostname: talos-worker-gpu-1\n    ipAddress:", "  - ipAddress:"),
                        "after/talconfig.yaml:29:", "hostname: is required"),
                bad("missing ipAddress",
                        replace(TALCONFIG, "    ipAddress: 192.168.20.20\n", ""),
                        "after/talconfig.yaml:25:", "ipAddress: is required"),
                bad("missing installDisk",
                        replace(TALCONFIG, "    controlPlane: false\n    installDisk: /dev/nvme0n1\n  - hostname: talos-worker-gpu-1",
                                "    controlPlane: false\n  - hostname: talos-worker-gpu-1"),
                        "after/talconfig.yaml:25:", "installDisk: is required"),
                bad("bad hostname",
                        replace(TALCONFIG, "hostname: talos-master-2", "hostname: Talos_Master_2"),
                        "after/talconfig.yaml:21:", "'Talos_Master_2' is not a valid hostname"),
                bad("endpoint with http://",
                        replace(TALCONFIG, "https://192.168.20.10:6443", "http://192.168.20.10:6443"),
                        "after/talconfig.yaml:9:", "must look like https://host[:port]"),
                bad("endpoint on port 0",
                        replace(TALCONFIG, "https://192.168.20.10:6443", "https://192.168.20.10:0"),
                        "after/talconfig.yaml:9:", "must look like https://host[:port]"),
                bad("endpoint with a path",
                        replace(TALCONFIG, "https://192.168.20.10:6443", "https://192.168.20.10:6443/api"),
                        "after/talconfig.yaml:9:", "must look like https://host[:port]"),
                bad("Talos release not rendered (v1.6)",
                        replace(TALCONFIG, "talosVersion: v1.11.5", "talosVersion: v1.6.0"),
                        "after/talconfig.yaml:7:", "Talos v1.6 is not supported"),
                bad("talosVersion that is not a version",
                        replace(TALCONFIG, "talosVersion: v1.11.5", "talosVersion: latest"),
                        "after/talconfig.yaml:7:", "'latest' is not a Talos version"),
                bad("talosVersion with a number no int holds (found by LoaderFuzzTest)",
                        replace(TALCONFIG, "talosVersion: v1.11.5", "talosVersion: v1.11.88888888888888888888888888888888888888888885"),
                        "after/talconfig.yaml:7:", "'v1.11.88888888888888888888888888888888888888888885' is not a Talos version"),
                bad("bad kubernetesVersion",
                        replace(TALCONFIG, "kubernetesVersion: v1.34.1", "kubernetesVersion: v1.34"),
                        "after/talconfig.yaml:8:", "'v1.34' is not a Kubernetes version"),
                bad("no control-plane node",
                        replaceEvery(TALCONFIG, "controlPlane: true", "controlPlane: false"),
                        "after/talconfig.yaml:12:", "no node has controlPlane: true"),
                bad("empty nodes",
                        write(TALCONFIG, "clusterName: homelab\ntalosVersion: v1.11.5\nkubernetesVersion: v1.34.1\n"
                                + "endpoint: https://192.168.20.10:6443\nnodes: []\n"),
                        "after/talconfig.yaml:5:", "at least one node is required"),

                // --- wrong types -------------------------------------------------------------------
                bad("nodes is a map",
                        write(TALCONFIG, "clusterName: homelab\ntalosVersion: v1.11.5\nkubernetesVersion: v1.34.1\n"
                                + "endpoint: https://192.168.20.10:6443\nnodes:\n  talos-master-0:\n    ipAddress: 192.168.20.10\n"),
                        "after/talconfig.yaml:5:", "nodes: must be a list, not a map"),
                bad("patches item is not a string",
                        replace(TALCONFIG, "patches:\n  - |-\n    machine:\n      kubelet:", "patches:\n  - machine:\n      kubelet:"),
                        "after/talconfig.yaml:68:", "must be a string: inline YAML (use '|-') or '@path/to/patch.yaml'"),
                bad("controlPlane: yes (a string in YAML 1.2)",
                        replace(TALCONFIG, "    ipAddress: 192.168.20.10\n    controlPlane: true", "    ipAddress: 192.168.20.10\n    controlPlane: yes"),
                        "after/talconfig.yaml:15:", "controlPlane: must be true or false"),

                // --- patches -------------------------------------------------------------------------
                bad("patch file not found",
                        append(TALCONFIG, "  - \"@patches/missing.yaml\"\n"),
                        "after/talconfig.yaml:74:", "patch file 'patches/missing.yaml' not found"),
                bad("malformed inline patch YAML",
                        replace(TALCONFIG, "        etcd:\n", "        etcd: on\n"),
                        "after/talconfig.yaml:41:", "invalid YAML"),
                bad("JSON patch on a node whose config has more documents than v1alpha1 (the homelab's tailscale ExtensionServiceConfig)",
                        append(TALCONFIG, "  - |-\n    - op: replace\n      path: /machine/nonexistent/field\n      value: 1\n"),
                        "after/talconfig.yaml:75:", "JSON6902 patches are not supported for multi-document machine configuration"),
                bad("patch sets a field Talos does not know (named at its own line, not the patch's first)",
                        replace(TALCONFIG, "        nodeIP:\n", "        nodeIp:\n"),
                        "after/talconfig.yaml:71:", "did you mean 'nodeIP'?"),
                bad("$patch in an inline patch (substituted before patching)",
                        append(TALCONFIG, "  - |-\n    machine:\n      network:\n        $patch: delete\n"),
                        "after/talconfig.yaml:77:", "write '$$patch: delete'"),

                // --- environment substitution ------------------------------------------------------
                bad("unset variable",
                        replace(TALCONFIG, "${TS_AUTHKEY}", "${TS_AUTH_KEY}"),
                        "after/talconfig.yaml:60:", "variable ${TS_AUTH_KEY} is not set"),
                bad("unset variable next to a set secret one",
                        replace(TALCONFIG, "${TS_AUTHKEY}", "${TS_AUTHKEY}${TS_AUTHKEY_SUFFIX}"),
                        "after/talconfig.yaml:60:", "variable ${TS_AUTHKEY_SUFFIX} is not set"),
                bad("empty variable",
                        write(TALENV, "TS_AUTHKEY: \"\"\n"),
                        "after/talconfig.yaml:60:", "variable ${TS_AUTHKEY} is set but empty"),
                bad("unterminated ${",
                        replace(TALCONFIG, "${TS_AUTHKEY}", "${TS_AUTHKEY"),
                        "after/talconfig.yaml:60:", "unterminated ${"),

                // --- the other input files ---------------------------------------------------------
                bad("talconfig.yaml not found",
                        delete(TALCONFIG),
                        "after/talconfig.yaml: ", "file not found"),
                bad("talenv.yaml malformed",
                        append(TALENV, "  OTHER: value\n"),
                        "talenv.yaml:3:", "not valid YAML"),
                bad("secrets file missing",
                        delete(TALSECRET),
                        "talsecret.yaml: ", "would give the cluster a new CA"),
                bad("secrets file corrupt (bad base64 in certs.os.key)",
                        replace(TALSECRET, "    key: LS0tLS1CRUdJTiBFRDI1NTE5", "    key: !!!notbase64LS0tLS1CRUdJTiBFRDI1NTE5"),
                        "talsecret.yaml:24:", "certs.os.key"));
    }

    @TempDir
    Path dir;

    /** The output of a good run, for the cases that start from an existing output directory. */
    @TempDir
    static Path previousRun;

    @BeforeAll
    static void generateTheGoodConfigsOnce() {
        Path ws = previousRun.resolve("ws");
        Fixtures.copy("homelab", ws);
        CliRun run = genconfig(ws, previousRun.resolve("clusterconfig"));
        assertThat(run.exitCode()).as("the unbroken fixture renders: %s", run).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithOneLineAndWritesNothing(Breakage breakage, String where, String message) throws IOException {
        Fixtures.copy("homelab", dir);
        List<String> secrets = secretValues(dir);
        breakage.apply(dir);
        Path out = dir.resolve("clusterconfig");

        CliRun run = genconfig(dir, out);

        assertRefused(run, where, message, secrets);
        assertThat(out).as("output directory").doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leavesAnExistingOutputDirectoryAsItWas(Breakage breakage, String where, String message) throws IOException {
        Fixtures.copy("homelab", dir);
        List<String> secrets = secretValues(dir);
        Path out = copyTree(previousRun.resolve("clusterconfig"), dir.resolve("clusterconfig"));
        Map<String, byte[]> before = contents(out);
        breakage.apply(dir);

        CliRun run = genconfig(dir, out);

        assertRefused(run, where, message, secrets);
        assertThat(contents(out)).as("files in the existing output directory")
                .containsOnlyKeys(before.keySet().toArray(String[]::new));
        before.forEach((name, bytes) -> assertThat(contents(out).get(name)).as(name).isEqualTo(bytes));
    }

    private void assertRefused(CliRun run, String where, String message, List<String> secrets) {
        String err = run.err();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(err.lines()).as("stderr is one line: %s", err).hasSize(1);
        assertThat(err).startsWith(dir + "/" + where).contains(message)
                .doesNotContain("Exception").doesNotContain("\tat ");
        for (String secret : secrets) {
            assertThat(err).as("stderr must not contain secret material").doesNotContain(secret);
        }
    }

    // --- the case table's vocabulary: testing.Breakage ------------------------------------------

    private static Arguments bad(String name, Breakage breakage, String where, String message) {
        return Arguments.of(named(name, breakage), where, message);
    }

    // --- helpers -----------------------------------------------------------------------------

    private static CliRun genconfig(Path ws, Path out) {
        return CliRun.of("genconfig", "-c", ws.resolve(TALCONFIG).toString(), "-s", ws.resolve(TALSECRET).toString(),
                "-e", ws.resolve(TALENV).toString(), "-o", out.toString());
    }

    /** Every secret of the fixture: the talsecret.yaml values and the talenv.yaml auth key. */
    private static List<String> secretValues(Path ws) throws IOException {
        List<String> values = new ArrayList<>();
        Pattern value = Pattern.compile("^\\s*[A-Za-z0-9_]+: (\\S{12,})$");
        for (String file : List.of(TALSECRET, TALENV)) {
            for (String line : Files.readAllLines(ws.resolve(file))) {
                Matcher m = value.matcher(line);
                if (m.matches()) {
                    // of a long value, its middle (key material, not the PEM header) is enough to catch it
                    String v = m.group(1);
                    values.add(v.length() > 40 ? v.substring(v.length() / 2 - 10, v.length() / 2 + 10) : v);
                }
            }
        }
        assertThat(values).as("secret values found in the fixture").hasSizeGreaterThanOrEqualTo(14);
        return values;
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static Map<String, byte[]> contents(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
