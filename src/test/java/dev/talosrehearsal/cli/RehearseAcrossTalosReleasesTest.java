package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The homelab's migration at every Talos minor the generator renders: the same talconfigs with only
 * {@code talosVersion} changed. Between releases the documents move (hostname and nameservers into
 * HostnameConfig / ResolverConfig at v1.12, no empty machine.network at v1.13) and the node model
 * follows each release (etcd's listen addresses, the concurrent-apply guard), so lint, the gates
 * and the verification must find the new addresses wherever that release keeps them.
 *
 * <p>At v1.14 (rc.1's generator) the kubelet's node IP lives in the KubeNodeConfig document, and Talos refuses
 * the fixture's v1alpha1 patch {@code machine.kubelet.nodeIP} beside it. The test writes that patch as the
 * KubeNodeConfig patch the refusal asks for ({@link #V114_NODE_IP_PATCH}); {@link #theV1alpha1NodeIpPatchIsRefusedAtV114}
 * shows the refusal of the form as written.
 */
class RehearseAcrossTalosReleasesTest {
    @TempDir
    Path dir;

    /** The fixture's node-IP patch as written (v1alpha1), and the same subnets as the KubeNodeConfig patch v1.14 needs. */
    private static final Pattern V1ALPHA1_NODE_IP_PATCH = Pattern.compile(
            "  - \\|-\n    machine:\n      kubelet:\n        nodeIP:\n          validSubnets:\n((?:            - .*\n)+)");
    private static final String V114_NODE_IP_PATCH =
            "  - |-\n    apiVersion: v1alpha1\n    kind: KubeNodeConfig\n    nodeIP:\n      validSubnets:\n";

    @ParameterizedTest(name = "talosVersion {0}")
    @ValueSource(strings = {"v1.8.4", "v1.10.7", "v1.12.9", "v1.13.9", "v1.14.0-rc.1"})
    void theHomelabMigrationPassesAndItsAsWrittenServeConfigFails(String version) throws Exception {
        homelabAt(version);

        CliRun passing = CliRun.of("rehearse", dir.toString());
        assertThat(passing.exitCode()).as(passing.out() + passing.err()).isZero();
        assertThat(passing.out())
                .contains("PASS node-ip talos-master-0: Ready, InternalIP 192.168.20.10")
                .contains("PASS etcd talos-master-1: peer URL https://192.168.20.11:2380")
                .contains("PASS same-subnet: all 5 node IPs are in 192.168.20.0/24")
                // read from ResolverStatus: v1.14's nameServers, the flat dnsServers before it
                .contains("PASS nameservers talos-worker-gpu-1: resolves through 192.168.20.1, 1.1.1.1")
                .contains("REHEARSAL PASSED");

        CliRun failing = CliRun.of("rehearse", dir.toString(), "--after", "after-as-written", "--tailnet", "tailnet-4d89.ts.net");
        assertThat(failing.exitCode()).as(failing.out()).isEqualTo(1);
        assertThat(failing.out()).contains("REHEARSAL FAILED");
    }

    /**
     * A change Talos up to v1.13 applies only with a reboot (machine.env, outside CanApplyImmediate's list): v1.13
     * reboots each node for it in auto mode, v1.14 applies it live and leaves the reboot to the operator (siderolabs/talos
     * 995bc30d5), so there the applier asks for it — on the way forward and on the drill's way back — and confirms it by
     * the boot ID. Every node boots its config on either release, and the plan says which reboots and why.
     */
    @ParameterizedTest(name = "talosVersion {0}")
    @ValueSource(strings = {"v1.13.9", "v1.14.0-rc.1"})
    void aChangeThatTakesEffectAtBootRebootsEveryNodeOnEitherSideOfV114(String version) throws Exception {
        homelabAt(version);
        Path after = withProxyEnvironmentAfter();

        CliRun plan = CliRun.of("plan", "--from", dir.resolve("before/talconfig.yaml").toString(), "--to", after.toString(),
                "-s", dir.resolve("talsecret.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString());
        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(plan.out()).as(plan.err()).contains("    reboot  yes: machine.env take effect at boot (Talos up to v1.13 reboots"
                + " for them; from v1.14, which applies every change live, the applier asks for the reboot)");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("REHEARSAL PASSED");
        boolean v114 = version.startsWith("v1.14");
        for (String node : new String[] {"talos-master-0", "talos-worker-gpu-1"}) {
            assertThat(run.out()).as(node).contains(node + " apply … ok (" + (v114 ? "no reboot" : "reboot") + ",")
                    .contains(node + " reboot … confirmed (boot ID ");
        }
        assertThat(run.out().contains("talos-worker-gpu-1 reboot … requested (Talos applied machine.env without one, which up to"
                + " v1.13 it applies only with a reboot)")).isEqualTo(v114);
        assertThat(run.out().contains("talos-master-0 reboot … requested (etcd takes its new listen addresses at start; Talos applied"
                + " machine.env without one")).isEqualTo(v114);
    }

    /**
     * The way back at v1.14: a worker ignores the reboot the applier asks for, the step fails, and the rollback puts every
     * node back on its old config — applied live again, so the applier reboots each one for what takes effect at boot
     * (a control plane's etcd listen addresses too) before its old gates.
     */
    @Test
    void atV114TheRollbackRebootsEachNodeForWhatTakesEffectAtBoot() throws Exception {
        homelabAt("v1.14.0-rc.1");
        withProxyEnvironmentAfter();
        Files.writeString(dir.resolve("faults.yaml"), "faults:\n  - node: talos-worker-gpu-1\n    rebootIgnored: 1\n");
        Path report = dir.resolve("report.json");

        CliRun run = CliRun.of("rehearse", dir.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("talos-worker-gpu-1 reboot … not confirmed").contains("rollback talos-master-0 … ok");
        JsonNode nodes = new ObjectMapper().readTree(Files.readString(report)).path("migration").path("nodes");
        assertThat(nodes).hasSize(5).allSatisfy(node -> assertThat(node.path("actions")).anySatisfy(action -> {
            assertThat(action.path("kind").asText()).isEqualTo("rollback reboot");
            assertThat(action.path("detail").asText()).endsWith("Talos applied machine.env without one, which up to v1.13 it applies"
                    + " only with a reboot");
        }));
        assertThat(nodes.get(0).path("hostname").asText()).isEqualTo("talos-master-0");
        assertThat(nodes.get(0).path("actions").findValuesAsText("detail")).contains("etcd takes its old listen addresses at start;"
                + " Talos applied machine.env without one, which up to v1.13 it applies only with a reboot");
    }

    /**
     * The same cluster with two changes that take effect only at boot on one side of v1.14 or the other (RebootRules):
     * etcd's extra arguments, which every release applies live while etcd reads them only when it starts
     * (services/etcd.go; Talos never restarts etcd), and udev rules, which Talos up to v1.13 reboots for and v1.14
     * reloads live (controllers/files/udev.go). At v1.13 Talos reboots every node itself; at v1.14 the applier reboots
     * the control planes for etcd and nobody reboots the workers.
     */
    @ParameterizedTest(name = "talosVersion {0}")
    @ValueSource(strings = {"v1.13.9", "v1.14.0-rc.1"})
    void etcdsArgumentsAreBootedAtEveryReleaseAndUdevRulesOnlyUpToV113(String version) throws Exception {
        homelabAt(version);
        String before = Files.readString(dir.resolve("before/talconfig.yaml"));
        String after = before.replace("controlPlane:\n  nameservers:\n    - 100.100.100.100\n  patches:\n",
                "controlPlane:\n  nameservers:\n    - 100.100.100.100\n  patches:\n    - |-\n      cluster:\n        etcd:\n          extraArgs:\n"
                        + "            election-timeout: \"5000\"\n")
                .replace("\npatches:\n", "\npatches:\n  - |-\n    machine:\n      udev:\n        rules:\n"
                        + "          - SUBSYSTEM==\"drm\", KERNEL==\"renderD*\", GROUP=\"44\", MODE=\"0660\"\n");
        assertThat(after).contains("election-timeout").contains("udev");
        Files.writeString(dir.resolve("after/talconfig.yaml"), after);

        CliRun plan = CliRun.of("plan", "--from", dir.resolve("before/talconfig.yaml").toString(), "--to",
                dir.resolve("after/talconfig.yaml").toString(), "-s", dir.resolve("talsecret.yaml").toString(), "-e",
                dir.resolve("talenv.yaml").toString());
        CliRun run = CliRun.of("rehearse", dir.toString(), "--tailnet", "tailnet-4d89.ts.net");

        assertThat(plan.out()).as(plan.err()).contains("    reboot  yes: machine.udev take effect at boot (Talos up to v1.13 reboots for"
                + " them; v1.14 applies them live); and etcd takes cluster.etcd.extraArgs only when it starts")
                .contains("    reboot  yes: machine.udev take effect at boot (Talos up to v1.13 reboots for them; v1.14 applies them"
                        + " live, without one)");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        boolean v114 = version.startsWith("v1.14");
        assertThat(run.out()).contains("talos-master-0 apply … ok (" + (v114 ? "no reboot" : "reboot") + ",")
                .contains("talos-worker-gpu-1 apply … ok (" + (v114 ? "no reboot" : "reboot") + ",");
        assertThat(run.out().contains("talos-master-0 reboot … requested (etcd reads cluster.etcd.extraArgs at start)")).isEqualTo(v114);
        assertThat(run.out()).doesNotContain("talos-worker-gpu-1 reboot … requested");
        assertThat(run.out().contains("talos-worker-gpu-1 reboot … confirmed")).as("only Talos up to v1.13 reboots a worker").isEqualTo(!v114);
    }

    /** Adds machine.env (outside what Talos up to v1.13 applies immediately) to after/'s patches; returns its talconfig. */
    private Path withProxyEnvironmentAfter() throws java.io.IOException {
        Path after = dir.resolve("after").resolve("talconfig.yaml");
        Files.writeString(after, Files.readString(after).replace("\npatches:\n",
                "\npatches:\n  - |-\n    machine:\n      env:\n        HTTP_PROXY: http://proxy.lan:3128\n"));
        return after;
    }

    /** The homelab's talconfigs with only talosVersion changed, and at v1.14 the node-IP patch as KubeNodeConfig. */
    private void homelabAt(String version) throws java.io.IOException {
        Fixtures.copy("homelab", dir);
        for (String variant : new String[] {"before", "after", "after-as-written"}) {
            Path talconfig = dir.resolve(variant).resolve("talconfig.yaml");
            String text = Files.readString(talconfig);
            assertThat(text).contains("talosVersion: v1.11.5");
            text = text.replace("talosVersion: v1.11.5", "talosVersion: " + version);
            if (version.startsWith("v1.14")) {
                Matcher patch = V1ALPHA1_NODE_IP_PATCH.matcher(text);
                assertThat(patch.find()).as(variant + " sets machine.kubelet.nodeIP in a patch").isTrue();
                text = patch.replaceFirst(Matcher.quoteReplacement(V114_NODE_IP_PATCH + patch.group(1).replace("            - ", "        - ")));
            }
            Files.writeString(talconfig, text);
        }
    }

    @Test
    void theV1alpha1NodeIpPatchIsRefusedAtV114() throws Exception {
        Fixtures.copy("homelab", dir);
        Path talconfig = dir.resolve("after").resolve("talconfig.yaml");
        Files.writeString(talconfig, Files.readString(talconfig).replace("talosVersion: v1.11.5", "talosVersion: v1.14.0-rc.1"));

        CliRun run = CliRun.of("genconfig", "-c", talconfig.toString(), "-s", dir.resolve("talsecret.yaml").toString(),
                "-e", dir.resolve("talenv.yaml").toString(), "-o", dir.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err())
                .contains("talconfig.yaml:69: machine.kubelet.nodeIP: .machine.kubelet.nodeIP is already set in v1alpha1 config")
                .contains("write it as a KubeNodeConfig patch: apiVersion: v1alpha1, kind: KubeNodeConfig,"
                        + " nodeIP: {validSubnets: [192.168.20.0/24]}");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /**
     * The configs for v1.14 applied to nodes still on v1.11 (talosVersion bumped, no `talosctl upgrade` first): the first
     * node's release cannot decode v1.14's documents (configloader's registry: "not registered"), so its dry run fails
     * and the rollout stops before it changed any node.
     */
    @Test
    void configsForANewerReleaseAreRefusedByNodesNotYetUpgraded() throws Exception {
        Fixtures.copy("homelab", dir);

        CliRun run = CliRun.of("rehearse", dir.toString(), "--after", "after-v1.14", "--no-rollback-drill");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("error installer-image-changed").contains("cannot decode the configs rendered for the new release")
                .contains("then capture the upgraded cluster (its inventory.yaml says the release each node runs")
                .contains("dry run on talos-master-0 failed: 192.168.20.10: INVALID_ARGUMENT: failed to parse config: \"")
                .contains("\" \"v1alpha1\": not registered. In production: the rollout would have stopped there, before it changed any node.");
    }

    /**
     * The way out the refusal above names: upgrade first, keeping the configs. talosctl upgrade leaves the config's
     * installer image as it was (v1.11.5 here), so only the inventory can say what the nodes run (capture writes it); the
     * simulated nodes run v1.14.0-rc.1, decode the v1.14 configs, and the rehearsal passes without the lint error.
     */
    @Test
    void configsForANewerReleaseRolloutOnceTheInventorySaysTheNodesWereUpgraded() throws Exception {
        Fixtures.copy("homelab", dir);
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, Files.readString(inventory).replaceAll("(?m)^(    tailscale: .*)$", "$1\n    talosVersion: v1.14.0-rc.1"));

        CliRun run = CliRun.of("rehearse", dir.toString(), "--after", "after-v1.14", "--no-rollback-drill");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("installer-image-changed").contains("REHEARSAL PASSED");
    }
}
