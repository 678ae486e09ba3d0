package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What of a change takes effect only when the node boots although Talos applies it live ({@link RebootRules}), read
 * from Talos's source at v1.13.9 and v1.14.0-rc.1 and from v1.14's "Edit Machine Configuration" ("Changes which might
 * need a reboot"). The applier reboots for these after a live apply; the plan says who reboots.
 */
class TakesEffectAtBootTest {
    private static final String CONTROL_PLANE = """
            version: v1alpha1
            machine:
              type: controlplane
              kernel:
                modules:
                  - name: br_netfilter
                  - name: zfs
                    parameters:
                      - zfs_arc_max=4294967296
            cluster:
              etcd:
                image: gcr.io/etcd-development/etcd:v3.6.5
                advertisedSubnets:
                  - 192.168.20.0/24
                listenSubnets:
                  - 0.0.0.0/0
            ---
            apiVersion: v1alpha1
            kind: EnvironmentConfig
            variables:
              HTTP_PROXY: http://proxy.lan:3128
            ---
            apiVersion: v1alpha1
            kind: UserVolumeConfig
            name: data
            encryption:
              provider: luks2
              keys:
                - slot: 0
                  tpm: {}
            """;

    private static MachineConfig config(String yaml) {
        return MachineConfig.parse(yaml, "test.yaml");
    }

    private static MachineConfig changed(String from, String to) {
        assertThat(CONTROL_PLANE).contains(from);
        return config(CONTROL_PLANE.replace(from, to));
    }

    /** services/etcd.go reads the EtcdSpec once, in PreFunc; nothing restarts etcd on a config change. */
    @Test
    void etcdsImageAndArgumentsTakeEffectWhenEtcdStarts() {
        MachineConfig newImage = changed("etcd:v3.6.5", "etcd:v3.6.6");
        MachineConfig withArgs = changed("    image: gcr.io", "    extraArgs:\n      election-timeout: \"5000\"\n    image: gcr.io");

        assertThat(RebootRules.etcdRestartPaths(config(CONTROL_PLANE), newImage)).containsExactly("cluster.etcd.image");
        assertThat(RebootRules.etcdRestartPaths(config(CONTROL_PLANE), withArgs)).containsExactly("cluster.etcd.extraArgs");
        assertThat(RebootRules.etcdAddressesMove(config(CONTROL_PLANE), newImage)).isFalse();
        assertThat(RebootRules.pathsNeedingReboot(config(CONTROL_PLANE), newImage)).as("up to v1.13 cluster.* applies immediately").isEmpty();
    }

    /**
     * The advertised peer URL is updated live (advertised_peer.go): with the listen subnets pinned wide, as Talos's
     * maintainers advise for re-addressing without a reboot (talos issue 12720), etcd already listens on the new address.
     * When the listen subnets follow the advertised ones, etcd must start again to listen there.
     */
    @Test
    void etcdsAdvertisedSubnetsNeedARestartOnlyWhenWhereEtcdListensMoves() {
        MachineConfig pinned = changed("      - 192.168.20.0/24", "      - 10.0.0.0/24");
        String unpinned = CONTROL_PLANE.replace("    listenSubnets:\n      - 0.0.0.0/0\n", "");
        MachineConfig following = config(unpinned);
        MachineConfig followingMoved = config(unpinned.replace("      - 192.168.20.0/24", "      - 10.0.0.0/24"));

        assertThat(RebootRules.etcdRestartPaths(config(CONTROL_PLANE), pinned)).isEmpty();
        assertThat(RebootRules.etcdRestartPaths(following, followingMoved)).containsExactly("cluster.etcd.advertisedSubnets");
        assertThat(RebootRules.etcdAddressesMove(following, followingMoved)).isTrue();
    }

    /** kernel_module_spec.go only loads modules; loading a loaded module does nothing. A new module is loaded live. */
    @Test
    void aKernelModuleRemovedOrReparametrisedTakesEffectAtBootButANewOneLoadsLive() {
        MachineConfig removed = changed("      - name: br_netfilter\n", "");
        MachineConfig retuned = changed("zfs_arc_max=4294967296", "zfs_arc_max=8589934592");
        MachineConfig added = changed("      - name: br_netfilter\n", "      - name: br_netfilter\n      - name: nvme_tcp\n");

        assertThat(RebootRules.pathsTakingEffectAtBoot(config(CONTROL_PLANE), removed)).containsExactly("kernel module br_netfilter (removed)");
        assertThat(RebootRules.pathsTakingEffectAtBoot(config(CONTROL_PLANE), retuned)).containsExactly("kernel module zfs (parameters)");
        assertThat(RebootRules.pathsTakingEffectAtBoot(config(CONTROL_PLANE), added)).isEmpty();
    }

    /** environment.go sets machined's environment live; services read theirs when they start. */
    @Test
    void environmentConfigTakesEffectAtBoot() {
        MachineConfig other = changed("http://proxy.lan:3128", "http://proxy.lan:8080");

        assertThat(RebootRules.pathsTakingEffectAtBoot(config(CONTROL_PLANE), other)).containsExactly("EnvironmentConfig variables");
        assertThat(RebootRules.pathsNeedingReboot(config(CONTROL_PLANE), other)).as("not a v1alpha1 change: no release reboots for it").isEmpty();
    }

    /** encryption.go syncs key slots when the volume is opened; an open volume is left alone (volume_manager.go). */
    @Test
    void anExistingVolumesEncryptionTakesEffectAtBootButANewVolumeIsProvisionedLive() {
        MachineConfig rekeyed = changed("    - slot: 0\n      tpm: {}\n", "    - slot: 0\n      tpm: {}\n    - slot: 1\n      static:\n        passphrase: x\n");
        MachineConfig renamed = changed("name: data", "name: scratch");

        assertThat(RebootRules.pathsTakingEffectAtBoot(config(CONTROL_PLANE), rekeyed)).containsExactly("UserVolumeConfig data encryption");
        assertThat(RebootRules.pathsTakingEffectAtBoot(config(CONTROL_PLANE), renamed)).isEmpty();
    }

    /**
     * Up to v1.13 machine.udev and machine.files are outside CanApplyImmediate's list; v1.14 reloads udev rules live
     * (controllers/files/udev.go) and turns the CRI customization file into a CRI restart (v1alpha1_cri_bridge.go,
     * controllers/cri/service.go), while it still writes other files only at boot (WriteUserFiles).
     */
    @Test
    void v114TakesUdevRulesAndTheCriCustomizationLiveButOtherFilesAtBoot() {
        MachineConfig udev = changed("  type: controlplane\n", "  type: controlplane\n  udev:\n    rules:\n      - SUBSYSTEM==\"drm\", GROUP=\"44\"\n");
        MachineConfig cri = changed("  type: controlplane\n", "  type: controlplane\n  files:\n    - path: /etc/cri/conf.d/20-customization.part\n"
                + "      op: create\n      content: |\n        [plugins]\n");
        MachineConfig other = changed("  type: controlplane\n", "  type: controlplane\n  files:\n    - path: /var/etc/motd\n      op: create\n"
                + "      content: hello\n");

        assertThat(RebootRules.pathsNeedingReboot(config(CONTROL_PLANE), udev)).containsExactly("machine.udev");
        assertThat(RebootRules.pathsLiveFromV114(config(CONTROL_PLANE), udev)).containsExactly("machine.udev");
        assertThat(RebootRules.pathsLiveFromV114(config(CONTROL_PLANE), cri)).containsExactly("machine.files");
        assertThat(RebootRules.pathsNeedingReboot(config(CONTROL_PLANE), other)).containsExactly("machine.files");
        assertThat(RebootRules.pathsLiveFromV114(config(CONTROL_PLANE), other)).isEmpty();
    }
}
