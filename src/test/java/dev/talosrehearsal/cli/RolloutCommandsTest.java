package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final Path HOMELAB = RealTimeHomelab.HOMELAB;
    @TempDir
    static Path dir;
    static RealTimeHomelab homelab;

    @BeforeAll
    static void startHomelab() {
        homelab = new RealTimeHomelab(dir);
    }

    @AfterAll
    static void stop() {
        homelab.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.of(RealTimeHomelab.inputs(args));
    }

    private static String[] access(String... more) {
        return homelab.access(more);
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
                .contains("outcome: migrated")
                // the nodes run v1.11.5, the talconfig's talosVersion
                .contains("pre-flight … ok").doesNotContain("pre-flight … note");
        assertThat(Files.readString(report)).contains("\"outcome\" : \"migrated\"").doesNotContain("tskey-auth-");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Outcome: migrated");

        CliRun verify = cli(access("verify", "--to", HOMELAB.resolve("after/talconfig.yaml").toString()));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("PASS node-ip talos-worker-gpu-1: Ready, InternalIP 192.168.20.21")
                .contains("PASS api-through-tailnet talos-master-0")
                .contains("PASS nameservers talos-worker-gpu-1: resolves through 192.168.20.1, 1.1.1.1").contains("all 25 checks passed");

        String events = Files.readString(journal.resolve("events.ndjson"));
        FreshJvmRun.Result declined = FreshJvmRun.main(List.of(), "n\n", access("rollback", "--journal", journal.toString()));
        assertThat(declined.exitCode()).as(declined.toString()).isEqualTo(Main.FOUND);
        assertThat(declined.outText()).contains("back to the configs recorded before the change, in this order: talos-worker-gpu-1, talos-worker-gpu-0,"
                + " talos-master-2, talos-master-1, talos-master-0\n\nRoll these nodes back? [y/N] Not confirmed; nothing was changed.");
        assertThat(Files.readString(journal.resolve("events.ndjson"))).as("declined: the journal as it was").isEqualTo(events);

        CliRun rollback = CliRun.of(access("rollback", "--journal", journal.toString(), "--yes"));
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("rollback talos-worker-gpu-1 … ok").contains("rollback talos-master-0 … ok");
        CliRun verifyBefore = cli(access("verify", "--to", HOMELAB.resolve("before/talconfig.yaml").toString()));
        assertThat(verifyBefore.exitCode()).as(verifyBefore.toString()).isZero();

        CliRun resume = CliRun.of(access("resume", "--journal", journal.toString(), "--yes"));
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        assertThat(resume.out()).as(resume.toString()).isEqualTo(journal + ": this rollout has already finished (rolled-back: rolled back on request);"
                + " nothing to resume\n");
        assertThat(resume.err()).isEmpty();
    }

    /** Issue 15: a missing --talosconfig was found only after the journal (every node's config, keys included) was written. */
    @Test
    void applyChecksEveryInputBeforeWritingTheJournal() throws IOException {
        String before = HOMELAB.resolve("before/talconfig.yaml").toString();
        String after = HOMELAB.resolve("after/talconfig.yaml").toString();
        Path journal = dir.resolve("j-never-written");
        Path missing = dir.resolve("no-such-talosconfig");
        Path noKube = dir.resolve("no-such-kubeconfig");

        assertBad(cli("apply", "--from", before, "--to", after, "--yes", "--journal", journal.toString(), "--talosconfig", missing.toString(),
                "--kubeconfig", homelab.kubeconfig.toString()), missing + ": talosconfig not found");
        assertThat(journal).doesNotExist();
        assertBad(cli("apply", "--from", before, "--to", after, "--yes", "--journal", journal.toString(), "--talosconfig", homelab.talosconfig.toString(),
                "--kubeconfig", noKube.toString()), noKube + ": kubeconfig not found");
        assertThat(journal).doesNotExist();
        assertBad(cli("apply", "--from", before, "--to", after, "--yes", "--journal", journal.toString(), "--talosconfig", homelab.talosconfig.toString(),
                "--kubeconfig", homelab.kubeconfig.toString(), "--resolve", "no-port"), "--resolve no-port: expected NAME:PORT=HOST:PORT");
        assertThat(journal).doesNotExist();
    }

    @Test
    void planSaysWhoGoesWhenAndWhyWithoutTouchingAnything() {
        CliRun plan = cli("plan", "--from", HOMELAB.resolve("before/talconfig.yaml").toString(), "--to", HOMELAB.resolve("after/talconfig.yaml").toString());

        assertThat(plan.exitCode()).isZero();
        // the release pre-flight compares with what each node runs (the talconfig's talosVersion)
        assertThat(plan.out()).startsWith("Rollout plan for cluster homelab (configs for Talos v1.11.5): 5 nodes in 5 steps");
        assertThat(plan.out()).contains("[1/5] control plane talos-master-0 alone: etcd keeps quorum only while at most 1 of 3 members are disrupted")
                .contains("change  machine.kubelet.nodeIP.validSubnets 100.64.0.0/10 → 192.168.20.0/24")
                // control planes: Talos applies it live, but etcd listens on the new subnet only after a restart
                .contains("reboot  yes, asked by the applier: Talos applies every change live, but etcd takes"
                        + " cluster.etcd.advertisedSubnets only when it starts")
                // workers: no etcd
                .contains("reboot  no: every change applies immediately")
                .contains("warning: etcd's listen subnets change");
    }

    /** Talos reads the installer image only to install or upgrade (v1.13.9 CanApplyImmediate; v1.14's documentation). */
    @Test
    void planWarnsThatANewInstallerImageIsNotInstalledByTheRollout() throws IOException {
        Path upgraded = dir.resolve("upgraded/talconfig.yaml");
        Files.createDirectories(upgraded.getParent());
        Files.writeString(upgraded, Files.readString(HOMELAB.resolve("after/talconfig.yaml")).replace("talosVersion: v1.11.5", "talosVersion: v1.11.6"));

        CliRun plan = cli("plan", "--from", HOMELAB.resolve("before/talconfig.yaml").toString(), "--to", upgraded.toString());

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("warning: the installer image changes (Talos v1.11.5 → v1.11.6): applying a config does not install"
                + " it").contains("talosctl upgrade --image factory.talos.dev/metal-installer/").contains(":v1.11.6 (talhelper gencommand upgrade)");
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
        // the refused apply's journal says it ended before anything ran: resume must not roll it out without a pre-flight
        // (it did: found by a user trial)
        CliRun resume = CliRun.of(access("resume", "--journal", dir.resolve("j-unreachable").toString(), "--yes"));
        assertThat(resume.out()).as(resume.toString()).contains("this rollout has already finished (preflight-failed").doesNotContain("apply …");
        assertBad(cli(access("apply", "--from", before, "--to", after, "--yes", "--mode", "immediate")), "--mode: unknown apply mode 'immediate'");
        assertBad(cli(access("verify", "--to", after, "--endpoints", "127.0.0.1:1")), "the Talos API endpoint does not answer");
        assertBad(CliRun.of(access("resume", "--journal", dir.resolve("no-journal").toString())), "no rollout journal here");
        assertBad(CliRun.of(access("rollback", "--journal", dir.resolve("no-journal").toString())), "no rollout journal here");
    }

    /**
     * Another cluster's talosconfig (here: the office's migration against the homelab's): its endpoints answer, but its
     * apid reaches none of the office's addresses. apply's pre-flight and verify say so once, naming the nodes the
     * talosconfig is for, instead of one dial error per node and per check (found by a user trial: 24 errors on one
     * line, and verify called the answering endpoint one that "does not answer").
     */
    @Test
    void anotherClustersTalosconfigIsNamedOnceInPreflightAndVerify() {
        Path office = Path.of("fixtures/office");
        String[] inputs = {"-s", office.resolve("talsecret.yaml").toString(), "-e", office.resolve("talenv.yaml").toString()};
        // the homelab's nodes, on their tailnet or (after the other tests' migration) LAN addresses
        String question = "is it this cluster's talosconfig (its context 'homelab' names other nodes: ";

        CliRun apply = CliRun.of(access(concat(inputs, "apply", "--from", office.resolve("before/talconfig.yaml").toString(),
                "--to", office.resolve("after/talconfig.yaml").toString(), "--yes", "--journal", dir.resolve("j-office").toString())));
        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(Main.FOUND);
        String preflight = apply.out().lines().filter(l -> l.startsWith("pre-flight … failed: ")).findFirst().orElseThrow();
        // the office's three changed nodes (build-1 keeps its config)
        assertThat(preflight).contains("none of the 3 nodes answers the Talos API through the talosconfig's endpoints (127.0.0.1:")
                .contains("which answer themselves: " + question).contains("cp-a (10.40.0.11): ")
                // the dial error once, not again for etcd and for each node's addresses
                .containsOnlyOnce("10.40.0.11:50000").doesNotContain("EtcdMemberList").doesNotContain("cp-b (")
                // and the kubeconfig, the homelab's too, once rather than once per node
                .contains("none of cp-a, cp-b, cp-c: is it this cluster's kubeconfig?").doesNotContain("no Kubernetes Node");

        CliRun verify = CliRun.of(access(concat(inputs, "verify", "--to", office.resolve("after/talconfig.yaml").toString())));
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(verify.err().strip()).startsWith("none of the 4 nodes answers the Talos API").contains(question).hasLineCount(1);
        assertThat(verify.out()).isEmpty();
    }

    private static String[] concat(String[] last, String... first) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(last));
        return all.toArray(String[]::new);
    }

    private static void assertBad(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains(message).doesNotContain("\tat ");
    }
}
