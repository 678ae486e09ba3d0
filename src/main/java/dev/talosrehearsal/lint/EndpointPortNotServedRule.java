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
 * <p>An endpoint that is a DNS name, or an address no control plane holds (a load balancer), may map ports:
 * not judged.
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
            return out; // a DNS name may be a load balancer that maps the port
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
}
