package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether machined can apply a new config without a reboot (docs/talos-behaviour.md#what-applies-without-a-reboot, "Immediately
 * applicable"): only the v1alpha1 document counts, other documents (ExtensionServiceConfig, ...)
 * never force a reboot; within it, the listed subtrees may change freely and anything else needs a
 * reboot.
 *
 * <p>Shared by the rollout plan (will this step reboot the node?) and the simulated node (does it?).
 */
public final class RebootRules {
    /** Whole top-level keys of the v1alpha1 document that apply immediately. */
    static final List<String> IMMEDIATE_TOP = List.of("debug", "cluster");

    /** {@code machine.*} keys that apply immediately (§2). */
    static final List<String> IMMEDIATE_MACHINE = List.of("ca", "acceptedCAs", "time", "certSANs", "install", "network",
            "sysfs", "sysctls", "logging", "controlPlane", "kubelet", "kernel", "registries", "pods", "seccompProfiles",
            "nodeLabels", "nodeAnnotations", "nodeTaints");

    /**
     * {@code machine.features.*} keys that apply immediately. §2 says only "some .machine.features.*";
     * this set (the features machined reconciles live) is the model's assumption, not a checked fact.
     */
    static final List<String> IMMEDIATE_FEATURES = List.of("kubernetesTalosAPIAccess", "kubePrism", "hostDNS",
            "imageCache", "nodeAddressSortAlgorithm");

    /** v1alpha1 subtrees outside the list above that Talos v1.14 applies to the running node ({@link #pathsLiveFromV114}). */
    static final List<String> LIVE_FROM_V114 = List.of("machine.udev", "machine.baseRuntimeSpecOverrides", "machine.disks",
            "machine.features.stableHostname", "machine.features.rbac", "machine.features.apidCheckExtKeyUsage");

    /** The machine.files entry Talos v1.14 turns into a CRI customization (v1alpha1_cri_bridge.go) instead of writing it at boot. */
    static final String CRI_CUSTOMIZATION_FILE = "/etc/cri/conf.d/20-customization.part";

    private RebootRules() {}

    /** Dotted v1alpha1 paths whose change needs a reboot; empty when the change applies immediately. */
    public static List<String> pathsNeedingReboot(MachineConfig current, MachineConfig next) {
        ObjectNode a = withoutImmediate(current.v1alpha1());
        ObjectNode b = withoutImmediate(next.v1alpha1());
        Set<String> paths = new LinkedHashSet<>();
        JsonNode ops = JsonDiff.asJson(a, b, EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE, DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION));
        for (JsonNode op : ops) {
            paths.add(ConfigDiff.dotted(op.get("path").asText()));
        }
        return List.copyOf(paths);
    }

    public static boolean needsReboot(MachineConfig current, MachineConfig next) {
        return !pathsNeedingReboot(current, next).isEmpty();
    }

    /**
     * Dotted paths of a control plane's change that Talos applies live but etcd takes only when it starts, at every
     * release: its image and extra arguments, and the subnets that decide where it listens. The etcd service reads them
     * once, in its PreFunc (internal/app/machined/pkg/system/services/etcd.go, v1.13.9 and v1.14.0-rc.1), and nothing
     * restarts it on a config change (only bootstrap and leaving the cluster stop it; it does not allow an API restart);
     * v1.14's documentation, "Changes which might need a reboot": ".cluster.etcd … Reboot the node to pick up the new
     * settings". The member's advertised peer URL is updated at once (controllers/etcd/advertised_peer.go), so a change of
     * the advertised subnets alone, with etcd already listening there ({@code listenSubnets} covering both, as Talos's
     * maintainers advise in talos issue 12720), reaches the peers without a restart and is not listed: only the client
     * URLs etcd advertises stay the old ones until it restarts. The listen subnets default to the advertised ones
     * (EtcdConfig.ListenSubnets in v1alpha1_etcdconfig.go). etcd has no document at v1.14.0-rc.1: read from v1alpha1 at
     * every release, through {@link ConfigSetting} like the other settings whose home may move
     * (docs/talos-behaviour.md#etcd-advertised-and-listen-addresses). Empty when etcd needs no restart.
     */
    public static List<String> etcdRestartPaths(MachineConfig current, MachineConfig next) {
        List<ConfigSetting> settings = new ArrayList<>(List.of(ConfigSetting.ETCD_IMAGE, ConfigSetting.ETCD_EXTRA_ARGS));
        if (etcdAddressesMove(current, next)) {
            settings.addAll(List.of(ConfigSetting.ETCD_ADVERTISED_SUBNETS, ConfigSetting.ETCD_LISTEN_SUBNETS));
        }
        List<String> paths = new ArrayList<>();
        for (ConfigSetting setting : settings) {
            if (!setting.value(current).equals(setting.value(next))) {
                paths.add(setting.where(next));
            }
        }
        return List.copyOf(paths);
    }

    /** Whether where etcd listens moves (its listen subnets, or the advertised ones they default to). */
    public static boolean etcdAddressesMove(MachineConfig current, MachineConfig next) {
        return !AddressConfigs.of(current).listenSubnets().equals(AddressConfigs.of(next).listenSubnets());
    }

    /**
     * Of {@link #pathsNeedingReboot}, the ones Talos v1.14 takes live: it applies every change without a reboot
     * (siderolabs/talos 995bc30d5) and, at v1.14.0-rc.1, reconciles these from the config — {@code machine.udev}
     * (controllers/files/udev.go writes the rules and reloads udev; a boot task up to v1.13), the CRI's base runtime
     * spec and customization file (controllers/cri/service.go restarts the CRI when controllers/files/cri_config.go or
     * cri_base_runtime_spec.go rewrite its files), {@code machine.disks} (block/user_disk_config.go),
     * {@code machine.features.stableHostname} (read by the hostname controller) — or never reads at all
     * ({@code machine.features.rbac}, {@code apidCheckExtKeyUsage}). The rest ({@code machine.files} other than the CRI's,
     * {@code machine.env}, {@code machine.systemDiskEncryption}, {@code machine.type}, {@code machine.token},
     * {@code machine.features.diskQuotaSupport}, …) v1.14 still only takes at boot, or nobody has checked.
     */
    public static List<String> pathsLiveFromV114(MachineConfig current, MachineConfig next) {
        return pathsLiveFromV114(current, next, pathsNeedingReboot(current, next));
    }

    /** The same, of {@code needingReboot} already computed ({@link #pathsNeedingReboot} diffs the whole documents). */
    public static List<String> pathsLiveFromV114(MachineConfig current, MachineConfig next, List<String> needingReboot) {
        boolean onlyCriFile = filesWithoutCriCustomization(current).equals(filesWithoutCriCustomization(next));
        List<String> live = new ArrayList<>();
        for (String path : needingReboot) {
            if (LIVE_FROM_V114.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "."))
                    || (onlyCriFile && (path.equals("machine.files") || path.startsWith("machine.files.")))) {
                live.add(path);
            }
        }
        return List.copyOf(live);
    }

    /**
     * What every release applies without a reboot but takes effect only when the node boots (the v1.14 documentation's
     * "Changes which might need a reboot", checked against the source at v1.13.9 and v1.14.0-rc.1):
     * <ul>
     *   <li>a kernel module removed, or its parameters changed: controllers/runtime/kernel_module_spec.go only loads
     *       modules ("doesn't support module unloading in any way"), and loading one that is loaded does nothing;</li>
     *   <li>EnvironmentConfig's variables: controllers/runtime/environment.go sets them in machined's environment, but
     *       every service reads its environment when it starts, and a removed variable is never unset;</li>
     *   <li>a volume's encryption (VolumeConfig, UserVolumeConfig, RawVolumeConfig, SwapVolumeConfig): key slots are
     *       synced when the volume is opened (internal/pkg/encryption/encryption.go), and a volume already open is left
     *       alone (block/volume_manager.go).</li>
     * </ul>
     * Not etcd's settings ({@link #etcdRestartPaths}) nor the v1alpha1 paths Talos up to v1.13 reboots for.
     */
    public static List<String> pathsTakingEffectAtBoot(MachineConfig current, MachineConfig next) {
        List<String> paths = new ArrayList<>();
        Map<String, JsonNode> modulesBefore = kernelModules(current);
        Map<String, JsonNode> modulesAfter = kernelModules(next);
        modulesBefore.forEach((name, parameters) -> {
            if (!modulesAfter.containsKey(name)) {
                paths.add("kernel module " + name + " (removed)");
            } else if (!modulesAfter.get(name).equals(parameters)) {
                paths.add("kernel module " + name + " (parameters)");
            }
        });
        JsonNode envBefore = variables(current);
        JsonNode envAfter = variables(next);
        if (!envBefore.equals(envAfter)) {
            paths.add("EnvironmentConfig variables");
        }
        for (String kind : List.of("VolumeConfig", "UserVolumeConfig", "RawVolumeConfig", "SwapVolumeConfig")) {
            for (ObjectNode volume : current.documents(kind)) {
                String name = volume.path("name").asText();
                next.document(kind, name).ifPresent(after -> {
                    if (!volume.path("encryption").equals(after.path("encryption"))) {
                        paths.add(kind + " " + name + " encryption");
                    }
                });
            }
        }
        return List.copyOf(paths);
    }

    /** Kernel modules by name with their parameters: {@code machine.kernel.modules} and v1.14's KernelModuleConfig documents. */
    private static Map<String, JsonNode> kernelModules(MachineConfig config) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        config.at("/machine/kernel/modules").forEach(m -> out.put(m.path("name").asText(), m.path("parameters")));
        config.documents("KernelModuleConfig").forEach(d -> out.put(d.path("name").asText(), d.path("parameters")));
        return out;
    }

    private static JsonNode variables(MachineConfig config) {
        return config.documents("EnvironmentConfig").stream().map(d -> (JsonNode) d.path("variables")).findFirst()
                .orElse(MissingNode.getInstance());
    }

    private static List<JsonNode> filesWithoutCriCustomization(MachineConfig config) {
        List<JsonNode> files = new ArrayList<>();
        config.at("/machine/files").forEach(f -> {
            if (!CRI_CUSTOMIZATION_FILE.equals(f.path("path").asText())) {
                files.add(f);
            }
        });
        return files;
    }

    private static ObjectNode withoutImmediate(ObjectNode v1alpha1) {
        ObjectNode copy = v1alpha1.deepCopy();
        copy.remove(IMMEDIATE_TOP);
        if (copy.get("machine") instanceof ObjectNode machine) {
            machine.remove(IMMEDIATE_MACHINE);
            if (machine.get("features") instanceof ObjectNode features) {
                features.remove(IMMEDIATE_FEATURES);
                if (features.isEmpty()) {
                    machine.remove("features"); // features: {} and no features are the same config
                }
            }
        }
        return copy;
    }
}
