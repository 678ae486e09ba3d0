package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.talosrehearsal.talconfig.TalosVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which keys each release accepts. From v1.12 Talos's schema hides the deprecated v1alpha1 fields
 * (docgen:nodoc in pkg/machinery/config/types/v1alpha1/v1alpha1_types.go) that its decoder still
 * accepts; a patch using them must pass as it does on a real node, and a key Talos really does not
 * know must still be refused.
 */
class TalosFieldsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ObjectNode doc(String yaml) throws Exception {
        return (ObjectNode) YAML.readTree(yaml);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.11.5", "v1.12.9", "v1.13.9"})
    void deprecatedV1alpha1FieldsTalosStillDecodesAreAccepted(String version) throws Exception {
        ObjectNode config = doc("""
                version: v1alpha1
                machine:
                  network:
                    hostname: cp-0
                    nameservers: [192.168.20.1]
                    interfaces:
                      - interface: eth0
                        addresses: [192.168.20.10/24]
                        routes: [{network: 0.0.0.0/0, gateway: 192.168.20.1}]
                  time:
                    servers: [time.cloudflare.com]
                  registries:
                    mirrors:
                      docker.io: {endpoints: [https://mirror.example]}
                  install:
                    extraKernelArgs: [console=ttyS0]
                  features:
                    rbac: true
                """);
        assertThat(TalosFields.forVersion(TalosVersion.parse(version)).unknownField(config)).isEmpty();
    }

