package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.MachineConfig;
import java.util.List;

/**
 * One node's part of a rollout: where it is reached, its config before and after, what changes (secrets redacted), and
 * the gates it must pass; and what of the change takes effect only at boot (machineconfig/RebootRules):
 *
 * @param rebootPaths       what Talos up to v1.13 reboots for in auto mode (and refuses in no-reboot and try modes)
 * @param liveFromV114Paths of those, what v1.14 — which applies every change without a reboot — takes live
 * @param etcdRestartPaths  etcd's settings, which every release applies live and etcd takes only when it starts
 * @param atBootPaths       the rest every release applies live that takes effect only at boot (kernel modules,
 *                          EnvironmentConfig, volume encryption)
 */
public record NodeChange(String hostname, String address, boolean controlPlane, MachineConfig before, MachineConfig after,
        List<ChangeLine> changes, List<String> rebootPaths, List<String> liveFromV114Paths, List<String> etcdRestartPaths,
        List<String> atBootPaths, List<Gate> gates) {
    public NodeChange {
        changes = List.copyOf(changes);
        rebootPaths = List.copyOf(rebootPaths);
        liveFromV114Paths = List.copyOf(liveFromV114Paths);
        etcdRestartPaths = List.copyOf(etcdRestartPaths);
        atBootPaths = List.copyOf(atBootPaths);
        gates = List.copyOf(gates);
    }

    public boolean rebootRequired() {
        return !rebootPaths.isEmpty();
    }

    /** Talos applies the change live, but etcd takes it only after a reboot the applier must ask for. */
    public boolean etcdRestartRequired() {
        return controlPlane && !etcdRestartPaths.isEmpty();
    }

    /** What Talos up to v1.13 reboots for and v1.14 applies live but still takes only at boot. */
    public List<String> bootingOnV114Paths() {
        return rebootPaths.stream().filter(p -> !liveFromV114Paths.contains(p)).toList();
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public String role() {
        return controlPlane ? "control plane" : "worker";
    }

    /** One changed field: {@code machine.kubelet.nodeIP.validSubnets 100.64.0.0/10 → 192.168.20.0/24}. */
    public record ChangeLine(String field, String before, String after) {
        @Override
        public String toString() {
            return field + " " + before + " → " + after;
        }
    }
}
