package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.kube.impact.ImpactFinding;
import dev.talosrehearsal.kube.impact.ImpactScanner;
import dev.talosrehearsal.kube.impact.ObjectFiles;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.rehearsal.Rehearsal;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture} against a simulated cluster started as {@code sim up} starts it (the fixture's before/, its
 * inventory and cluster/ objects): the twin it writes holds what the nodes run, the machines' addresses, a secrets
 * bundle that renders the fixture's talconfig into exactly the running configs, and the objects the impact scan reads.
 * On fixtures/homelab and fixtures/office, so nothing is tuned to one cluster.
 */
class CaptureCommandTest {
    @TempDir
    Path work;

    /** A running simulated cluster of {@code fixture} with its talosconfig and kubeconfig written into {@code work}. */
    private record Running(RehearsalDirectory fixture, SimulatedCluster cluster, Path talosconfig, Path kubeconfig) implements AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }

    private Running start(Path fixtureDir) throws IOException {
        RehearsalDirectory fixture = new RehearsalDirectory(fixtureDir, "after");
        Rehearsal rehearsal = new Rehearsal(fixture, new Rehearsal.Options("embedded", fixture.tailnetSuffix(null), false, false),
                new PrintWriter(new StringWriter()));
        SimulatedCluster cluster = rehearsal.startCluster();
        Path talosconfig = work.resolve("talosconfig");
        Files.writeString(talosconfig, cluster.talosconfig());
        return new Running(fixture, cluster, talosconfig, cluster.writeKubeconfig(work.resolve("kubeconfig")));
    }

    @Test
    void theHomelabsTwinHoldsWhatItsNodesRunTheirAddressesTheirKeysAndItsObjects() throws IOException {
        try (Running homelab = start(Path.of("fixtures/homelab"))) {
            Path dir = work.resolve("twin");
            CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", homelab.talosconfig().toString(),
                    "--kubeconfig", homelab.kubeconfig().toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertTwin(homelab, dir);
            SecretsBundle keys = homelab.fixture().secrets();
            for (String secret : List.of(keys.clusterSecret(), keys.bootstrapToken(), keys.trustdToken(), keys.secretboxEncryptionSecret(),
                    keys.os().key(), keys.k8s().key(), keys.etcd().key())) {
                assertThat(run.out() + run.err()).as("no secret printed").doesNotContain(secret);
            }
            assertThat(run.out()).contains("captured cluster homelab").contains("5 nodes")
                    .contains("next: copy your new talconfig.yaml").contains("talos-rehearsal rehearse " + dir);

            // the impact scan finds in the captured objects exactly what it finds in the fixture's
            ImpactScanner scanner = new ImpactScanner("100.64.0.0/10", "192.168.20.0/24");
            assertThat(findings(scanner, dir.resolve("cluster"))).isEqualTo(findings(scanner, Path.of("fixtures/homelab/cluster")))
                    .hasSize(30);
            assertThat(dir.resolve("cluster/secrets.yaml")).doesNotExist();
            try (Stream<Path> files = Files.list(dir.resolve("cluster"))) {
                for (Path f : files.toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain("kind: Secret").doesNotContain("resourceVersion");
                }
            }
        }
    }

    @Test
    void theOfficesTwinToo() throws IOException {
        try (Running office = start(Fixtures.copy("office", work.resolve("office")))) {
            Path dir = work.resolve("office-twin");
            CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertTwin(office, dir);
            assertThat(run.out()).contains("captured cluster office").contains("cluster/: not captured (no --kubeconfig)");
            assertThat(dir.resolve("cluster")).doesNotExist();
        }
    }

    /**
     * Nodes upgraded with talosctl upgrade run another release than their configs' installer image names (upgrade leaves
     * machine.install.image as it was; here the configs say v1.11.5, the nodes run v1.14.0-rc.1). The twin's inventory
     * says what they run, so the configs for v1.14 rehearse on it: the way out installer-image-changed names.
     */
    @Test
    void upgradedNodesAreCapturedWithTheReleaseTheyRunAndTakeTheNewReleasesConfigs() throws IOException {
        Path homelab = Fixtures.copy("homelab", work.resolve("homelab"));
        Path inventory = homelab.resolve("inventory.yaml");
        Files.writeString(inventory, Files.readString(inventory).replaceAll("(?m)^(    tailscale: .*)$", "$1\n    talosVersion: v1.14.0-rc.1"));
        Path dir = work.resolve("twin");
        try (Running upgraded = start(homelab)) {
            CliRun capture = CliRun.of("capture", dir.toString(), "--talosconfig", upgraded.talosconfig().toString());

            assertThat(capture.exitCode()).as(capture.toString()).isZero();
            assertThat(capture.out() + capture.err()).contains("talos-master-0 runs Talos v1.14.0-rc.1 but its config's installer image"
                    + " names v1.11.5 (talosctl upgrade leaves machine.install.image as it was): inventory.yaml says talosVersion: v1.14.0-rc.1");
        }
        assertThat(Inventory.read(dir.resolve("inventory.yaml")).nodes().values())
                .allSatisfy(n -> assertThat(n.release()).map(v -> v.tag()).contains("v1.14.0-rc.1"));
        Files.copy(Path.of("fixtures/homelab/after-v1.14/talconfig.yaml"), dir.resolve("after/talconfig.yaml"));
        Files.copy(Path.of("fixtures/homelab/talenv.yaml"), dir.resolve("talenv.yaml"));

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill");
        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        assertThat(rehearse.out()).doesNotContain("installer-image-changed").contains("REHEARSAL PASSED");
    }

    /** The twin with office's after/ put in: rehearse passes as on the fixture, and a spec rolls it out on the twin. */
    @Test
    void theOfficesTwinRehearsesAndRunsSpecsWithTheNewTalconfig() throws IOException {
        Path dir = work.resolve("office-twin");
        try (Running office = start(Fixtures.copy("office", work.resolve("office")))) {
            CliRun capture = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString());
            assertThat(capture.exitCode()).as(capture.toString()).isZero();
        }
        Files.copy(Path.of("fixtures/office/after/talconfig.yaml"), dir.resolve("after/talconfig.yaml"));
        Files.copy(Path.of("fixtures/office/talenv.yaml"), dir.resolve("talenv.yaml"));

        CliRun rehearse = CliRun.of("rehearse", dir.toString());
        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        assertThat(rehearse.out()).contains("simulated cluster office: 4 nodes running before/").contains("REHEARSAL PASSED")
                .as("no talconfig to revert to in a captured before/").contains("== Rollback drill: apply before/'s captured configs again");

        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("features/rollout.feature"), """
                Feature: The office's new talconfig on its twin
                  Scenario: it rolls out
                    Given the simulated cluster is running the "before" configs
                    When I roll out the "after" configs
                    Then the rollout ends "migrated"
                    And every node runs its "after" config
                """);
        CliRun spec = CliRun.of("spec", dir.toString(), "--reports", work.resolve("reports").toString());
        assertThat(spec.exitCode()).as(spec.toString()).isZero();
        assertThat(spec.out()).contains("1 scenario: 1 passed, 0 failed, 0 skipped");
    }

    /**
     * A talosconfig that names no nodes (talosctl's own gen config writes none): the nodes come from cluster discovery's
     * Members on the endpoint, each asked by its first address.
     */
    @Test
    void withoutNodesInTheTalosconfigTheMembersAreCaptured() throws IOException {
        try (Running office = start(Fixtures.copy("office", work.resolve("office")))) {
            String withoutNodes = Files.readString(office.talosconfig()).replaceAll("(?s)\n( +)nodes:\n(\\1 *- [^\n]*\n)*", "\n");
            assertThat(withoutNodes).doesNotContain("nodes:");
            Files.writeString(office.talosconfig(), withoutNodes);
            Path dir = work.resolve("office-twin");

            CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertTwin(office, dir);
        }
    }

    /** -n picks the nodes; an etcd member left out is named, since the twin's etcd would have fewer members. */
    @Test
    void aControlPlaneLeftOutByDashNIsNamedAsAnEtcdMemberTheTwinLacks() throws IOException {
        try (Running office = start(Fixtures.copy("office", work.resolve("office")))) {
            Path dir = work.resolve("office-twin");

            CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString(), "-n", "10.40.0.11,10.40.0.12,10.40.0.31");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("3 nodes (cp-a, cp-b, build-1)")
                    .containsPattern("warning: etcd member cp-c \\(https://[0-9.]+:2380\\) is not among the captured nodes: the twin's etcd has 2 members, the cluster's 3");
            assertThat(Inventory.read(dir.resolve("inventory.yaml")).nodes()).containsOnlyKeys("cp-a", "cp-b", "build-1");
        }
    }

    @Test
    void onlyWorkersHoldNoSecretsBundleAndAreRefused() throws IOException {
        try (Running office = start(Fixtures.copy("office", work.resolve("office")))) {
            Path dir = work.resolve("office-twin");

            CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString(), "-n", "10.40.0.31");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err().strip()).contains("no control plane among the captured nodes (build-1)").hasLineCount(1);
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void aNodeThatDoesNotAnswerFailsTheCaptureNamingItAndNothingIsWritten() throws IOException {
        Path copy = Fixtures.copy("office", work.resolve("office"));
        Files.writeString(copy.resolve("faults.yaml"), """
                faults:
                  - node: build-1
                    grpcError: {method: List, code: UNAVAILABLE, message: "connection reset"}
                """);
        try (Running office = start(copy)) {
            Path dir = work.resolve("office-twin");

            CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("capture failed, nothing written: 10.40.0.31: reading its machine config")
                    .contains("UNAVAILABLE").hasLineCount(1);
            assertThat(dir).doesNotExist();
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".office-twin"));
            }

            // an endpoint that does not answer at all is bad input, as for apply (found by a user trial: exit 1 and a role hint)
            CliRun nowhere = CliRun.of("capture", dir.toString(), "--talosconfig", office.talosconfig().toString(), "--endpoints", "127.0.0.1:1");
            assertThat(nowhere.exitCode()).as(nowhere.toString()).isEqualTo(2);
            assertThat(nowhere.err().strip()).startsWith("the Talos API endpoint does not answer: 127.0.0.1:1").hasLineCount(1);
            assertThat(dir).doesNotExist();
        }
    }

    /**
     * Another cluster's kubeconfig: its objects would stand in the twin as this cluster's, and the impact scan would read
     * them (found by a user trial: capture mixed the two and the rehearsal passed on the wrong objects).
     */
    @Test
    void anotherClustersKubeconfigIsRefusedAndNothingIsWritten() throws IOException {
        try (Running homelab = start(Path.of("fixtures/homelab"))) {
            RehearsalDirectory office = new RehearsalDirectory(Fixtures.copy("office", work.resolve("office")), "after");
            try (SimulatedCluster other = new Rehearsal(office, new Rehearsal.Options("embedded", office.tailnetSuffix(null), false, false),
                    new PrintWriter(new StringWriter())).startCluster()) {
                Path otherKubeconfig = other.writeKubeconfig(work.resolve("office-kubeconfig"));
                Path dir = work.resolve("mixed");
                CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", homelab.talosconfig().toString(),
                        "--kubeconfig", otherKubeconfig.toString());

                assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
                assertThat(run.err().strip()).startsWith(otherKubeconfig + ": its cluster has Nodes ").contains("none of the captured nodes")
                        .doesNotContain("\n");
                assertThat(dir).doesNotExist();

                // verify says so once too, instead of one "no Kubernetes Node" per node only
                CliRun verify = CliRun.of(RealTimeHomelab.inputs("verify", "--to", "fixtures/homelab/before/talconfig.yaml",
                        "--talosconfig", homelab.talosconfig().toString(), "--kubeconfig", otherKubeconfig.toString()));
                assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
                assertThat(verify.out()).contains("FAIL kubeconfig: the kubeconfig's cluster has Nodes build-1, cp-a")
                        .contains("is it this cluster's kubeconfig?");
            }
        }
    }

    @Test
    void aBrokenTalosconfigIsOneLineAndNothingIsWritten() throws IOException {
        Path talosconfig = work.resolve("talosconfig");
        Files.writeString(talosconfig, "context: office\ncontexts:\n  office:\n    endpoints: []\n");
        Path dir = work.resolve("twin");

        CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", talosconfig.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith(talosconfig + ":3: contexts.office.endpoints").hasLineCount(1);
        assertThat(dir).doesNotExist();
    }

    @Test
    void anExistingDirectoryWithFilesIsRefusedBeforeTheClusterIsAsked() throws IOException {
        Path dir = Files.createDirectories(work.resolve("twin"));
        Files.writeString(dir.resolve("keep.txt"), "mine");

        CliRun run = CliRun.of("capture", dir.toString(), "--talosconfig", "fixtures/none/talosconfig");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine");
    }

    /**
     * The twin of a running fixture: before/ what each node runs, its inventory's addresses and image's extension services,
     * a bundle with its keys.
     */
    private static void assertTwin(Running running, Path dir) throws IOException {
        RehearsalDirectory fixture = running.fixture();
        List<String> hosts = fixture.beforeConfigs().nodes().stream().map(RenderedCluster.RenderedNode::hostname).toList();
        for (String host : hosts) {
            Path file = dir.resolve("before/" + fixture.clusterName() + "-" + host + ".yaml");
            SimulatedNode node = running.cluster().talos().node(host);
            assertThat(MachineConfig.parse(Files.readString(file), file.toString())).as(host).isEqualTo(node.activeConfig());
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
        try (Stream<Path> before = Files.list(dir.resolve("before"))) {
            assertThat(before.count()).isEqualTo(hosts.size());
        }
        assertThat(mode(dir.resolve("talsecret.yaml"))).isEqualTo("rw-------");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("before"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("inventory.yaml"))).isEqualTo("rw-------");

        Inventory captured = Inventory.read(dir.resolve("inventory.yaml"));
        assertThat(addresses(captured)).isEqualTo(addresses(fixture.inventory()));
        for (String host : hosts) {
            // every ext-* service the node lists, running or waiting: what its image defines (ServiceList)
            assertThat(captured.node(host).orElseThrow().extensionServices()).as(host)
                    .contains(running.cluster().talos().node(host).image().extensionServices());
        }

        SecretsBundle secrets = SecretsFile.read(dir.resolve("talsecret.yaml"));
        assertThat(SecretsFile.render(secrets)).isEqualTo(SecretsFile.render(fixture.secrets()));
        RenderedCluster rendered = new ClusterRenderer().render(fixture.before().talconfig().orElseThrow(), secrets);
        for (RenderedCluster.RenderedNode node : rendered.nodes()) {
            assertThat(node.config()).as(node.hostname() + " rendered with the captured bundle")
                    .isEqualTo(running.cluster().talos().node(node.hostname()).activeConfig());
        }
        assertThat(dir.resolve("after/README.md")).content().contains("rehearse " + dir);
        assertThat(RehearsalDirectory.isRehearsalDirectory(dir)).isTrue();
    }

    /** Each node's addresses by link and its tailscale address, as text (IPAddress equality ignores prefix lengths). */
    private static Map<String, String> addresses(Inventory inventory) {
        Map<String, String> out = new TreeMap<>();
        inventory.nodes().forEach((host, node) -> out.put(host, node.interfaces().toString() + " tailscale " + node.tailscale()));
        return out;
    }

    private static List<String> findings(ImpactScanner scanner, Path dir) {
        List<String> out = new ArrayList<>();
        for (ImpactFinding f : scanner.scan(ObjectFiles.read(dir).stream().map(ObjectFiles.FileObject::object).toList())) {
            out.add(f.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
