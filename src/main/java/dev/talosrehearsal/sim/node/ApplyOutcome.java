package dev.talosrehearsal.sim.node;

import dev.talosrehearsal.talos.ApplyMode;
import java.util.List;

/**
 * One node's {@code ApplyConfiguration} reply message.
 *
 * @param mode        the resolved mode (AUTO never comes back: it resolves to NO_REBOOT or REBOOT)
 * @param modeDetails machined's human text ("Applied configuration without a reboot", dry-run summary)
 * @param warnings    validation warnings
 */
public record ApplyOutcome(ApplyMode mode, String modeDetails, List<String> warnings) {
    public ApplyOutcome {
        warnings = List.copyOf(warnings);
    }
}
