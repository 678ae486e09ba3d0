package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.ClusterConfigWriter;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.ConfigDiff;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.talconfig.TalConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "genconfig", mixinStandardHelpOptions = true,
        description = {"Render talconfig.yaml into one Talos machine config per node, like 'talhelper genconfig'.",
                "Writes <out>/<clusterName>-<hostname>.yaml (0600), <out>/talosconfig and <out>/.gitignore, all or nothing."})
final class GenconfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE", defaultValue = "talconfig.yaml",
            description = "The talhelper config (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Mixin
    ClusterInputOptions inputs;

    @Option(names = {"-o", "--out-dir"}, paramLabel = "DIR", defaultValue = "clusterconfig",
            description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--dry-run", description = "Print a per-node diff against what is in the output directory; write nothing.")
    boolean dryRun;

    @Option(names = "--new-secrets",
            description = "For a brand-new cluster only: generate a secrets bundle and save it to the --secret-file path (which must not exist yet).")
    boolean newSecrets;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TalConfig cluster = inputs.load(configFile);
        SecretsBundle secrets;
        boolean saveSecrets = false;
        if (newSecrets) {
            if (Files.exists(inputs.secretsPath())) {
                throw new InputException(inputs.secretsPath().toString(), 0,
                        "exists already; --new-secrets would replace the cluster's CA. Drop --new-secrets to use it");
            }
            secrets = new SecretsGenerator().generate();
            saveSecrets = !dryRun;
        } else {
            secrets = inputs.secrets();
        }
        ClusterRenderer renderer = new ClusterRenderer();
        RenderedCluster rendered = renderer.render(cluster, secrets);
        // what Talos accepts but warns about (e.g. a pod subnet that is not a CIDR): shown, not refused
        renderer.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        String talosconfig = rendered.talosconfigFile(secrets);
        Map<String, String> files = ClusterConfigWriter.files(rendered, talosconfig, outDir);
        if (dryRun) {
            printDryRun(rendered, out);
            return Main.OK;
        }
        if (saveSecrets) {
            SecretsFile.write(inputs.secretsPath(), secrets);
            out.println("generated new secrets in " + inputs.secretsPath() + " (keep it safe: it is the cluster's CA)");
        }
        ClusterConfigWriter.Written written = ClusterConfigWriter.write(files, outDir);
        for (RenderedNode node : rendered.nodes()) {
            out.println("generated config for " + node.hostname() + " in " + outDir.resolve(rendered.fileName(node)));
        }
        out.println("generated client config in " + outDir.resolve(ClusterConfigWriter.TALOSCONFIG));
        if (written.tightened() != null) {
            out.println(written.tightened());
        }
        return Main.OK;
    }

    private void printDryRun(RenderedCluster rendered, PrintWriter out) {
        for (RenderedNode node : rendered.nodes()) {
            Path existing = outDir.resolve(rendered.fileName(node));
            MachineConfig before = null;
            if (Files.isRegularFile(existing)) {
                before = MachineConfig.parse(InputFiles.read(existing), existing.toString());
            }
            ConfigDiff diff = ConfigDiff.between(node.hostname(), existing.toString(), before, existing + " (new)", node.config());
            if (diff.hasChanges()) {
                out.print(diff.unifiedDiff());
            } else {
                out.println("no changes found on " + existing);
            }
        }
    }
}
