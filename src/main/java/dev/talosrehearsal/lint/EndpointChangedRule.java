package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 12, {@code endpoint-changed} (needs {@code --from OLD}): a node's
 * {@code cluster.controlPlane.endpoint} differs between OLD and NEW. Talos sets kube-apiserver's
 * {@code --service-account-issuer} to the endpoint (v1.13.9 controllers/k8s/control_plane_static_pod.go): rolled out
 * node by node, the control planes issue and accept tokens for different issuers meanwhile, and tokens issued for the
 * old endpoint stop validating where the new one runs. <b>Error</b>: this migration is not the place to change it.
 */
final class EndpointChangedRule implements Rule {
    static final String ID = "endpoint-changed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (LintContext.NodePair pair : context.nodePairs()) {
            RenderedNode old = pair.old();
            RenderedNode node = pair.now();
            String before = ConfigSetting.ENDPOINT.text(old.config(), "");
            String after = ConfigSetting.ENDPOINT.text(node.config(), "");
            if (before.equals(after)) {
                continue;
            }
            // the talconfig's endpoint changed (not a node's patch): then the finding points at its line
            String oldTalconfigEndpoint = context.from() != null ? context.from().endpoint().url() : before;
            boolean inTalconfig = !oldTalconfigEndpoint.equals(context.cluster().endpoint().url());
            out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(),
                    inTalconfig ? context.line("/endpoint") : context.nodeLine(node.hostname()),
                    "cluster.controlPlane.endpoint changes from " + before + " to " + after
                            + ": Talos makes the endpoint kube-apiserver's --service-account-issuer (control_plane_static_pod.go), so"
                            + " while the control planes roll over one at a time they issue tokens for different issuers, and a"
                            + " service-account token issued for the old endpoint stops validating on every API server that has the new one.",
                    "keep endpoint: " + before + " for this migration and change it in a separate, planned step"
                            + " (add the new name to additionalApiServerCertSans first)."));
        }
        return out;
    }
}
