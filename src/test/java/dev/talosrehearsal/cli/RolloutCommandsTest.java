package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan, apply, verify, rollback and resume as an operator runs them, against the seed's cluster simulated
 * in real time (its services restart in 200 ms), reached through a talosconfig and a kubeconfig file.
 */
class RolloutCommandsTest {
    static final Path HOMELAB = Path.of("fixtures/homelab");
    static final String SERVICE = "bastion-k8s.tailnet-4d89.ts.net:6443";
    @TempDir
    static Path dir;
    static SimulatedCluster cluster;
    static Path talosconfig;
    static Path kubeconfig;
    static String resolve;

    @BeforeAll
    static void startHomelab() throws IOException {
        SecretsBundle secrets = SecretsFile.read(HOMELAB.resolve("talsecret.yaml"));
        TalConfig before = new TalConfigLoader(TalEnv.read(HOMELAB.resolve("talenv.yaml"))).load(HOMELAB.resolve("before/talconfig.yaml"));
        RenderedCluster rendered = new ClusterRenderer().render(before, secrets);
        cluster = SimulatedCluster.start(new SimulatedTalosNodes.Spec(rendered, before.talosVersion(), Inventory.read(HOMELAB.resolve("inventory.yaml")),
                secrets, null, new NodeTimings(Duration.ofSeconds(1), Duration.ofMillis(200)), new SimClock()), "embedded", "tailnet-4d89.ts.net");
        cluster.runInRealTime();
        talosconfig = dir.resolve("talosconfig");
        Files.writeString(talosconfig, cluster.talosconfig());
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        resolve = SERVICE + "=" + cluster.resolve(List.of(SERVICE)).get(SERVICE);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-s", HOMELAB.resolve("talsecret.yaml").toString(), "-e", HOMELAB.resolve("talenv.yaml").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static String[] access(String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(List.of("--talosconfig", talosconfig.toString(), "--kubeconfig", kubeconfig.toString(),
                "--tailnet", "tailnet-4d89.ts.net", "--resolve", resolve, "--gate-timeout", "20"));
        return all.toArray(String[]::new);
    }

    @Test
    void applyVerifyRollbackAndResumeTheSeedMigration() throws IOException {
        Path journal = dir.resolve("journal");
        Path report = dir.resolve("report.json");
        CliRun apply = cli(access("apply", "--from", HOMELAB.resolve("before/talconfig.yaml").toString(),
                "--to", HOMELAB.resolve("after/talconfig.yaml").toString(), "--yes", "--journal", journal.toString(),
                "--report", report.toString(), "--report-html", dir.resolve("report.html").toString()));
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("[1/5] talos-master-0 apply … ok (no reboot").contains("gate tailnet-api … ok")
                .contains("outcome: migrated");
        assertThat(Files.readString(report)).contains("\"outcome\" : \"migrated\"").doesNotContain("tskey-auth-");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Outcome: migrated");

        CliRun verify = cli(access("verify", "--to", HOMELAB.resolve("after/talconfig.yaml").toString()));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("PASS node-ip talos-worker-gpu-1: Ready, InternalIP 192.168.20.21")
                .contains("PASS api-through-tailnet talos-master-0").contains("all 17 checks passed");

        CliRun rollback = CliRun.of(access("rollback", "--journal", journal.toString()));
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("rollback talos-worker-gpu-1 … ok").contains("rollback talos-master-0 … ok");
        CliRun verifyBefore = cli(access("verify", "--to", HOMELAB.resolve("before/talconfig.yaml").toString()));
        assertThat(verifyBefore.exitCode()).as(verifyBefore.toString()).isZero();

        CliRun resume = CliRun.of(access("resume", "--journal", journal.toString()));
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).contains("already finished");
    }

    @Test
    void planSaysWhoGoesWhenAndWhyWithoutTouchingAnything() {
        CliRun plan = cli("plan", "--from", HOMELAB.resolve("before/talconfig.yaml").toString(), "--to", HOMELAB.resolve("after/talconfig.yaml").toString());

        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("[1/5] control plane talos-master-0 alone: etcd keeps quorum only while at most 1 of 3 members are disrupted")
                .contains("change  machine.kubelet.nodeIP.validSubnets 100.64.0.0/10 → 192.168.20.0/24")
                // control planes: Talos applies it live, but etcd listens on the new subnet only after a restart
                .contains("reboot  yes, asked by the applier: Talos applies every change live, but etcd takes"
                        + " cluster.etcd.advertisedSubnets only when it starts")
                // workers: no etcd
                .contains("reboot  no: every change applies immediately")
                .contains("warning: etcd's listen subnets change");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path other = dir.resolve("other/talconfig.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, Files.readString(HOMELAB.resolve("after/talconfig.yaml")).replace("clusterName: homelab", "clusterName: staging"));
        String before = HOMELAB.resolve("before/talconfig.yaml").toString();
        String after = HOMELAB.resolve("after/talconfig.yaml").toString();

        assertBad(cli("plan", "--from", before, "--to", other.toString()), "OLD is cluster 'homelab' and NEW is cluster 'staging'");
        assertBad(cli("plan", "--from", before, "--to", after, "--node", "talos-master-9"), "--node talos-master-9: no such node");
        assertBad(cli(access("apply", "--from", before, "--to", after, "--yes", "--journal", dir.resolve("j-unreachable").toString(),
                "--endpoints", "127.0.0.1:1")), "the Talos API endpoint does not answer");
        assertBad(cli(access("apply", "--from", before, "--to", after, "--yes", "--mode", "immediate")), "--mode: unknown apply mode 'immediate'");
        assertBad(CliRun.of(access("resume", "--journal", dir.resolve("no-journal").toString())), "no rollout journal here");
        assertBad(CliRun.of(access("rollback", "--journal", dir.resolve("no-journal").toString())), "no rollout journal here");
    }

    private static void assertBad(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains(message).doesNotContain("\tat ");
    }
}
