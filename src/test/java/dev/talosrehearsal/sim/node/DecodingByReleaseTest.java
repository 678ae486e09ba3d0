package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.sim.node.ConfigEdits.with;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.before;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import dev.talosrehearsal.testing.Homelab;
import org.junit.jupiter.api.Test;

/**
 * A node decodes an applied config as its own release does (configloader's decoder: the document registry and the
 * unknown-keys check), whatever release the config was rendered for. Applying the configs for a new release before
 * upgrading the nodes to it fails there, as users of a v1.13 talosctl met v1.14's documents ("not registered").
 */
class DecodingByReleaseTest {
    @Test
    void aNodeOnV113RefusesV114sDocumentsAsNotRegisteredAndAcceptsThemOnceItRunsV114() {
        MachineConfig forV114 = Homelab.rendered("after-v1.14").node(W0).orElseThrow().config();

        BootedHomelab onV113 = new BootedHomelab(TalosVersion.parse("v1.13.9"));
        assertThatThrownBy(() -> onV113.node(W0).apply(bytes(forV114), ApplyMode.AUTO, false, null))
                .isInstanceOf(NodeApiException.class)
                .hasMessageStartingWith("failed to parse config: \"")
                .hasMessageEndingWith("\" \"v1alpha1\": not registered");
        assertThat(onV113.node(W0).activeConfig()).isEqualTo(before(W0));

        BootedHomelab onV114 = new BootedHomelab(TalosVersion.parse("v1.14.0-rc.1"));
        onV114.node(W0).apply(bytes(forV114), ApplyMode.AUTO, false, null);
        assertThat(onV114.node(W0).activeConfig()).isEqualTo(forV114);
    }

    @Test
    void aFieldTheNodesReleaseDoesNotKnowIsRefusedAsUnknownKeys() {
        // grubUseUKICmdline is a v1.12 field; the homelab's nodes run v1.11.5
        MachineConfig withNewerField = with(before(W0), "/machine/install/grubUseUKICmdline", JsonNodeFactory.instance.booleanNode(true));

        assertThatThrownBy(() -> new BootedHomelab().node(W0).apply(bytes(withNewerField), ApplyMode.AUTO, false, null))
                .isInstanceOf(NodeApiException.class)
                .hasMessage("failed to parse config: unknown keys found during decoding: machine.install.grubUseUKICmdline");
    }
}
