package dev.talosrehearsal.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * YAML's merge key ({@code <<}), which talhelper reads with go-yaml v3 (decode.go {@code isMerge}, {@code merge}) and
 * real talconfigs use to share a node's settings: the map's own keys win over merged ones, of several merged maps the
 * first that has a key gives it, and each merged value keeps the line it was written on.
 */
class YamlMergeKeyTest {
    private static final String NODES = """
            nodes:
              - &cp
                hostname: cp1
                controlPlane: true
                installDisk: /dev/sda
              - <<: *cp
                hostname: cp2
            """;

    @Test
    void aMergedMapGivesTheKeysTheMapDoesNotSetItself() {
        YamlSource.Document doc = YamlSource.parseOne(NODES, "talconfig.yaml");

        assertThat(doc.root().at("/nodes/1/hostname").asText()).isEqualTo("cp2");
        assertThat(doc.root().at("/nodes/1/installDisk").asText()).isEqualTo("/dev/sda");
        assertThat(doc.root().at("/nodes/1").has("<<")).isFalse();
        assertThat(doc.sources().lineOf("/nodes/1/installDisk")).as("where it was written").isEqualTo(5);
        assertThat(doc.sources().lineOf("/nodes/1/hostname")).isEqualTo(7);
    }

    @Test
    void ofSeveralMergedMapsTheFirstWinsAndTheMapsOwnKeysWinOverAll() {
        YamlSource.Document doc = YamlSource.parseOne("""
                a: &a {disk: /dev/sda, mtu: 1500}
                b: &b {disk: /dev/nvme0n1, role: worker}
                node:
                  mtu: 9000
                  <<: [*a, *b]
                """, "t.yaml");

        assertThat(doc.root().at("/node/disk").asText()).isEqualTo("/dev/sda");
        assertThat(doc.root().at("/node/role").asText()).isEqualTo("worker");
        assertThat(doc.root().at("/node/mtu").asInt()).isEqualTo(9000);
    }

    @Test
    void aQuotedKeyIsAnOrdinaryKeyAndAMergeOfAScalarIsRefusedAtItsLine() {
        assertThat(YamlSource.parseOne("\"<<\": x\n", "t.yaml").root().path("<<").asText()).isEqualTo("x");
        assertThatThrownBy(() -> YamlSource.parseOne("node:\n  <<: plain\n", "t.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("t.yaml:2: a merge key (<<) takes a map or a list of maps"));
    }
}
