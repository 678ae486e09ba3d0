package dev.talosrehearsal.machineconfig.patch;

import static dev.talosrehearsal.machineconfig.patch.Yaml.docs;
import static dev.talosrehearsal.machineconfig.patch.Yaml.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talconfig.EnvSubstitution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The refusal of a JSON patch on a multi-document config shows the strategic merge patch that does the same, where one
 * does: four of 26 public talconfigs (2026-12-07) carried onedr0p/cluster-template's old
 * {@code - op: remove, path: /cluster/apiServer/admissionControl}, which current talhelper refuses for every node that
 * has a second document.
 */
class StrategicEquivalentTest {
    private static final String V1ALPHA1 = """
            version: v1alpha1
            machine:
              type: controlplane
              kubelet:
                extraArgs:
                  max-pods: "110"
            cluster:
              apiServer:
                admissionControl:
                  - name: PodSecurity
                    configuration: {apiVersion: pod-security.admission.config.k8s.io/v1alpha1}
                certSANs: [10.3.0.5]
            """;

    private static final String SECOND_DOCUMENT = """
            ---
            apiVersion: v1alpha1
            kind: HostnameConfig
            hostname: cp-1
            """;

    private static final String REMOVE_ADMISSION_CONTROL = """
            - op: remove
              path: /cluster/apiServer/admissionControl
            - op: replace
              path: /machine/kubelet/extraArgs/max-pods
              value: "250"
            """;

    @Test
    void theRefusalShowsTheStrategicMergeThatDoesTheSame() {
        assertThatThrownBy(() -> ConfigPatcher.apply(docs(V1ALPHA1 + SECOND_DOCUMENT),
                ConfigPatch.parse(REMOVE_ADMISSION_CONTROL, new ConfigPatch.Origin("patches/admission.yaml", 1))))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).isEqualTo("patches/admission.yaml:1: "
                        + "JSON6902 patches are not supported for multi-document machine configuration (this config has 2 documents:"
                        + " v1alpha1, HostnameConfig); use a strategic merge patch, here: cluster: {apiServer: {admissionControl:"
                        + " {$$patch: delete}}} and machine: {kubelet: {extraArgs: {max-pods: \"250\"}}}"));
    }

    /** The suggestion is only worth showing if it is right: applied where the JSON patch still applies, the same config. */
    @Test
    void theSuggestedPatchesDoWhatTheJsonPatchDoes() {
        List<ObjectNode> byJson = ConfigPatcher.apply(docs(V1ALPHA1), patch(REMOVE_ADMISSION_CONTROL));
        String suggested = StrategicEquivalent.of(patch(REMOVE_ADMISSION_CONTROL).operations()).orElseThrow();

        List<ObjectNode> byMerge = docs(V1ALPHA1);
        for (String part : suggested.split(" and ")) { // as talhelper reads it from a talconfig: variables substituted
            byMerge = ConfigPatcher.apply(byMerge, patch(new EnvSubstitution(Map.of()).apply(part, "talconfig.yaml")));
        }

        assertThat(byMerge).isEqualTo(byJson);
        assertThat(byMerge.get(0).at("/cluster/apiServer").has("admissionControl")).isFalse();
    }

    /** A strategic merge appends to lists and merges mappings: no suggestion rather than a wrong one. */
    @Test
    void listValuesListIndexesAndMovesHaveNoEquivalent() {
        assertThat(StrategicEquivalent.of(patch("- op: replace\n  path: /cluster/apiServer/certSANs\n  value: [10.3.0.6]\n").operations())).isEmpty();
        assertThat(StrategicEquivalent.of(patch("- op: add\n  path: /machine/kubelet/extraArgs\n  value: {a: b}\n").operations())).isEmpty();
        assertThat(StrategicEquivalent.of(patch("- op: remove\n  path: /cluster/apiServer/certSANs/0\n").operations())).isEmpty();
        assertThat(StrategicEquivalent.of(patch("- op: move\n  from: /a\n  path: /b\n").operations())).isEmpty();
        assertThat(StrategicEquivalent.of(patch("- op: remove\n  path: /machine/nodeLabels/node.kubernetes.io~1exclude\n").operations())).isEmpty();
    }
}
