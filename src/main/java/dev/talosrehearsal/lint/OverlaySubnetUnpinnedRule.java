package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 3, {@code overlay-subnet-unpinned}: a node runs the tailscale extension but validSubnets (or,
 * on a control plane, etcd advertisedSubnets) is unset, so Talos picks from every routed address and
 * tailscale0's 100.x may become the node IP or the etcd peer address. <b>Warning</b>: it may pick the
 * LAN address, but which one wins can change from boot to boot.
 */
final class OverlaySubnetUnpinnedRule implements Rule {
    static final String ID = "overlay-subnet-unpinned";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            context.tailscale(node).ifPresent(ts -> {
                if (ConfigSetting.NODE_IP_VALID_SUBNETS.strings(node.config()).isEmpty()) {
                    out.add(finding(node, ts, ConfigSetting.NODE_IP_VALID_SUBNETS.where(node.config()), "the node IP"));
                }
                if (node.controlPlane() && ConfigSetting.ETCD_ADVERTISED_SUBNETS.strings(node.config()).isEmpty()) {
                    out.add(finding(node, ts, ConfigSetting.ETCD_ADVERTISED_SUBNETS.where(node.config()), "etcd's peer address"));
                }
            });
        }
        return out;
    }

    private static Finding finding(RenderedNode node, TailscaleExtension ts, String field, String what) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        return new Finding(ID, Severity.WARNING, node.hostname(), ts.file(), ts.line(),
                "This node runs the tailscale extension but " + field + " is unset, so tailscale0's 100.x address may become "
                        + what + ".",
                "pin it with a patch setting " + field + ": [<your LAN CIDR, e.g. 192.168.20.0/24>] (or '!100.64.0.0/10' to"
                        + " exclude the overlay) — " + key + " is a list, so set it in one patch only.");
    }
}
