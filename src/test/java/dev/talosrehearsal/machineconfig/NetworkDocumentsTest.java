package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.testing.TalconfigText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * networkInterfaces from Talos v1.12 on become network documents, not v1alpha1's deprecated list (talhelper v3.1.16,
 * pkg/talos/nodeconfig.go applyNodeOverride and networkconfig.go); the shapes not written yet are refused rather
 * than written the old way. The documents themselves are pinned by the golden case network-interfaces-v1.13.
 */
class NetworkDocumentsTest {
    private static final String CLUSTER = """
            clusterName: t
            talosVersion: %s
            kubernetesVersion: v1.34.1
            endpoint: https://10.50.0.10:6443
            nodes:
              - hostname: cp-0
                ipAddress: 10.50.0.10
                controlPlane: true
                installDisk: /dev/sda
                networkInterfaces:
                  - interface: %s
            """;

    @TempDir
    Path dir;

    @Test
    void fromV112TheInterfacesAreDocumentsAndNotTheDeprecatedList() throws IOException {
        MachineConfig v112 = render(CLUSTER.formatted("v1.12.9", "eth0\n        addresses: [10.50.0.10/24]"));
        assertThat(v112.at("/machine/network/interfaces").isMissingNode()).isTrue();
        assertThat(v112.documents("LinkConfig")).singleElement()
                .satisfies(d -> assertThat(d.path("addresses").get(0).path("address").asText()).isEqualTo("10.50.0.10/24"));

        MachineConfig v111 = render(CLUSTER.formatted("v1.11.5", "eth0\n        addresses: [10.50.0.10/24]"));
        assertThat(v111.at("/machine/network/interfaces/0/interface").asText()).isEqualTo("eth0");
        assertThat(v111.documents("LinkConfig")).isEmpty();
    }

    @Test
    void anInterfaceFieldNotRenderedFromV112IsRefusedNamingItRatherThanWrittenTheOldWay() {
        String ignored = "eth0\n        ignore: true";
        assertThatThrownBy(() -> render(CLUSTER.formatted("v1.13.9", ignored)))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("node cp-0: networkInterfaces[0].ignore: from Talos v1.12 talhelper writes network documents,"
                        + " and talos-rehearsal does not render this field yet");
    }

    /** Talos v1.13.9 layer2_vip.go, Layer2VIPConfigV1Alpha1.Validate: "name must be a valid IP address". */
    @Test
    void aVipThatIsNotAnAddressIsRefusedAtItsLineAsTalosRefusesTheDocument() {
        String badVip = "eth0\n        addresses: [10.50.0.10/24]\n        vip:\n          ip: 10.50.0.300";
        assertThatThrownBy(() -> render(CLUSTER.formatted("v1.13.9", badVip)))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).line()).as("the vip's ip line").isEqualTo(14))
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("Layer2VIPConfig.name: name must be a valid IP address").contains("Talos refuses this config");
    }

    /** A bond's member selectors written as a map (a real config did): Talos's decoder wants a list; so must the generator. */
    @Test
    void bondMemberSelectorsWrittenAsAMapAreRefusedNamingTheFieldNotACrash() {
        String bond = "bond0\n        bond:\n          mode: active-backup\n          deviceSelectors:\n            permanentAddr: \"*:f0:ab\"";
        assertThatThrownBy(() -> render(CLUSTER.formatted("v1.13.9", bond)))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("node cp-0: networkInterfaces[0].bond.deviceSelectors: expected a list of selectors (- permanentAddr: ...),"
                        + " found a map");
        String listed = "eth0\n        deviceSelector:\n          - driver: ixgbe";
        assertThatThrownBy(() -> render(CLUSTER.formatted("v1.13.9", listed)))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("networkInterfaces[0].deviceSelector: expected a map of selector fields").contains("found a list");
    }

    /** talhelper's GenerateBondConfig (pkg/talos/networkconfig.go) does not copy bond.primary; BondConfig has no such field. */
    @Test
    void aBondsPrimaryIsDroppedAsTalhelperDropsItWithAWarning() throws IOException {
        Path file = dir.resolve("talconfig.yaml");
        Files.writeString(file, CLUSTER.formatted("v1.13.9", "bond0\n        bond:\n          mode: active-backup\n          interfaces: [eth0, eth1]\n"
                + "          primary: eth0"));
        ClusterRenderer renderer = new ClusterRenderer();
        MachineConfig config = renderer.render(new TalConfigLoader(Map.of()).load(file), SecretsFile.read(GoldenGeneratorTest.TEST_SECRETS))
                .nodes().get(0).config();

        assertThat(config.documents("BondConfig")).singleElement().satisfies(b -> assertThat(b.has("primary")).isFalse());
        assertThat(renderer.warnings()).anySatisfy(w -> assertThat(w).endsWith("node cp-0: networkInterfaces[0].bond.primary: from Talos v1.12"
                + " talhelper drops it (BondConfig has no primary), so the bond runs without one"));
    }

    private MachineConfig render(String talconfig) throws IOException {
        return TalconfigText.firstNode(dir, talconfig);
    }
}
