package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 21, {@code kubelet-restart-race} (needs {@code --from OLD}; <b>warning</b>): on a Talos release before the fix
 * of siderolabs/talos e9e027c63 ("fix: kubelet stuck restarting": v1.12.10, v1.13.6, v1.14.0-beta.0), a change that
 * moves both the kubelet's own configuration and its node IP. Talos renders the kubelet's spec from several resources
 * ({@code KubeletSpecController} inputs: KubeletConfig, NodeIP, Nodename; controllers/k8s/kubelet_spec.go, v1.13.5),
 * and the kubelet service controller stops and starts the kubelet for every new spec (kubelet_service.go). When two of
 * those inputs change in one apply, the restarts can come in quick succession; a stop that arrives while the kubelet
 * still waits on its start condition or runs its pre stage was a fatal error in the service runner ("Condition failed:
 * context canceled"), and the kubelet stayed Failed: the node goes NotReady and the rollout's gate fails in production.
 * Whether the two restarts come close enough is a race the simulator does not model, so the rehearsal warns instead.
 *
 * <p>What feeds the kubelet's configuration (KubeletConfig, controllers/k8s/kubelet_config.go, v1.13.5):
 * {@code machine.kubelet} except {@code nodeIP}, the cluster's DNS domain and Service subnets (the cluster DNS
 * address), {@code cluster.allowSchedulingOnControlPlanes}, {@code cluster.externalCloudProvider} and
 * {@code machine.features.diskQuotaSupport}. The node IP follows {@code machine.kubelet.nodeIP.validSubnets}.
 */
final class KubeletRestartRaceRule implements Rule {
    static final String ID = "kubelet-restart-race";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        TalosVersion version = context.cluster().talosVersion();
        if (fixed(version)) {
            return List.of();
        }
        List<RenderedNode> nodes = new ArrayList<>();
        for (LintContext.NodePair pair : context.nodePairs()) {
            MachineConfig old = pair.old().config();
            MachineConfig now = pair.now().config();
            if (!ConfigSetting.NODE_IP_VALID_SUBNETS.value(old).equals(ConfigSetting.NODE_IP_VALID_SUBNETS.value(now))
                    && !kubeletInputs(old).equals(kubeletInputs(now))) {
                nodes.add(pair.now());
            }
        }
        if (nodes.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(ID, Severity.WARNING, String.join(",", nodes.stream().map(RenderedNode::hostname).toList()),
                context.file(), context.line("/talosVersion"),
                "the kubelet's configuration and its node IP (" + ConfigSetting.NODE_IP_VALID_SUBNETS.where(nodes.get(0).config())
                        + ") change in the same apply on Talos " + version.tag() + ": Talos restarts the kubelet for each, and before"
                        + " v1.12.10 / v1.13.6 a restart that arrives while the kubelet is still starting leaves it Failed"
                        + " (\"Condition failed: context canceled\", siderolabs/talos e9e027c63), the node NotReady. The simulator does"
                        + " not model this race.",
                "upgrade Talos to v1.13.6 or later (v1.12.10 on v1.12) first, or roll the kubelet change and the node IP change out"
                        + " as two migrations"));
    }

    /** Whether the release carries the fix: v1.12.10, v1.13.6, and v1.14 (from v1.14.0-beta.0; its alphas are not told apart). */
    static boolean fixed(TalosVersion v) {
        return v.carriesFixOf("v1.12.10", "v1.13.6", "v1.14.0");
    }

    /** What the KubeletConfig resource is rendered from, as one value to compare (v1alpha1, the releases before v1.14). */
    private static JsonNode kubeletInputs(MachineConfig config) {
        ObjectNode inputs = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        JsonNode kubelet = config.at("/machine/kubelet");
        if (kubelet instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("nodeIP");
            inputs.set("kubelet", copy);
        }
        inputs.set("dnsDomain", ConfigSetting.DNS_DOMAIN.value(config));
        inputs.set("serviceSubnets", ConfigSetting.SERVICE_SUBNETS.value(config));
        inputs.set("allowSchedulingOnControlPlanes", config.at("/cluster/allowSchedulingOnControlPlanes"));
        inputs.set("externalCloudProvider", config.at("/cluster/externalCloudProvider"));
        inputs.set("diskQuotaSupport", config.at("/machine/features/diskQuotaSupport"));
        return inputs;
    }
}
