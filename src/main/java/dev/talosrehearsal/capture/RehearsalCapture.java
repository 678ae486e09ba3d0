package dev.talosrehearsal.capture;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.StagedDirectory;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.ClusterTailnet;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.SecretsFromConfig;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A running cluster into a rehearsal directory that is its twin (docs/commands.md, {@code capture}):
 * <pre>
 * before/&lt;cluster&gt;-&lt;host&gt;.yaml  each node's running machine config, as Talos sent it (0600: the cluster's keys)
 * talsecret.yaml                the secrets bundle the control planes' configs hold (0600)
 * inventory.yaml                each node's addresses by link and its image's extension services ({@link InventoryRender})
 * cluster/&lt;kind&gt;.yaml          with a kubeconfig: the objects the impact scan reads ({@link ObjectExport})
 * after/README.md               where the user's new talconfig goes
 * </pre>
 * Read-only against the cluster; everything is read before anything is written, and the directory is written all
 * or nothing ({@link StagedDirectory}), every directory 0700 and every file 0600.
 */
public final class RehearsalCapture {
    /**
     * @param nodes      the nodes to capture (-n); null: the context's nodes, else cluster discovery's members
     * @param kubeconfig the cluster's kubeconfig for cluster/, or null
     */
    public record Request(Path dir, TalosConfig.Context context, List<String> endpoints, List<String> nodes, Path kubeconfig,
            Duration timeout) {}

    /** What was captured, for the command to report (no secret in it). */
    public record Captured(Path dir, String clusterName, String endpoint, List<CapturedNode> nodes, String secretsFrom,
            Optional<ObjectExport.Exported> objects, List<String> warnings, String rehearseCommand) {
        public int objectCount() {
            return objects.map(ObjectExport.Exported::objects).orElse(0);
        }

        public int objectFiles() {
            return objects.map(o -> o.files().size()).orElse(0);
        }

        public List<String> notServed() {
            return objects.map(ObjectExport.Exported::notServed).orElse(List.of());
        }
    }

    public static final String README = "after/README.md";

    private RehearsalCapture() {}

