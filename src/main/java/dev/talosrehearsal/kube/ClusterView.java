package dev.talosrehearsal.kube;

import dev.talosrehearsal.common.InputException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes side of a cluster as the rollout needs it: its nodes, whether they are Ready, and
 * the InternalIP each kubelet registered. Read-only.
 */
public final class ClusterView implements AutoCloseable {
    private final KubernetesClient client;
    private final boolean owned;

    private ClusterView(KubernetesClient client, boolean owned) {
        this.client = client;
        this.owned = owned;
    }

    /** A view over a client someone else owns (and closes). */
    public static ClusterView of(KubernetesClient client) {
        return new ClusterView(client, false);
    }

    /** Connects with a kubeconfig file (its current context). */
    public static ClusterView fromKubeconfig(Path kubeconfig) {
        return new ClusterView(connect(kubeconfig), true);
    }

    /**
     * A client for a kubeconfig file's current context (the caller closes it); bad files are an InputException.
     *
     * <p>Without fabric8's own retries: a scan reads once, and a rollout's gates poll with their own back-off on the
     * rollout's clock (rollout/Waiter). fabric8's default (10 retries from 100 ms, doubling) inside one read made an
     * apply whose kubeconfig names an API that does not answer spend 1 min 59 s before its pre-flight said so, and
     * would keep a gate's poll blocked past its timeout (measured 2026-12-07; found by rehearsing through a kubeconfig).
     */
    public static KubernetesClient connect(Path kubeconfig) {
        Config config = KubeconfigFile.read(kubeconfig);
        config.setRequestRetryBackoffLimit(0);
        try {
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new InputException(kubeconfig.toString(), 0, "not a usable kubeconfig: " + firstLine(e.getMessage()));
        }
    }

    public List<KubeNode> nodes() {
        try {
            return client.nodes().list().getItems().stream().map(ClusterView::toKubeNode).toList();
        } catch (KubernetesClientException e) {
            throw new KubernetesUnavailableException("cannot list nodes: " + why(e), e);
        }
    }

    public Optional<KubeNode> node(String name) {
        try {
            Node node = client.nodes().withName(name).get();
            return Optional.ofNullable(node).map(ClusterView::toKubeNode);
        } catch (KubernetesClientException e) {
            throw new KubernetesUnavailableException("cannot read node " + name + ": " + why(e), e);
        }
    }

    static KubeNode toKubeNode(Node node) {
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        Optional<NodeCondition> ready = conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        List<String> internal = addresses.stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).toList();
        var info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        return new KubeNode(node.getMetadata().getName(),
                ready.map(c -> "True".equals(c.getStatus())).orElse(false),
                ready.map(NodeCondition::getReason).orElse("NoReadyCondition"),
                ready.map(NodeCondition::getMessage).orElse(""),
                internal,
                info == null ? "" : info.getKubeletVersion(),
                info == null ? "" : info.getOsImage());
    }

    /**
     * Why a request failed, on one line. fabric8 words a request that reached no API server as
     * "Operation: [get] for kind: [Node] with name: [x] in namespace: [default] failed." and keeps the address and the
     * cause in the exception chain: an operator needs those two, so they are said instead.
     */
    private String why(KubernetesClientException e) {
        Throwable io = e;
        while (io != null && !(io instanceof IOException)) {
            io = io.getCause();
        }
        if (io == null && e.getCode() >= 500) {
            // an answer, but from no working API server (a load balancer or VIP in front of one that is down): fabric8's
            // message spans the request and the whole Status object; the address, the code and the reason are what count
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "no reason given";
            return "the Kubernetes API at " + client.getMasterUrl() + " answered HTTP " + e.getCode() + ": " + firstLine(reason);
        }
        if (io == null) {
            return firstLine(e.getMessage());
        }
        Throwable root = io;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
        return "the Kubernetes API at " + client.getMasterUrl() + " does not answer: " + cause;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() {
        if (owned) {
            client.close();
        }
    }
}
