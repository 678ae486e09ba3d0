package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import java.util.EnumSet;
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
     * Dotted paths of a control plane's change that Talos applies live but etcd takes only when it starts: the
     * subnets etcd listens on ({@code listenSubnets}, which default to {@code advertisedSubnets}: EtcdConfig.ListenSubnets
     * in v1alpha1_etcdconfig.go, v1.8–v1.13; etcd has no document at v1.14.0-rc.1, so they are read from v1alpha1
     * at every release, through {@link ConfigSetting} like the other settings whose home may move). Talos passes them to etcd in the service's PreFunc
     * (internal/app/machined/pkg/system/services/etcd.go) and does not restart etcd when they change, while the
     * member's advertised peer URL is updated at once; until the node reboots, the member advertises an address
     * etcd does not listen on (docs/talos-behaviour.md#etcd-advertised-and-listen-addresses). Empty when the
     * listen subnets stay the same.
     */
    public static List<String> etcdRestartPaths(MachineConfig current, MachineConfig next) {
        if (AddressConfigs.of(current).listenSubnets().equals(AddressConfigs.of(next).listenSubnets())) {
            return List.of();
        }
        List<String> paths = new java.util.ArrayList<>();
        for (ConfigSetting setting : List.of(ConfigSetting.ETCD_ADVERTISED_SUBNETS, ConfigSetting.ETCD_LISTEN_SUBNETS)) {
            if (!setting.value(current).equals(setting.value(next))) {
                paths.add(setting.where(next));
            }
        }
        return List.copyOf(paths);
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
