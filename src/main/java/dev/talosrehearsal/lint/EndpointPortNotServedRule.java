package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.AddressConfigs;
import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.validation.GoNet;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 16, {@code endpoint-port-not-served}: the cluster endpoint is an address of the control planes (a node's
 * {@code ipAddress} or a VIP they hold) on a port their kube-apiserver does not listen on, because the config moved
 * it ({@code cluster.controlPlane.localAPIServerPort}, v1.14 KubeAPIServerConfig {@code apiPort}; {@link ApiServerPort})
 * and left the endpoint on the old one. Nothing answers there: kubectl with the kubeconfig {@code talosctl kubeconfig}
 * writes, the applier's Kubernetes gates on a real cluster, and the kubelets of workers without KubePrism (Talos gives
 * them the cluster endpoint: internal/app/machined/pkg/controllers/secrets/kubelet.go, v1.13.0). <b>Error</b>.
 *
 * <p>An endpoint that is a DNS name, or an address no control plane holds (a load balancer), may map ports, so it is
 * not judged by itself; but when the migration moves the kube-apiserver off the endpoint's port (with {@code --from}, as in
 * {@code rehearse}), a name that resolves to the control planes reaches nothing any more and a load balancer must be
 * re-pointed first: <b>Warning</b>, as what the name stands for is not known here.
 */
final class EndpointPortNotServedRule implements Rule {
    static final String ID = "endpoint-port-not-served";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        TalConfig.Endpoint endpoint = context.cluster().endpoint();
        if (!GoNet.isIP(endpoint.host())) {
            return portMovedBehindName(context, endpoint); // a DNS name may be a load balancer that maps the port
        }
        for (RenderedNode node : context.rendered().nodes()) {
            boolean own = node.addresses().contains(endpoint.host());
            boolean vip = AddressConfigs.of(node.config()).virtualIps().contains(endpoint.host());
            int listening = ApiServerPort.of(node.config());
            if (!node.controlPlane() || !(own || vip) || listening == endpoint.port()) {
                continue;
            }
            out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), context.line("/endpoint"),
                    "The cluster endpoint " + endpoint.url() + " is " + (own ? node.hostname() + "'s address" : "a VIP of the control planes")
                            + ", but its kube-apiserver listens on " + listening + " (" + ConfigSetting.API_SERVER_PORT.where(node.config())
                            + "), not " + endpoint.port() + ": kubectl with talosctl's kubeconfig, and workers' kubelets without KubePrism,"
                            + " reach nothing there.",
                    "keep the kube-apiserver on " + endpoint.port() + " for this migration, or move the endpoint to :" + listening
                            + " in a step of its own (a changed endpoint breaks tokens mid-rollout: endpoint-changed)."));
        }
        return out;
    }

    /** The endpoint is a name: warn when the migration moves the kube-apiserver away from the endpoint's port. */
    private static List<Finding> portMovedBehindName(LintContext context, TalConfig.Endpoint endpoint) {
        List<Finding> out = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        int listening = 0;
        for (LintContext.NodePair pair : context.nodePairs()) {
            RenderedNode old = pair.old();
            RenderedNode node = pair.now();
            if (node.controlPlane() && ApiServerPort.of(old.config()) == endpoint.port()
                    && ApiServerPort.of(node.config()) != endpoint.port()) {
                moved.add(node.hostname());
                listening = ApiServerPort.of(node.config());
            }
        }
        if (!moved.isEmpty()) {
            out.add(new Finding(ID, Severity.WARNING, String.join(",", moved), context.file(), context.line("/endpoint"),
                    "The kube-apiserver moves from " + endpoint.port() + " to " + listening + " while the cluster endpoint " + endpoint.url()
                            + " stays on " + endpoint.port() + ": if " + endpoint.host() + " resolves to the control planes, nothing answers"
                            + " there after the migration; a load balancer behind the name must forward to " + listening + " first.",
                    "keep the kube-apiserver on " + endpoint.port() + " for this migration, or re-point what " + endpoint.host()
                            + " stands for to :" + listening + " before rolling out."));
        }
        return out;
    }
}
