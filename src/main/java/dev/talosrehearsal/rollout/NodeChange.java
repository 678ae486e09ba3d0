package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.MachineConfig;
import java.util.List;

/**
 * One node's part of a rollout: where it is reached, its config before and after, what changes
 * (secrets redacted), whether Talos will need a reboot for it, whether etcd needs one that Talos will
 * not do by itself ({@code etcdRestartPaths}: the applier then reboots the node), and the gates it must pass.
 */
public record NodeChange(String hostname, String address, boolean controlPlane, MachineConfig before, MachineConfig after,
        List<ChangeLine> changes, List<String> rebootPaths, List<String> etcdRestartPaths, List<Gate> gates) {
    public NodeChange {
        changes = List.copyOf(changes);
        rebootPaths = List.copyOf(rebootPaths);
        etcdRestartPaths = List.copyOf(etcdRestartPaths);
        gates = List.copyOf(gates);
    }

    public boolean rebootRequired() {
        return !rebootPaths.isEmpty();
    }

    /** Talos applies the change live, but etcd listens on the new addresses only after a reboot the applier must ask for. */
    public boolean etcdRestartRequired() {
        return controlPlane && !etcdRestartPaths.isEmpty();
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
