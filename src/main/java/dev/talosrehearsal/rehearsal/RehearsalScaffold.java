package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.common.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.StagedDirectory;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.ClusterTailnet;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a rehearsal directory ({@link RehearsalDirectory}) from a cluster's own talconfig: {@code before/} and
 * {@code after/} as copies of it (with the patch files it references), the secrets bundle (the user's, or a new
 * one: a rehearsal needs a bundle, not the production keys), a drafted {@code inventory.yaml}, a commented
 * {@code faults.yaml}, a commented {@code checks.yaml}, an example spec ({@code features/example.feature}) and a short README ({@code cluster/} is left to the user: an empty one would be bad input).
 *
 * <p>All or nothing ({@link StagedDirectory}): everything is written into a hidden sibling directory, which is renamed to
 * the target only when complete; an existing non-empty target is refused, never merged into or overwritten.
 */
public final class RehearsalScaffold {
    /** What was made, for the command to report. */
    public record Made(Path dir, String clusterName, int nodes, boolean newSecrets, List<String> guesses, String rehearseCommand,
            String specCommand) {}

    /** The example spec init writes: it passes on the directory as made ({@code talos-rehearsal spec DIR}). */
    public static final String EXAMPLE_FEATURE = "features/example.feature";

    private RehearsalScaffold() {}

