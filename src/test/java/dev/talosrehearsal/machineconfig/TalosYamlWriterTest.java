package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The layout gopkg.in/yaml.v3 writes with Talos's encoder settings (indent 4), which talhelper's
 * output has and operators diff against: 4-space indentation, sequences indented under their key,
 * the first key of a map in a list after {@code "- "} and the rest at dash+2 with their children at
 * dash+4, literal blocks with exact chomping, {@code {}}/{@code []}/{@code ""} for empty values, and
 * double quotes for strings that would read back as something else.
 *
 * <p>Every layout test also checks the round trip: {@link MachineConfig#parse} of the output gives
 * back the same tree, keys in the same order.
 */
class TalosYamlWriterTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static ObjectNode doc() {
        return F.objectNode().put("version", "v1alpha1");
    }

    /** Writes, then parses the output back and requires the same tree in the same key order. */
    private static String write(ObjectNode document) {
        String yaml = TalosYamlWriter.write(List.of(document));
        JsonNode back = MachineConfig.parse(yaml, "test.yaml").documents().get(0);
        assertThat(back).as("round trip of:\n" + yaml).isEqualTo(document);
        assertThat(back.toString()).as("key order after round trip of:\n" + yaml).isEqualTo(document.toString());
        return yaml;
    }

    @Test
    void nestedMapsIndentByFourSpaces() {
        ObjectNode d = doc();
        d.putObject("machine").putObject("kubelet").put("image", "ghcr.io/siderolabs/kubelet:v1.34.1")
                .putObject("nodeIP");
        ((ObjectNode) d.get("machine").get("kubelet").get("nodeIP")).putArray("validSubnets").add("192.168.1.0/24");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                machine:
                    kubelet:
                        image: ghcr.io/siderolabs/kubelet:v1.34.1
                        nodeIP:
                            validSubnets:
                                - 192.168.1.0/24
                """);
    }

    @Test
    void listsAreIndentedUnderTheirKey() {
        ObjectNode d = doc();
        d.putArray("certSANs").add("a.example.net").add("b.example.net");
        d.putObject("cluster").putObject("network").putArray("podSubnets").add("10.244.0.0/16");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                certSANs:
                    - a.example.net
                    - b.example.net
                cluster:
                    network:
                        podSubnets:
                            - 10.244.0.0/16
                """);
    }

    /** Talos's own golden files: {@code - name: PodSecurity} then {@code configuration:} at dash+2, its keys at dash+4. */
    @Test
    void listOfMapsPutsTheFirstKeyAfterTheDashAndTheRestAtDashPlusTwo() {
        ObjectNode d = doc();
        ObjectNode api = d.putObject("cluster").putObject("apiServer");
        ObjectNode podSecurity = api.putArray("admissionControl").addObject();
        podSecurity.put("name", "PodSecurity");
        ObjectNode configuration = podSecurity.putObject("configuration");
        configuration.put("apiVersion", "pod-security.admission.config.k8s.io/v1alpha1");
        configuration.putObject("exemptions").putArray("namespaces").add("kube-system");
        configuration.put("kind", "PodSecurityConfiguration");
        ObjectNode eth0 = d.putObject("machine").putObject("network").putArray("interfaces").addObject();
        eth0.put("interface", "eth0");
        eth0.putArray("addresses").add("192.168.1.10/24");
        ObjectNode vlan = eth0.putArray("vlans").addObject();
        vlan.put("vlanId", 10);
        vlan.putArray("addresses").add("10.0.10.2/24");
        vlan.putObject("dhcpOptions").put("routeMetric", 100);
        eth0.put("mtu", 1500);
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                cluster:
                    apiServer:
                        admissionControl:
                            - name: PodSecurity
                              configuration:
                                apiVersion: pod-security.admission.config.k8s.io/v1alpha1
                                exemptions:
                                    namespaces:
                                        - kube-system
                                kind: PodSecurityConfiguration
                machine:
                    network:
                        interfaces:
                            - interface: eth0
                              addresses:
                                - 192.168.1.10/24
                              vlans:
                                - vlanId: 10
                                  addresses:
                                    - 10.0.10.2/24
                                  dhcpOptions:
                                    routeMetric: 100
                              mtu: 1500
                """);
    }

    @Test
    void multiLineStringsAreLiteralBlocksWithExactChomping() {
        ObjectNode d = doc();
        d.put("clip", "line 1\nline 2\n");          // one trailing newline: |
        d.put("strip", "line 1\nline 2");           // none: |-
        d.put("keep", "line 1\nline 2\n\n");        // more than one: |+
        d.put("blankInside", "a\n\nb\n");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                clip: |
                    line 1
                    line 2
                strip: |-
                    line 1
                    line 2
                keep: |+
                    line 1
                    line 2

                blankInside: |
                    a

                    b
                """);
    }

    @Test
    void blockScalarsInListItemMapsSitAtDashPlusFour() {
        ObjectNode d = F.objectNode().put("apiVersion", "v1alpha1").put("kind", "ExtensionServiceConfig").put("name", "tailscale");
        d.putArray("configFiles").addObject()
                .put("content", "{\n  \"TCP\": {}\n}\n")
                .put("mountPath", "/etc/tailscale/serve.json");
        String yaml = TalosYamlWriter.write(List.of(doc(), d));
        assertThat(yaml).isEqualTo("""
                version: v1alpha1
                ---
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                configFiles:
                    - content: |
                        {
                          "TCP": {}
                        }
                      mountPath: /etc/tailscale/serve.json
                """);
        assertThat(MachineConfig.parse(yaml, "test.yaml").documents()).containsExactly(doc(), d);
    }

    /**
     * go-yaml v3 puts a node that sits directly in a sequence item two columns right of its dash
     * (yaml_emitter_increase_indent_compact): a multi-line string's lines, and a nested list's
     * dashes, the first one on the outer dash's line.
     */
    @Test
    void blockScalarsAndListsDirectlyInAListStartAtDashPlusTwo() {
        ObjectNode d = doc();
        d.putArray("environment").add("A=1\nB=2\n").add("C=3");
        ArrayNode lists = d.putArray("lists");
        lists.addArray().add("a").add("b");
        lists.addArray().addObject().put("k", "v").put("k2", "v2");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                environment:
                    - |
                      A=1
                      B=2
                    - C=3
                lists:
                    - - a
                      - b
                    - - k: v
                        k2: v2
                """);
    }

    @Test
    void emptyValuesAreWrittenInline() {
        ObjectNode d = doc();
        d.putObject("network");
        d.putArray("certSANs");
        d.put("key", "");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                network: {}
                certSANs: []
                key: ""
                """);
    }

    /** go-yaml v3 double-quotes strings that YAML 1.2 or 1.1 would read as bool, number or null. */
    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "True", "1.10", "0644", "42", "1e3", "0x1F", ".5", "null", "~",
            "off", "on", "yes", "no", "y", "n", "Off", "YES", "1:20"})
    void stringsThatLookLikeOtherTypesAreQuoted(String text) {
        ObjectNode d = doc().put("value", text);
        assertThat(write(d)).isEqualTo("version: v1alpha1\nvalue: \"" + text + "\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable", "v1.12.1", "192.168.1.0/24", "https://192.168.1.10:6443", "TS_AUTH_ONCE=true",
            "node.kubernetes.io/exclude-from-external-load-balancers", "ghcr.io/siderolabs/kubelet:v1.34.1", "1.2.3",
            "yEs", "oFF"}) // go-yaml's YAML 1.1 bool list has exact spellings only
    void ordinaryStringsStayPlain(String text) {
        ObjectNode d = doc().put("value", text);
        assertThat(write(d)).isEqualTo("version: v1alpha1\nvalue: " + text + "\n");
    }

    @Test
    void stringsThatCannotBePlainAreDoubleQuoted() {
        ObjectNode d = doc();
        d.put("colon", "a: b");
        d.put("comment", "a #b");
        d.put("lead", "- x");
        d.put("star", "*.example.net");
        d.put("trailing", "x ");
        d.put("quote", "\"hi\" she said");
        d.put("inner", "say \"hi\""); // a quote inside a plain scalar is fine
        d.put("tabbed", "a\tb\nc");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                colon: "a: b"
                comment: "a #b"
                lead: "- x"
                star: "*.example.net"
                trailing: "x "
                quote: "\\"hi\\" she said"
                inner: say "hi"
                tabbed: "a\\tb\\nc"
                """);
    }

    @Test
    void numbersAndBooleansArePlain() {
        ObjectNode d = doc();
        d.put("debug", false);
        d.put("port", 7445);
        d.putNull("nothing");
        assertThat(write(d)).isEqualTo("""
                version: v1alpha1
                debug: false
                port: 7445
                nothing: null
                """);
    }

    @Test
    void documentsAreSeparatedByThreeDashes() {
        ObjectNode hostname = F.objectNode().put("apiVersion", "v1alpha1").put("kind", "HostnameConfig").put("auto", "off")
                .put("hostname", "cp-0");
        String yaml = TalosYamlWriter.write(List.of(doc(), hostname));
        assertThat(yaml).isEqualTo("""
                version: v1alpha1
                ---
                apiVersion: v1alpha1
                kind: HostnameConfig
                auto: "off"
                hostname: cp-0
                """);
        assertThat(MachineConfig.parse(yaml, "test.yaml").documents()).containsExactly(doc(), hostname);
    }
}
