package dev.talosrehearsal.rollout;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process holding a journal (run in a fresh JVM by {@link JournalLockTest}): opens the journal, says
 * {@code held DIR}, and keeps it until its standard input closes or it is killed.
 */
public final class JournalLockHolder {
    private JournalLockHolder() {}

    public static void main(String[] args) throws IOException {
        try (Journal journal = Journal.open(Path.of(args[0]))) {
            System.out.println("held " + journal.dir());
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the journal until stdin closes
            }
        }
    }
}
