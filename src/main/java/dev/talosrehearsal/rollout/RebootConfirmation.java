package dev.talosrehearsal.rollout;

import dev.talosrehearsal.talos.BootId;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import java.time.Duration;
import java.time.Instant;

/**
 * Confirms a reboot the way talosctl's {@code reboot --wait} does: read the node's boot ID before the action that
 * reboots it, then wait until the node answers with another one (cmd/talosctl/pkg/talos/action/node.go, {@code run}
 * and {@code runPostCheckWithRetry}; tracker.go, {@code BootIDChangedPostCheckFn}). A node that answers the API again
 * has not necessarily rebooted: one whose reboot never started (machined answers Reboot before its sequence runs,
 * and a sequence that cannot take the lock is only logged) answers throughout, on the same boot ID.
 */
final class RebootConfirmation {
    /** The id a confirmation is reported under, beside the gates of a node. */
    static final String GATE = "reboot";

    private final TalosClient talos;
    private final RolloutClock clock;
    private final Waiter waiter;

    /** @param waiter the rollout's own, so that a stop request ends the wait too */
    RebootConfirmation(TalosClient talos, RolloutClock clock, Waiter waiter) {
        this.talos = talos;
        this.clock = clock;
        this.waiter = waiter;
    }

    /** The boot ID to compare with once the node is back; read before the apply or Reboot call that reboots it. */
    BootId before(String address) {
        return talos.bootId(address);
    }

    /**
     * Waits up to {@code timeout} until the node answers with a boot ID other than {@code before}. The result's
     * detail is, on success, the change of IDs; on failure, why the last check failed.
     */
    GateResult await(String hostname, String address, BootId before, Duration timeout) {
        Instant start = clock.now();
        return waiter.until(timeout, () -> check(hostname, address, before, start));
    }

    /**
     * {@link #await}, with the wait reported under {@code gate} beside the node's gates and, once the new boot ID is seen,
     * journaled (REBOOT_CONFIRMED): what the way forward and the rollback both record of a reboot.
     */
    GateResult confirm(String hostname, String address, BootId before, Duration timeout, String gate, RolloutReport.NodeRecord record,
            Journal journal) {
        Instant start = clock.now();
        GateResult result = await(hostname, address, before, timeout);
        record.gates.add(new RolloutReport.GateRecord(gate, "the node booted again: its boot ID changed", result.passed(), result.detail(),
                clock.now(), RolloutReport.seconds(start, clock.now())));
        if (result.passed()) {
            journal.record(hostname, JournalEvent.Type.REBOOT_CONFIRMED, result.detail(), clock.now());
        }
        return result;
    }

    private GateResult check(String hostname, String address, BootId before, Instant start) {
        BootId now;
        try {
            now = talos.bootId(address);
        } catch (TalosApiException e) {
            return GateResult.fail(hostname, null, hostname + " has not answered since its reboot was asked for (" + e.getMessage() + ")");
        }
        if (!before.known() || !now.known()) {
            // talosctl passes its post check when the ID could not be read (a role without os:admin); so does this, saying so
            return GateResult.pass(hostname, null, "answers; boot ID not readable with this client's role, the reboot is not confirmed");
        }
        if (before.rebootedInto(now)) {
            return GateResult.pass(hostname, null, "boot ID " + before + " → " + now);
        }
        return GateResult.fail(hostname, null, hostname + " answered again but its boot ID did not change (still " + now + " after "
                + Applier.seconds(start, clock) + "): the node did not reboot");
    }
}
