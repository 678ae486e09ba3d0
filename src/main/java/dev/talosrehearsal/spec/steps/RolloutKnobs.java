package dev.talosrehearsal.spec.steps;

import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.EventWriter;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.talos.ApplyMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What a scenario's Given steps change about the rollouts that follow, in the terms an operator has for them: the
 * options {@code apply} takes (--gate-timeout, --try-timeout, --max-parallel-workers), the disk the journal is on, and
 * what happens to the applier's process while it runs (a kill, SIGTERM). The defaults are the applier's own.
 */
final class RolloutKnobs {
    Duration gateTimeout = Applier.Settings.defaults().gateTimeout();
    Duration tryTimeout = Applier.Settings.defaults().tryTimeout();
    int workersAtATime = 1;
    /** apply's --node: only these nodes are changed (empty: every node). */
    final List<String> onlyNodes = new java.util.ArrayList<>();
    /** Every journal event goes through it: the seam by which a scenario fills the journal's disk. */
    EventWriter eventWriter = EventWriter.DIRECT;
    /** Hear the rollout as it runs (progress lines, steps done), to do something to it at a given moment. */
    final List<RolloutListener> listeners = new CopyOnWriteArrayList<>();
    /** Called with every applier a rollout step starts (to ask it to stop, as SIGTERM does). */
    final List<Consumer<Applier>> onApplier = new CopyOnWriteArrayList<>();

    Applier.Settings settings(ApplyMode mode, Map<String, List<String>> inventory) {
        return new Applier.Settings(mode, tryTimeout, gateTimeout, inventory);
    }

    void applierStarted(Applier applier) {
        onApplier.forEach(c -> c.accept(applier));
    }

    /** {@code first}, then every listener a fault step added. */
    RolloutListener around(RolloutListener first) {
        return new RolloutListener() {
            @Override
            public void progress(String line) {
                first.progress(line);
                listeners.forEach(l -> l.progress(line));
            }

            @Override
            public void stepDone(RolloutPlan.Step step) {
                first.stepDone(step);
                listeners.forEach(l -> l.stepDone(step));
            }
        };
    }
}
