package dev.talosrehearsal.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An event could not be appended to the journal (typically: its disk is full). The log was cut back to what it held
 * before, so it is consistent; the applier stops before its next action, since it acts only on what it journaled.
 */
public final class JournalWriteException extends UncheckedIOException {
    private final JournalEvent event;

    JournalWriteException(Path file, JournalEvent event, IOException cause) {
        super("cannot append to the journal " + file + ": " + cause.getMessage(), cause);
        this.event = event;
    }

    /** The event that was not recorded. */
    public JournalEvent event() {
        return event;
    }
}
