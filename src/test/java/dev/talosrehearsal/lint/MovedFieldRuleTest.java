package dev.talosrehearsal.lint;

import static dev.talosrehearsal.lint.LintFixture.FIXED;
import static dev.talosrehearsal.lint.LintFixture.lineOf;
import static dev.talosrehearsal.lint.LintFixture.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moved-field}: a patch edits a v1alpha1 field that the target release keeps in a document. */
class MovedFieldRuleTest {
    private static final String NAMESERVER_PATCH = "patches:\n  - |-\n    machine:\n      network:\n        nameservers: [1.1.1.1]\n  - |-\n";

    @TempDir
    Path dir;

    @Test
    void theNodeIpPatchAtV114IsAnErrorNamingKubeNodeConfigAndTheRenderIsSkipped() {
        String v114 = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.14.0-rc.1");
        Linter.Result result = new LintFixture(dir).lint(v114);
        assertThat(result.findings()).filteredOn(f -> f.ruleId().equals("moved-field")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isEqualTo(lineOf(v114, "    machine:"));
            assertThat(f.why()).contains("machine.kubelet.nodeIP.validSubnets", "KubeNodeConfig document (nodeIP.validSubnets)");
            assertThat(f.fix()).contains("kind: KubeNodeConfig");
        });
        assertThat(result.skipped()).contains(".machine.kubelet.nodeIP is already set in v1alpha1 config");
    }

    @Test
    void nameserversInV1alpha1WarnAtV113WithoutAResolverConfigAndAreAnErrorBesideOne() {
        String v113 = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.13.9");
        String withoutNameservers = replace(replace(v113, "  nameservers:\n    - 192.168.20.1\n  patches:", "  patches:"),
                "worker:\n  nameservers:\n    - 192.168.20.1\n", "");
        String warned = replace(withoutNameservers, "patches:\n  - |-\n", NAMESERVER_PATCH);
        assertThat(new LintFixture(dir).findings(warned, "moved-field")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.why()).contains("machine.network.nameservers", "ResolverConfig");
                });

        Linter.Result refused = new LintFixture(dir).lint(replace(v113, "\npatches:\n  - |-\n", "\n" + NAMESERVER_PATCH));
        assertThat(refused.findings()).anyMatch(f -> f.ruleId().equals("moved-field") && f.severity() == Severity.ERROR);
        assertThat(refused.skipped()).contains(".machine.network.nameservers is already set in v1alpha1 config");
    }

    /** The same nameservers in an {@code @file} patch warn too, at the field's line in that file (they went unnoticed). */
    @Test
    void nameserversInAPatchFileWarnAtTheirLineInIt() throws IOException {
        Files.createDirectories(dir.resolve("patches"));
        Files.writeString(dir.resolve("patches/dns.yaml"), "machine:\n  network:\n    nameservers: [1.1.1.1]\n");
        String v113 = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.13.9");
        String withoutNameservers = replace(replace(v113, "  nameservers:\n    - 192.168.20.1\n  patches:", "  patches:"),
                "worker:\n  nameservers:\n    - 192.168.20.1\n", "");
        String fromFile = replace(withoutNameservers, "\npatches:\n  - |-\n", "\npatches:\n  - \"@./patches/dns.yaml\"\n  - |-\n");
        assertThat(new LintFixture(dir).findings(fromFile, "moved-field")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(Path.of(f.file())).endsWith(Path.of("patches", "dns.yaml"));
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.fix()).doesNotContain("controlPlane.patches");
        });
    }

    /**
     * A kube-apiserver setting patched at the top level reaches the worker too: the fix must not send it to a
     * KubeAPIServerConfig there, which Talos v1.14 refuses on workers (container/validate.go, ControlplaneOnlyConfig).
     */
    @Test
    void aKubeApiServerSettingPatchedForEveryNodeIsSentToTheControlPlanes() {
        String v114 = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.14.0-rc.1");
        String apiServerPatch = "  - |-\n    cluster:\n      apiServer:\n        certSANs: [k8s.example.org]\n";
        String topLevel = replace(v114, "\npatches:\n", "\npatches:\n" + apiServerPatch);
        assertThat(new LintFixture(dir).findings(topLevel, "moved-field"))
                .filteredOn(f -> f.why().contains("cluster.apiServer")).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("kind: KubeAPIServerConfig", "put that patch under controlPlane.patches"));

        String controlPlanes = replace(v114, "  patches:\n    - |-\n      cluster:\n        etcd:",
                "  patches:\n" + apiServerPatch.replace("\n  ", "\n    ").replaceFirst("^  ", "    ")
                        + "    - |-\n      cluster:\n        etcd:");
        assertThat(new LintFixture(dir).findings(controlPlanes, "moved-field"))
                .filteredOn(f -> f.why().contains("cluster.apiServer")).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("kind: KubeAPIServerConfig").doesNotContain("controlPlane.patches"));
    }

    @Test
    void staysSilentOnTheFixedInputAndOnDocumentPatches() {
        assertThat(new LintFixture(dir).findings(FIXED, "moved-field")).isEmpty();
        String v114 = replace(replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.14.0-rc.1"),
                "    machine:\n      kubelet:\n        nodeIP:\n          validSubnets:\n            - 192.168.20.0/24",
                "    apiVersion: v1alpha1\n    kind: KubeNodeConfig\n    nodeIP:\n      validSubnets:\n        - 192.168.20.0/24");
        assertThat(new LintFixture(dir).findings(v114, "moved-field")).isEmpty();
    }
}
