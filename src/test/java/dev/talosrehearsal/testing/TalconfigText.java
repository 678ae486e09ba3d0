package dev.talosrehearsal.testing;

import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.TestBundles;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A talconfig a test writes as text, saved as {@code talconfig.yaml} in the test's directory (patch files beside it
 * resolve there), loaded with no variables and rendered with the published test bundle, as genconfig renders it.
 */
public final class TalconfigText {
    private TalconfigText() {}

    public static RenderedCluster render(Path dir, String talconfig) throws IOException {
        return render(new ClusterRenderer(), dir, talconfig);
    }

    /** With {@code renderer}, whose warnings the test then reads. */
    public static RenderedCluster render(ClusterRenderer renderer, Path dir, String talconfig) throws IOException {
        Path file = dir.resolve("talconfig.yaml");
        Files.writeString(file, talconfig);
        return renderer.render(new TalConfigLoader(Map.of()).load(file), TestBundles.fixture());
    }

    /** The first node's config. */
    public static MachineConfig firstNode(Path dir, String talconfig) throws IOException {
        return render(dir, talconfig).nodes().get(0).config();
    }
}
