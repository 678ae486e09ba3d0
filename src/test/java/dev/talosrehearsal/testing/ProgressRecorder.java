package dev.talosrehearsal.testing;

import dev.talosrehearsal.rollout.RolloutListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every progress line a rollout prints, for assertions and for the message of one that fails. */
public final class ProgressRecorder implements RolloutListener {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void progress(String line) {
        lines.add(line);
    }

    /** Forgets the lines so far (a second run of the same test: a resume). */
    public synchronized void clear() {
        lines.clear();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines as the operator read them, one per line. */
    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}
