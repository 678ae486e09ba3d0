package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.ValueOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 19, {@code cluster-network-changed} (needs {@code --from OLD}; <b>error</b>): the pod or Service subnets of a
 * running cluster change. Talos rolls the new values out like any other (no reboot), but Kubernetes cannot follow:
 * <ul>
 *   <li>Services: the kubelet's cluster DNS address is the new range's tenth address when
 *       {@code machine.kubelet.clusterDNS} is unset (Talos v1.13.9 v1alpha1_clusterconfig.go {@code DNSServiceIPs},
 *       controllers/k8s/kubelet_config.go), while a Service's {@code spec.clusterIP} is immutable: kube-dns keeps its
 *       old address and every pod that starts afterwards resolves nothing; the API server's {@code kubernetes} Service
 *       stays in the old range too.</li>
 *   <li>Pods: a Node's {@code spec.podCIDR} cannot be changed once assigned (Kubernetes node validation: "node updates
 *       may not change podCIDR except from \"\" to valid"), so the controller-manager's new cluster CIDR and the nodes'
 *       pod ranges disagree, and the CNI keeps routing the old one.</li>
 * </ul>
 * The simulator does not model either; this rule is what makes such a rehearsal fail.
 */
final class ClusterNetworkChangedRule implements Rule {
    static final String ID = "cluster-network-changed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (ConfigSetting setting : List.of(ConfigSetting.SERVICE_SUBNETS, ConfigSetting.POD_SUBNETS)) {
            List<String> changed = new ArrayList<>();
            List<String> before = List.of();
            List<String> after = List.of();
            for (LintContext.NodePair pair : context.nodePairs()) {
                RenderedNode old = pair.old();
                RenderedNode node = pair.now();
                if (setting.strings(old.config()).equals(setting.strings(node.config()))) {
                    continue;
                }
                if (changed.isEmpty()) {
                    before = setting.strings(old.config());
                    after = setting.strings(node.config());
                }
                changed.add(node.hostname());
            }
            if (changed.isEmpty()) {
                continue;
            }
            ValueOrigin at = context.origin(changed.get(0), setting, "");
            boolean services = setting == ConfigSetting.SERVICE_SUBNETS;
            out.add(new Finding(ID, Severity.ERROR, String.join(",", changed), at.file(), at.line(),
                    setting.where(context.rendered().nodes().get(0).config()) + " changes from " + show(before) + " to " + show(after)
                            + " on a running cluster. Talos applies it, but Kubernetes cannot follow: "
                            + (services
                                    ? "every Service keeps its cluster IP (immutable), kube-dns's included, while the kubelets' cluster DNS"
                                            + " address moves into the new range, so pods resolve nothing."
                                    : "each Node keeps the pod CIDR it was assigned (immutable), so the controller-manager's new range"
                                            + " and the nodes' pod ranges disagree and the CNI keeps routing the old one."),
                    "keep the " + (services ? "Service" : "pod") + " subnets in this migration: moving a running cluster's "
                            + (services ? "Service" : "pod") + " network is a rebuild (or a CNI and Service CIDR migration of its own), not a config rollout."));
        }
        return out;
    }

    private static String show(List<String> subnets) {
        return subnets.isEmpty() ? "the default" : String.join(", ", subnets);
    }
}
