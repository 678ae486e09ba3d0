package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schematic IDs computed offline must be the Image Factory's: the expected IDs are the ones image-factory's own
 * tests pin (pkg/schematic/schematic_test.go at v1.4.0) and talhelper's (pkg/talos/nodeconfig_test.go at v3.1.16,
 * the AMD-microcode-and-NVIDIA schematic). A wrong ID would put an installer without the user's extensions
 * (tailscale, NVIDIA) into every rendered config.
 */
class SchematicIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nothing                          | {}                                                                                   | 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "empty customization              | {\"customization\": {}}                                                              | 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "empty lists are left out         | {\"customization\": {\"extraKernelArgs\": []}}                                       | 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "kernel arguments                 | {\"customization\": {\"extraKernelArgs\": [\"noapic\", \"nolapic\"]}}                | 9cba8e32753f91a16c1837ab8abf356af021706ef284aef07380780177d9a06c",
            "empty extensions are left out    | {\"customization\": {\"extraKernelArgs\": [\"noapic\", \"nolapic\"], \"systemExtensions\": {}}} | 9cba8e32753f91a16c1837ab8abf356af021706ef284aef07380780177d9a06c",
            "META values                      | {\"customization\": {\"meta\": [{\"key\": 10, \"value\": \"foo\"}], \"extraKernelArgs\": []}} | d308a2a5ee2277bed5fbaa104fcbc8d59122abfa737df987a95b4ca763459a7f",
            "overlay, fields in struct order  | {\"overlay\": {\"name\": \"rpi_generic\", \"image\": \"siderolabs/sbc-raspberrypi\"}}  | ee21ef4a5ef808a9b7484cc0dda0f25075021691c8c09a276591eedb638ea1f9",
            "overlay and empty customization  | {\"overlay\": {\"name\": \"rpi_generic\", \"image\": \"siderolabs/sbc-raspberrypi\"}, \"customization\": {}} | ee21ef4a5ef808a9b7484cc0dda0f25075021691c8c09a276591eedb638ea1f9",
            "secure boot certificates         | {\"customization\": {\"secureboot\": {\"includeWellKnownCertificates\": true}}}      | fa8e05f142a851d3ee568eb0a8e5841eaf6b0ebc8df9a63df16ac5ed2c04f3e6",
            "4k sector disk image             | {\"customization\": {\"diskImage\": {\"sectorSize\": 4096}}}                         | 92833e9ddd9bb9e11b2464fa5525429f01866306d52ebd882ee08d7918f6d1ea",
            "talhelper's microcode and NVIDIA | {\"customization\": {\"extraKernelArgs\": [\"hello\", \"hihi\"], \"systemExtensions\": {\"officialExtensions\": [\"siderolabs/amd-ucode\", \"siderolabs/nvidia-fabricmanager\"]}}} | 647a0a54bff662aa12051bc0312097f29d3562107d8e6a8e87ab85b643e25bc0",
    })
    void isTheImageFactorysId(String what, String schematic, String id) throws Exception {
        JsonNode tree = JSON.readTree(schematic);
        assertThat(SchematicId.of(tree)).as(what).isEqualTo(id);
    }

    @org.junit.jupiter.api.Test
    void noSchematicIsTheEmptyOne() {
        assertThat(SchematicId.of(null)).isEqualTo(SchematicId.EMPTY);
    }
}
