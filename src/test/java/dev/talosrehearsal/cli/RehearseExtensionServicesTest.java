package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.InitializedDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that configures an extension service: it passes only where the node's image defines that service. Talos
 * loads extension services from the image at boot and an apply installs none (extension_service.go, v1.13.9), so the
 * services gate would wait for it in vain after the node changed; pre-flight refuses first, in production as here. The
 * simulated images come from inventory.yaml's {@code extensionServices}, which {@code init} drafts from before/. A storage
 * cluster of its own (Talos v1.13.9, 10.60.0.0/24, one control plane, two workers), not the homelab.
 */
class RehearseExtensionServicesTest {
    private static final String TALCONFIG = """
            clusterName: storage
            talosVersion: v1.13.9
            kubernetesVersion: v1.36.3
            endpoint: https://10.60.0.5:6443
            nodes:
              - hostname: st-cp
                ipAddress: 10.60.0.5
                controlPlane: true
                installDisk: /dev/sda
              - hostname: st-disk-1
                ipAddress: 10.60.0.31
                controlPlane: false
                installDisk: /dev/sda
              - hostname: st-disk-2
                ipAddress: 10.60.0.32
                controlPlane: false
                installDisk: /dev/sda
            """;
    /** after/: the workers get a UPS client, an extension service configured by its ExtensionServiceConfig. */
    private static final String UPS_CLIENT = """
            worker:
              extensionServices:
                - name: nut-client
                  configFiles:
                    - content: MONITOR ups@10.60.0.2 1 remote pass secondary
                      mountPath: /usr/local/etc/nut/upsmon.conf
            """;

    @TempDir
    Path tmp;

    @Test
    void aServiceTheImagesDoNotDefineStopsInPreflightAndPassesOnceTheInventoryListsIt() throws Exception {
        Path dir = InitializedDirectory.fromText(TALCONFIG, tmp, tmp.resolve("storage")).appendToAfter(UPS_CLIENT).path();
        Path inventory = dir.resolve("inventory.yaml");
        assertThat(Files.readString(inventory)).contains("    extensionServices: []   # GUESS: the extension services its image defines");

        CliRun refused = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--work", tmp.resolve("work1").toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("the migration ended preflight-failed: pre-flight: st-disk-1: ext-nut-client is configured by the"
                        + " new config, but no system extension in the node's image defines it (the node lists no such service")
                .contains("; st-disk-2: ext-nut-client is configured")
                .contains("error extension-not-in-image st-disk-1,st-disk-2")
                .contains("The simulated images define the extension services of inventory.yaml's extensionServices (st-disk-1: none;"
                        + " st-disk-2: none)")
                .doesNotContain("st-cp: ext-").doesNotContain("apply … ok");

        Files.writeString(inventory, Files.readString(inventory).replace("extensionServices: []", "extensionServices: [nut-client]"));
        CliRun passed = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--work", tmp.resolve("work2").toString());

        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(passed.out()).contains("[1/2] st-disk-1 gate services … ok").contains("PASS services st-disk-2: kubelet, ext-nut-client running");
    }
}
