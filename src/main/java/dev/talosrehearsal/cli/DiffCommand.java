package dev.talosrehearsal.cli;

import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.ConfigDiff;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what changes per node between two talconfig.yaml files (rendered with the same secrets)"
                + " or two clusterconfig directories. Secrets are shown as <redacted>.",
                "Exit code 0: no changes; 1: changes."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "talconfig.yaml or clusterconfig directory before the change.")
    Path oldInput;

    @Parameters(index = "1", paramLabel = "NEW", description = "talconfig.yaml or clusterconfig directory after the change.")
    Path newInput;

    @Mixin
    ClusterInputOptions inputs;

    @Option(names = "--summary", description = "Only the one-line summary per node, no unified diff.")
    boolean summaryOnly;

    @Override
    public Integer call() {
        Map<String, MachineConfig> before = configs(oldInput);
        Map<String, MachineConfig> after = configs(newInput);
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        PrintWriter out = spec.commandLine().getOut();
        List<ConfigDiff> diffs = new ArrayList<>();
        for (String name : names) {
            diffs.add(ConfigDiff.between(name, "a/" + name, before.get(name), "b/" + name, after.get(name)));
        }
        if (!summaryOnly) {
            diffs.stream().filter(ConfigDiff::hasChanges).forEach(d -> out.print(d.unifiedDiff()));
        }
        diffs.forEach(d -> out.println(d.summary()));
        return diffs.stream().anyMatch(ConfigDiff::hasChanges) ? Main.FOUND : Main.OK;
    }

    private SecretsBundle secrets;

    private Map<String, MachineConfig> configs(Path input) {
        if (Files.isDirectory(input)) {
            return ClusterConfigDirectory.read(input);
        }
        if (secrets == null) {
            secrets = inputs.secrets();
        }
        RenderedCluster rendered = new ClusterRenderer().render(inputs.load(input), secrets);
        Map<String, MachineConfig> configs = new LinkedHashMap<>();
        rendered.nodes().forEach(n -> configs.put(rendered.fileName(n), n.config()));
        return configs;
    }
}