    public static Captured capture(Request request, Clock clock) {
        StagedDirectory.refuseExisting(request.dir(), "capture");
        List<String> warnings = new ArrayList<>();
        List<CapturedNode> nodes;
        String endpoint;
        List<EtcdMemberInfo> members = List.of();
        try (TalosClient client = TalosClient.connect(request.context(), request.endpoints(),
                new TalosClient.Timeouts(request.timeout(), request.timeout()))) {
            endpoint = client.endpoint();
            ClusterReader reader = new ClusterReader(client);
            nodes = reader.read(reader.targets(request.nodes(), request.context().nodes()));
            Optional<CapturedNode> firstControlPlane = nodes.stream().filter(CapturedNode::controlPlane).findFirst();
            if (firstControlPlane.isPresent()) {
                members = reader.etcdMembers(firstControlPlane.get().target());
            }
        }
        String cluster = clusterName(nodes);
        CapturedNode secretsSource = nodes.stream().filter(CapturedNode::controlPlane).findFirst()
                .orElseThrow(() -> new dev.talosrehearsal.common.InputException("no control plane among the captured nodes ("
                        + nodes.stream().map(CapturedNode::hostname).collect(Collectors.joining(", "))
                        + "): the secrets bundle comes from a control plane's config; name one with -n"));
        SecretsBundle secrets = SecretsFromConfig.derive(secretsSource.config(), secretsSource.hostname() + "'s machine config");
        warnings.addAll(checks(nodes, members, secrets));
        Optional<ObjectExport.Exported> objects = Optional.ofNullable(request.kubeconfig()).map(ObjectExport::read);
        objects.ifPresent(o -> sameCluster(request.kubeconfig(), nodes, o.nodeNames()).ifPresent(warnings::add));

        String capturedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String inventory = InventoryRender.render(nodes, endpoint, capturedAt);
        RenderedCluster written;
        try (StagedDirectory staged = StagedDirectory.open(request.dir(), "capture")) {
            for (String sub : objects.isPresent() ? List.of("before", "after", "cluster") : List.of("before", "after")) {
                AtomicFiles.createPrivateDirectory(staged.resolve(sub));
            }
            for (CapturedNode node : nodes) {
                AtomicFiles.writePrivate(staged.resolve("before/" + cluster + "-" + node.hostname() + ".yaml"), node.configText());
            }
            SecretsFile.write(staged.resolve("talsecret.yaml"), secrets);
            AtomicFiles.writePrivate(staged.resolve("inventory.yaml"), inventory);
            objects.ifPresent(o -> o.files().forEach((name, text) -> AtomicFiles.writePrivate(staged.resolve("cluster/" + name), text)));
            // read back as every reader of a rehearsal directory will: the twin must load as one cluster
            written = ClusterConfigDirectory.readCluster(staged.resolve("before"));
            AtomicFiles.writePrivate(staged.resolve(README), readme(request.dir(), cluster, capturedAt, endpoint, tailnetOption(written)));
            staged.commit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + request.dir() + ": " + e.getMessage(), e);
        }
        return new Captured(request.dir(), cluster, endpoint, nodes, secretsSource.hostname(), objects, warnings,
                "talos-rehearsal rehearse " + request.dir() + tailnetOption(written));
    }

    /**
     * Whether the kubeconfig is this cluster's: its Nodes must include the captured nodes' (named as Talos names them,
     * NodeNames). None of them: another cluster's kubeconfig, whose objects the impact scan would read as this cluster's
     * (bad input). Some of them: a warning naming the missing ones.
     */
    private static Optional<String> sameCluster(Path kubeconfig, List<CapturedNode> nodes, List<String> nodeNames) {
        List<String> expected = nodes.stream().map(n -> NodeNames.kubernetesNode(n.hostname(), n.config())).toList();
        List<String> missing = expected.stream().filter(n -> !nodeNames.contains(n)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String theirs = dev.talosrehearsal.kube.KubeNode.describeNames(nodeNames);
        if (missing.size() == expected.size()) {
            throw new dev.talosrehearsal.common.InputException(kubeconfig.toString(), 0, "its cluster has " + theirs + " and none of the"
                    + " captured nodes (" + String.join(", ", expected) + "): is this the kubeconfig of the cluster the talosconfig reaches?");
        }
        return Optional.of("kubeconfig " + kubeconfig + ": no Kubernetes Node for " + String.join(", ", missing)
                + " (its cluster has " + theirs + "); cluster/ holds what it has");
    }

    private static String clusterName(List<CapturedNode> nodes) {
        String first = ConfigSetting.CLUSTER_NAME.text(nodes.get(0).config(), "");
        for (CapturedNode node : nodes) {
            String name = ConfigSetting.CLUSTER_NAME.text(node.config(), "");
            if (!name.equals(first)) {
                throw new CaptureFailure(node.target(), "belongs to cluster '" + name + "', not '" + first + "' as "
                        + nodes.get(0).hostname() + " does: capture one cluster at a time");
            }
        }
        return first;
    }

    /** What makes the twin differ from the cluster, each a sentence to print; never a secret. */
    private static List<String> checks(List<CapturedNode> nodes, List<EtcdMemberInfo> members, SecretsBundle secrets) {
        List<String> warnings = new ArrayList<>();
        for (CapturedNode node : nodes) {
            if (node.staged()) {
                warnings.add(node.hostname() + " holds another config to boot next (MachineConfig persistent, e.g. a staged apply):"
                        + " before/ holds the one it runs now");
            }
            InventoryRender.upgraded(node).ifPresent(u -> warnings.add(node.hostname() + " runs Talos " + u.runs()
                    + " but its config's installer image names " + u.configNames() + " (talosctl upgrade leaves machine.install.image"
                    + " as it was): inventory.yaml says talosVersion: " + u.runs() + ", so the rehearsal simulates what it runs"));
            if (node.controlPlane() && !node.equals(nodes.stream().filter(CapturedNode::controlPlane).findFirst().orElseThrow())) {
                SecretsBundle other = SecretsFromConfig.derive(node.config(), node.hostname() + "'s machine config");
                if (!SecretsFile.render(other).equals(SecretsFile.render(secrets))) {
                    warnings.add(node.hostname() + "'s config holds other secrets than the first control plane's;"
                            + " talsecret.yaml holds the first one's");
                }
            }
        }
        Set<String> captured = nodes.stream().map(CapturedNode::hostname).collect(Collectors.toSet());
        for (EtcdMemberInfo member : members) {
            if (!captured.contains(member.hostname())) {
                warnings.add("etcd member " + member.hostname() + " (" + String.join(",", member.peerUrls())
                        + ") is not among the captured nodes: the twin's etcd has " + nodes.stream().filter(CapturedNode::controlPlane).count()
                        + " members, the cluster's " + members.size());
            }
        }
        return warnings;
    }

    /** As init prints it: {@code --tailnet} when the nodes run Tailscale but no config names the tailnet. */
    private static String tailnetOption(RenderedCluster configs) {
        List<RenderedCluster> both = List.of(configs);
        return ClusterTailnet.usesTailscale(both) && ClusterTailnet.suffix(both).isEmpty() ? " --tailnet <your-tailnet>.ts.net" : "";
    }

    private static String readme(Path dir, String cluster, String capturedAt, String endpoint, String tailnetOption) {
        return "# after/: the cluster after your migration\n\n"
                + "This rehearsal directory is a twin of the cluster `" + cluster + "`, captured through " + endpoint + " at " + capturedAt
                + " by `talos-rehearsal capture`:\n\n"
                + "- `before/`: each node's running machine config (mode 0600: they hold the cluster's keys)\n"
                + "- `talsecret.yaml`: the secrets bundle those configs hold, so that your talconfig renders with the same keys (0600)\n"
                + "- `inventory.yaml`: each node's addresses, as the Talos resource API reported them, and the extension services its image defines (ServiceList)\n"
                + "- `cluster/` (with `--kubeconfig`): the Kubernetes objects the impact scan reads; Secrets are never read\n\n"
                + "Copy your new `talconfig.yaml` (and the patch files it names) into this folder, and `talenv.yaml` (if it uses\n"
                + "variables) beside `talsecret.yaml`, then run:\n\n"
                + "    talos-rehearsal rehearse " + dir + tailnetOption + "\n";
    }
}