    /**
     * @param talenv    talenv.yaml to render with and copy, or null
     * @param talsecret the cluster's secrets bundle to copy, or null for a new one
     */
    public static Made create(Path dir, Path talconfig, Path talenv, Path talsecret) {
        StagedDirectory.refuseExisting(dir, "init");
        if (!Files.isRegularFile(talconfig)) {
            throw new InputException(talconfig.toString(), 0, "file not found");
        }
        Map<String, String> environment = TalConfigLoader.environment(talenv, talenv != null);
        TalConfig cluster = new TalConfigLoader(environment).load(talconfig);
        SecretsBundle secrets = talsecret == null ? new SecretsGenerator().generate() : SecretsFile.read(talsecret);
        RenderedCluster rendered = new ClusterRenderer().render(cluster, secrets);
        List<Path> patchFiles = patchFiles(talconfig);

        try (StagedDirectory staged = StagedDirectory.open(dir, "init")) {
            Path staging = staged.root();
            for (String side : List.of("before", "after")) {
                Path sideDir = staging.resolve(side);
                Files.createDirectories(sideDir);
                Files.copy(talconfig, sideDir.resolve("talconfig.yaml"));
                for (Path patch : patchFiles) {
                    Path target = sideDir.resolve(talconfig.toAbsolutePath().getParent().relativize(patch)).normalize();
                    if (!target.startsWith(staging)) {
                        throw new InputException(talconfig.toString(), 0, "file " + patch
                                + " lies outside the talconfig's directory tree; init can copy only patches and extraManifests below it");
                    }
                    if (!Files.exists(target)) {
                        Files.createDirectories(target.getParent());
                        Files.copy(patch, target);
                    }
                }
            }
            AtomicFiles.writePrivate(staging.resolve("talsecret.yaml"), SecretsFile.render(secrets));
            if (talenv != null) {
                AtomicFiles.writePrivate(staging.resolve("talenv.yaml"), Files.readAllBytes(talenv));
            }
            String inventory = InventoryDraft.render(cluster, rendered);
            Files.writeString(staging.resolve("inventory.yaml"), inventory);
            Files.writeString(staging.resolve("faults.yaml"), template("faults.yaml.template", Map.of(
                    "CONTROL_PLANE", firstNode(cluster, true), "ANY_NODE", cluster.nodes().get(cluster.nodes().size() - 1).hostname())));
            Files.writeString(staging.resolve(ChecksFile.NAME), template("checks.yaml.template", Map.of("BEFORE_SUBNET",
                    cluster.nodes().isEmpty() ? "" : String.join(", ", ConfigSetting.NODE_IP_VALID_SUBNETS.strings(rendered.nodes().get(0).config())))));
            Files.createDirectories(staging.resolve("features"));
            Files.writeString(staging.resolve(EXAMPLE_FEATURE), template("example.feature.template", Map.of(
                    "CLUSTER", cluster.clusterName(), "SPEC", specCommand(dir.getFileName(), rendered),
                    "CONTROL_PLANE", firstNode(cluster, true), "NODE_SUBNET_STEP", nodeSubnetStep(rendered))));
            Files.writeString(staging.resolve("README.md"), template("README.md.template", Map.of(
                    "SPEC", specCommand(Path.of("."), rendered).replace("talos-rehearsal spec ", ""),
                    "CLUSTER", cluster.clusterName(), "SOURCE", talconfig.toString(),
                    "REHEARSE", rehearseCommand(Path.of("."), rendered).replace("talos-rehearsal rehearse ", ""),
                    "SECRETS", talsecret == null ? "a **new** secrets bundle made for the rehearsal (not the cluster's keys)"
                            : "a copy of `" + talsecret + "`")));
            staged.commit();
            List<String> guesses = inventory.lines().filter(l -> l.contains("# GUESS")).map(String::strip).toList();
            return new Made(dir, cluster.clusterName(), cluster.nodes().size(), talsecret == null, guesses, rehearseCommand(dir, rendered),
                    specCommand(dir, rendered));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Files the talconfig reads beside itself, resolved against its directory: those referenced as {@code @path} by any
     * {@code patches} list, and every {@code extraManifests} file (with or without {@code @}: TalConfigLoader reads both).
     */
    private static List<Path> patchFiles(Path talconfig) {
        Set<Path> files = new LinkedHashSet<>();
        // read as the loader reads it: an alias (`- *manifest`) names the anchored value, not its own text
        JsonNode root = YamlSource.parseOne(InputFiles.read(talconfig), talconfig.toString()).root();
        collect(root, null, talconfig.toAbsolutePath().getParent(), files);
        return new ArrayList<>(files);
    }

    /** @param list the key of the list {@code node} is in ({@code patches}, {@code extraManifests}), else null */
    private static void collect(JsonNode node, String list, Path base, Set<Path> files) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && "patches".equals(list) && node.asText().startsWith("@")) {
            files.add(base.resolve(node.asText().substring(1).strip()).normalize());
        } else if (node.isTextual() && "extraManifests".equals(list)) {
            String path = node.asText().startsWith("@") ? node.asText().substring(1) : node.asText();
            files.add(base.resolve(path.strip()).normalize());
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, list, base, files));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(e.getValue(), e.getKey(), base, files));
        }
    }

    /** The command to run next; with {@code --tailnet} when the nodes run Tailscale but no config names the tailnet. */
    private static String rehearseCommand(Path dir, RenderedCluster rendered) {
        return "talos-rehearsal rehearse " + dir + tailnetOption(rendered);
    }

    /** The command that runs the example feature, as {@link #rehearseCommand} (spec finds the tailnet the same way). */
    private static String specCommand(Path dir, RenderedCluster rendered) {
        return "talos-rehearsal spec " + dir + tailnetOption(rendered);
    }

    private static String tailnetOption(RenderedCluster rendered) {
        List<RenderedCluster> configs = List.of(rendered);
        boolean unnamedTailnet = ClusterTailnet.usesTailscale(configs) && ClusterTailnet.suffix(configs).isEmpty();
        return unnamedTailnet ? " --tailnet <your-tailnet>.ts.net" : "";
    }

    /** The example's subnet check, when every node is given the same one node-IP subnet; else a comment saying why not. */
    private static String nodeSubnetStep(RenderedCluster rendered) {
        Set<List<String>> subnets = new LinkedHashSet<>();
        rendered.nodes().forEach(n -> subnets.add(ConfigSetting.NODE_IP_VALID_SUBNETS.strings(n.config())));
        if (subnets.size() == 1 && subnets.iterator().next().size() == 1) {
            return "    And Kubernetes sees every node on an address in \"" + subnets.iterator().next().get(0) + "\"";
        }
        return "    # (the nodes have no single validSubnets entry; with one: And Kubernetes sees every node on an address in \"<subnet>\")";
    }

    private static String firstNode(TalConfig cluster, boolean controlPlane) {
        return cluster.nodes().stream().filter(n -> n.controlPlane() == controlPlane).findFirst()
                .orElse(cluster.nodes().get(0)).hostname();
    }

    private static String template(String name, Map<String, String> values) {
        try (InputStream in = RehearsalScaffold.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace("${" + v.getKey() + "}", v.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
