package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A rehearsal's inputs: {@code before/talconfig.yaml}, {@code <after>/talconfig.yaml}, {@code talsecret.yaml},
 * optional {@code talenv.yaml}, {@code inventory.yaml} (the machines' addresses) and optional {@code faults.yaml}.
 */
final class RehearsalDir {
    final Path dir;
    final String afterName;
    final SecretsBundle secrets;
    final TalConfig before;
    final TalConfig after;
    final RenderedCluster beforeConfigs;
    final RenderedCluster afterConfigs;
    final Inventory inventory;
    final FaultsFile faults;

    RehearsalDir(Path dir, String afterName) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, "not a directory (expected before/, " + afterName + "/, talsecret.yaml, inventory.yaml)");
        }
        this.dir = dir;
        this.afterName = afterName;
        Path env = dir.resolve("talenv.yaml");
        Map<String, String> environment = TalConfigLoader.environment(env, false);
        TalConfigLoader loader = new TalConfigLoader(environment);
        this.before = loader.load(required(dir.resolve("before/talconfig.yaml")));
        this.after = loader.load(required(dir.resolve(afterName).resolve("talconfig.yaml")));
        this.secrets = SecretsFile.read(required(dir.resolve("talsecret.yaml")));
        ClusterRenderer renderer = new ClusterRenderer();
        this.beforeConfigs = renderer.render(before, secrets);
        this.afterConfigs = renderer.render(after, secrets);
        this.inventory = Inventory.read(required(dir.resolve("inventory.yaml")));
        Path faultsFile = dir.resolve("faults.yaml");
        this.faults = Files.exists(faultsFile) ? FaultsFile.read(faultsFile, inventory) : null;
        if (!before.clusterName().equals(after.clusterName())) {
            throw new InputException(dir.resolve(afterName).resolve("talconfig.yaml").toString(), 0,
                    "cluster '" + after.clusterName() + "' is not before/'s cluster '" + before.clusterName() + "'");
        }
    }

    private static Path required(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), 0, "file not found");
        }
        return file;
    }

    /** The tailnet's MagicDNS suffix: {@code --tailnet}, else from a {@code *.ts.net} certSAN, else a placeholder. */
    String tailnetSuffix(String explicit) {
        if (explicit != null) {
            return explicit;
        }
        for (TalConfig config : new TalConfig[] {after, before}) {
            for (String san : config.additionalApiServerCertSans()) {
                if (san.endsWith(".ts.net") && san.indexOf('.') < san.length() - ".ts.net".length()) {
                    return san.substring(san.indexOf('.') + 1);
                }
            }
        }
        return "tailnet.ts.net";
    }
}
