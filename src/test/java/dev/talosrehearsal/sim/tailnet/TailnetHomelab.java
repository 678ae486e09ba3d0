package dev.talosrehearsal.sim.tailnet;

import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import java.nio.file.Path;

/** The seed's homelab rendered by the real generator and started as a simulated cluster. */
final class TailnetHomelab {
    static final Path DIR = Path.of("fixtures/homelab");
    static final String SUFFIX = "tailnet-4d89.ts.net";
    static final String SERVICE = "bastion-k8s." + SUFFIX;
    static final String M0 = "talos-master-0";
    static final String M1 = "talos-master-1";
    static final String M2 = "talos-master-2";

    private TailnetHomelab() {}

    static SecretsBundle secrets() {
        return SecretsFile.read(DIR.resolve("talsecret.yaml"));
    }

    /** {@code talconfig} rendered with the fixture's talenv and secrets. */
    static RenderedCluster render(Path talconfig) {
        return new ClusterRenderer().render(load(talconfig), secrets());
    }

    static TalConfig load(Path talconfig) {
        return new TalConfigLoader(TalEnv.read(DIR.resolve("talenv.yaml"))).load(talconfig);
    }

    static SimulatedTalosNodes start(Path talconfig) {
        return SimulatedTalosNodes.start(new SimulatedTalosNodes.Spec(render(talconfig), load(talconfig).talosVersion(),
                Inventory.read(DIR.resolve("inventory.yaml")), secrets(), null, NodeTimings.DEFAULT, new SimClock()));
    }

    static SimulatedTalosNodes start(String variant) {
        return start(DIR.resolve(variant).resolve("talconfig.yaml"));
    }
}