    /**
     * Fields no schema lists since v1.8 (docgen:nodoc there already), which every release's structs still decode
     * (v1alpha1_types.go, v1.8.4 to v1.14.0-rc.1): real talconfigs carry them (a user's v1.7-era
     * {@code allowSchedulingOnMasters}, {@code install.bootloader}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.8.4", "v1.11.5", "v1.12.9", "v1.13.9", "v1.14.0-rc.1"})
    void deprecatedFieldsNoSchemaListsAreAcceptedAtEveryRelease(String version) throws Exception {
        ObjectNode config = doc("""
                version: v1alpha1
                persist: true
                machine:
                  install:
                    bootloader: true
                  network:
                    interfaces:
                      - interface: eth0
                        cidr: 192.168.20.10/24
                        vlans:
                          - vlanId: 20
                            cidr: 192.168.21.10/24
                cluster:
                  allowSchedulingOnMasters: true
                  etcd:
                    subnet: 192.168.20.0/24
                """);
        assertThat(TalosFields.forVersion(TalosVersion.parse(version)).unknownField(config)).isEmpty();
    }

    /**
     * Talos decodes a config with go-yaml v3, which refuses a value of the wrong shape ("cannot unmarshal !!str `jumbo`
     * into int"): a string where a number or a boolean goes, a scalar where a list or a map goes. Any scalar goes into a
     * string field, and null anywhere. Real configs carried such mistakes (a scalar searchDomains, sysctls as a list).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.8.4", "v1.13.9", "v1.14.0-rc.1"})
    void aValueOfTheWrongShapeIsRefusedWhereGoYamlWouldRefuseIt(String version) throws Exception {
        TalosFields fields = TalosFields.forVersion(TalosVersion.parse(version));
        assertThat(fields.unknownField(doc("version: v1alpha1\nmachine:\n  network:\n    interfaces:\n      - interface: eth0\n        mtu: jumbo\n")))
                .hasValueSatisfying(u -> {
                    assertThat(u.path()).isEqualTo("machine.network.interfaces[0].mtu");
                    assertThat(u.pointer()).isEqualTo("/machine/network/interfaces/0/mtu");
                    assertThat(u.expected()).isEqualTo("a whole number");
                    assertThat(u.found()).isEqualTo("the string \"jumbo\"");
                });
        assertThat(fields.unknownField(doc("version: v1alpha1\nmachine:\n  sysctls:\n    - net.core.somaxconn=65535\n")))
                .hasValueSatisfying(u -> assertThat(u.expected()).isEqualTo("a map"));
        assertThat(fields.unknownField(doc("version: v1alpha1\ncluster:\n  proxy:\n    disabled: \"yes\"\n")))
                .hasValueSatisfying(u -> assertThat(u.expected()).isEqualTo("true or false"));
        assertThat(fields.unknownField(doc("version: v1alpha1\nmachine:\n  certSANs: a.example\n")))
                .hasValueSatisfying(u -> assertThat(u.expected()).isEqualTo("a list"));
        assertThat(fields.unknownField(doc("""
                version: v1alpha1
                machine:
                  sysctls:
                    vm.nr_hugepages: 1024
                  kubelet:
                    extraArgs:
                      max-pods: 150
                  network:
                    hostname: null
                    interfaces:
                      - interface: eth0
                        mtu: 9000
                        dhcp: true
                """))).as("numbers go into strings, null anywhere").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.11.5", "v1.12.9", "v1.13.9"})
    void aKeyTalosDoesNotKnowIsStillRefusedWithTheNearestName(String version) throws Exception {
        ObjectNode config = doc("""
                version: v1alpha1
                machine:
                  network:
                    interfaces:
                      - interface: eth0
                        adresses: [192.168.20.10/24]
                """);
        assertThat(TalosFields.forVersion(TalosVersion.parse(version)).unknownField(config)).hasValueSatisfying(u -> {
            assertThat(u.path()).isEqualTo("machine.network.interfaces[0].adresses");
            assertThat(u.suggestion()).isEqualTo("addresses");
        });
    }

    @Test
    void onlyV1alpha1FieldsComeBackNotOnesAReleaseRenamed() throws Exception {
        // a non-v1alpha1 document is checked against its own release only: v1.13's UserVolumeConfig mount knows
        // disableAccessTime and secure, not readOnly (pkg/machinery/config/types/block/user_volume_config.go)
        ObjectNode volume = doc("""
                apiVersion: v1alpha1
                kind: UserVolumeConfig
                name: data
                mount:
                  readOnly: true
                """);
        assertThat(TalosFields.forVersion(TalosVersion.parse("v1.13.9")).unknownField(volume))
                .hasValueSatisfying(u -> assertThat(u.path()).isEqualTo("mount.readOnly"));
    }

    /**
     * A log destination's endpoint is a URL string ("udp://127.0.0.1:6051/"): Talos's Endpoint type decodes itself from
     * a string (Endpoint.UnmarshalYAML, v1alpha1_types.go, v1.8.4 to v1.14.0-rc.1), though the published schemas call it
     * an object. Three real talconfigs carried one and were refused as "a map goes there" before the table said so.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.8.4", "v1.11.5", "v1.12.9", "v1.13.9", "v1.14.0-rc.1"})
    void aLogDestinationsEndpointIsAUrlString(String version) throws Exception {
        TalosFields fields = TalosFields.forVersion(TalosVersion.parse(version));
        assertThat(fields.unknownField(doc("""
                version: v1alpha1
                machine:
                  logging:
                    destinations:
                      - endpoint: udp://syslog.example:6051/
                        format: json_lines
                """))).isEmpty();
        assertThat(fields.unknownField(doc("version: v1alpha1\nmachine:\n  logging:\n    destinations:\n      - endpoint: {host: syslog.example}\n")))
                .hasValueSatisfying(u -> {
                    assertThat(u.path()).isEqualTo("machine.logging.destinations[0].endpoint");
                    assertThat(u.expected()).isEqualTo("a single value");
                });
    }

    /**
     * Every field the v1alpha1 Go structs decode (v1alpha1-go-fields.json, derived from Talos v1.13.0's structs, whose
     * fields v1.14.0-rc.1 still has) is known to the v1.13 and v1.14 tables: a schema that hides a deprecated field must
     * not make a config Talos accepts look unknown. v1.14's table had missed install.grubUseUKICmdline,
     * flannel.kubeNetworkPoliciesEnabled and kubespan's excludeAdvertisedNetworks (hidden in the v1.12 and v1.13
     * schemas, absent from v1.11's) until tools/derive-all-config-fields.sh restored from the newest older schema first.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.13.9", "v1.14.0-rc.1"})
    void everyFieldTheV1alpha1StructsDecodeIsKnown(String version) throws Exception {
        TalosFields fields = TalosFields.forVersion(TalosVersion.parse(version));
        com.fasterxml.jackson.databind.JsonNode go;
        try (var in = TalosFieldsTest.class.getResourceAsStream("/dev/talosrehearsal/machineconfig/v1alpha1-go-fields.json")) {
            go = new ObjectMapper().readTree(in).path("types");
        }
        java.util.List<String> unknown = new java.util.ArrayList<>();
        go.fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(field -> {
            String yamlName = field.getValue().path(0).asText();
            if (!yamlName.isEmpty() && !fields.knowsField("v1alpha1." + type.getKey(), yamlName)) {
                unknown.add(type.getKey() + "." + yamlName);
            }
        }));
        assertThat(unknown).as("v1alpha1 fields the %s table does not know", version)
                .allMatch(name -> name.startsWith("PodCheckpointer.")); // a struct no field of the config refers to
    }

    /**
     * Documents as Talos registers them, where the published schemas say otherwise: KubeSpanEndpoints is registered as
     * {@code KubeSpanEndpointsConfig} (kubespan_endpoints.go, v1.8.4 to v1.14.0-rc.1), and ImageVerificationConfig, which
     * Talos decodes from v1.13.0 (security/image_verification.go), is in no schema — a real talconfig's patch carries one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.13.9", "v1.14.0-rc.1"})
    void documentsAreKnownByTheKindTalosRegisters(String version) throws Exception {
        TalosFields fields = TalosFields.forVersion(TalosVersion.parse(version));

        assertThat(fields.unknownField(doc("apiVersion: v1alpha1\nkind: KubeSpanEndpointsConfig\nextraAnnouncedEndpoints: [192.0.2.1:51820]\n")))
                .isEmpty();
        assertThat(fields.unknownField(doc("apiVersion: v1alpha1\nkind: KubeSpanEndpoints\n")))
                .hasValueSatisfying(u -> assertThat(u.path()).isEqualTo("kind"));
        assertThat(fields.unknownField(doc("""
                apiVersion: v1alpha1
                kind: ImageVerificationConfig
                rules:
                  - image: registry.k8s.io/*
                    keyless:
                      issuer: https://accounts.google.com
                      subject: krel-trust@k8s-releng-prod.iam.gserviceaccount.com
                  - image: "*"
                    skip: true
                """))).isEmpty();
        assertThat(fields.unknownField(doc("apiVersion: v1alpha1\nkind: ImageVerificationConfig\nrules:\n  - image: x\n    skp: true\n")))
                .hasValueSatisfying(u -> assertThat(u.suggestion()).isEqualTo("skip"));
        assertThat(TalosFields.forVersion(TalosVersion.parse("v1.12.9")).knowsDocument("ImageVerificationConfig")).isFalse();
    }

    /**
     * What a node on an older release refuses of a config rendered for a newer one (configloader's registry and
     * unknown-keys check): the kinds and fields a later release brought. What no table knows — a field the schemas leave
     * out that a captured config may hold — is no evidence, and passes.
     */
    @Test
    void anOlderReleaseCannotDecodeWhatALaterOneBrought() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode withV112Field = (ObjectNode) yaml.readTree("version: v1alpha1\nmachine:\n  install:\n    grubUseUKICmdline: true\n");
        ObjectNode withNoReleasesField = (ObjectNode) yaml.readTree("version: v1alpha1\nmachine:\n  install:\n    notAField: true\n");
        ObjectNode kubeNodeConfig = (ObjectNode) yaml.readTree("apiVersion: v1alpha1\nkind: KubeNodeConfig\nnodeIP:\n  validSubnets: [10.0.0.0/8]\n");
        ObjectNode unknownKind = (ObjectNode) yaml.readTree("apiVersion: v1alpha1\nkind: NoSuchConfig\n");
        TalosFields v111 = TalosFields.forVersion(TalosVersion.parse("v1.11.5"));
        TalosFields v113 = TalosFields.forVersion(TalosVersion.parse("v1.13.9"));

        assertThat(v111.undecodable(java.util.List.of(withV112Field))).contains("unknown keys found during decoding: machine.install.grubUseUKICmdline");
        assertThat(TalosFields.forVersion(TalosVersion.parse("v1.12.9")).undecodable(java.util.List.of(withV112Field))).isEmpty();
        assertThat(v111.undecodable(java.util.List.of(withNoReleasesField))).isEmpty();
        assertThat(v113.undecodable(java.util.List.of(kubeNodeConfig))).contains("\"KubeNodeConfig\" \"v1alpha1\": not registered");
        assertThat(v113.undecodable(java.util.List.of(unknownKind))).isEmpty();
    }
}
