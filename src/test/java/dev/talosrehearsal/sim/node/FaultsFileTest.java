package dev.talosrehearsal.sim.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.testing.Homelab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsFileTest {
    static final String EXAMPLE = """
            faults:
              - node: talos-master-1
                neverReturnsFromReboot: true
              - node: talos-worker-gpu-0
                grpcError: {method: ApplyConfiguration, code: UNAVAILABLE, message: "connection reset", times: 1}
              - node: talos-master-2
                latency: {method: "*", millis: 200}
              - node: talos-master-0
                etcdUnhealthy: true
              - node: talos-worker-gpu-1
                kubeletCrashloop: true
            """;

    @Test
    void theDocumentedExampleReadsIntoPerNodeFaults() {
        FaultsFile file = FaultsFile.parse(EXAMPLE, "faults.yaml");
        file.checkNodes(Homelab.ALL);
        assertThat(file.forNode("talos-master-1").neverReturnsFromReboot()).isTrue();
        assertThat(file.forNode("talos-master-0").etcdUnhealthy()).isTrue();
        assertThat(file.forNode("talos-worker-gpu-1").kubeletCrashloop()).isTrue();
        assertThat(file.forNode("talos-master-2").latency("Version")).isEqualTo(Duration.ofMillis(200));
        assertThat(file.forNode("talos-master-0").latency("Version")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aGrpcErrorWithTimesFailsThatManyCallsThenStops() {
        NodeFaults faults = FaultsFile.parse(EXAMPLE, "faults.yaml").forNode("talos-worker-gpu-0");
        assertThat(faults.takeGrpcError("Version")).isEmpty();
        NodeApiException e = faults.takeGrpcError("ApplyConfiguration").orElseThrow();
        assertThat(e.code()).isEqualTo(ApiCode.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("connection reset");
        assertThat(faults.takeGrpcError("ApplyConfiguration")).isEmpty();
    }

    @Test
    void aGrpcErrorWithoutTimesFailsEveryCall() {
        NodeFaults faults = new NodeFaults().grpcError(new NodeFaults.GrpcError("*", ApiCode.PERMISSION_DENIED, "no", null));
        for (int i = 0; i < 5; i++) {
            assertThat(faults.takeGrpcError("Reboot")).isPresent();
        }
    }

    /** rebootIgnored: true ignores every reboot; a number ignores that many, then reboots happen; entries for one node add up. */
    @Test
    void rebootIgnoredIsEveryRebootOrACount() {
        FaultsFile file = FaultsFile.parse("faults:\n  - node: n1\n    rebootIgnored: true\n  - node: n2\n    rebootIgnored: 2\n"
                + "  - node: n2\n    rebootIgnored: 1\n  - node: n3\n    rebootIgnored: false\n", "faults.yaml");
        assertThat(file.forNode("n1").rebootsIgnored()).isEqualTo(Integer.MAX_VALUE);
        NodeFaults n2 = file.forNode("n2");
        assertThat(List.of(n2.takeIgnoredReboot(), n2.takeIgnoredReboot(), n2.takeIgnoredReboot(), n2.takeIgnoredReboot()))
                .containsExactly(true, true, true, false);
        assertThat(file.forNode("n3").takeIgnoredReboot()).isFalse();
        assertThatThrownBy(() -> FaultsFile.parse("faults:\n  - node: n1\n    rebootIgnored: 0\n", "faults.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("faults.yaml:3: rebootIgnored must be true (every reboot) or a whole number of reboots ≥ 1"));
    }

    @Test
    void anUnknownCodeIsReportedAtItsLine() {
        String yaml = "faults:\n  - node: n1\n    grpcError:\n      method: Version\n      code: BROKEN\n";
        assertThatThrownBy(() -> FaultsFile.parse(yaml, "faults.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("faults.yaml:5: grpcError.code: unknown code 'BROKEN'"));
    }

    @Test
    void anUnknownKeyIsReportedAtItsLine() {
        String yaml = "faults:\n  - node: n1\n    etcdUnhealty: true\n";
        assertThatThrownBy(() -> FaultsFile.parse(yaml, "faults.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("faults.yaml:3: unknown key 'etcdUnhealty' (did you mean 'etcdUnhealthy'?)"));
    }

    @Test
    void anUnknownNodeIsReportedAtItsLineOnceTheNodesAreKnown() {
        String yaml = "faults:\n  - node: talos-master-0\n    etcdUnhealthy: true\n  - node: talos-mastr-1\n    etcdUnhealthy: true\n";
        FaultsFile file = FaultsFile.parse(yaml, "faults.yaml");
        assertThatThrownBy(() -> file.checkNodes(List.of("talos-master-0", "talos-master-1")))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("faults.yaml:4: faults: unknown node 'talos-mastr-1' (did you mean 'talos-master-1'?)"));
    }

    @Test
    void anEntryWithoutAFaultOrNodeIsRefused() {
        assertThatThrownBy(() -> FaultsFile.parse("faults:\n  - node: n1\n", "f.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith("f.yaml:2: faults[0] names no fault"));
        assertThatThrownBy(() -> FaultsFile.parse("faults:\n  - etcdUnhealthy: true\n", "f.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith("f.yaml:2: faults[0].node is missing"));
    }

    @Test
    void negativeLatencyIsRefusedAtItsLine() {
        String yaml = "faults:\n  - node: n1\n    latency:\n      method: '*'\n      millis: -5\n";
        assertThatThrownBy(() -> FaultsFile.parse(yaml, "f.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith("f.yaml:5: latency.millis"));
    }

    @Test
    void theTwoOneShotFaultsReadFromTheFileAndAreTakenOnce() {
        FaultsFile file = FaultsFile.parse("""
                faults:
                  - node: talos-master-1
                    bootsPreviousConfig: true
                  - node: talos-worker-gpu-0
                    applyAnswerTimesOut: true
                """, "faults.yaml");
        assertThat(file.forNode("talos-master-1").bootsPreviousConfig()).isTrue();
        NodeFaults w0 = file.forNode("talos-worker-gpu-0");
        assertThat(w0.takeApplyAnswerTimesOut()).isTrue();
        assertThat(w0.takeApplyAnswerTimesOut()).isFalse();
    }
}
