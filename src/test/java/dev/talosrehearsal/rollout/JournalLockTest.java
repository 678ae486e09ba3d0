package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One applier per journal: in this JVM, across processes, and after a holder died without releasing it. */
class JournalLockTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private Journal create(Path journalDir) {
        JournalManifest manifest = new JournalManifest("homelab", "AUTO", 60, 300, 1, null, List.of());
        return Journal.create(journalDir, manifest, List.of());
    }

    @Test
    void aSecondApplierInThisProcessIsRefusedNamingTheHolderUntilTheFirstCloses() {
        Path journalDir = dir.resolve("journal");
        try (Journal first = create(journalDir)) {
            first.record(null, Type.STARTED, "", T0);

            assertThatThrownBy(() -> Journal.open(journalDir)).isInstanceOf(InputException.class)
                    .hasMessageContaining("another applier is using this journal: pid " + PID + " on ")
                    .hasMessageContaining(" since ").hasMessageContaining(journalDir.resolve("applier.lock").toString())
                    .satisfies(e -> assertThat(((InputException) e).oneLine()).startsWith(journalDir + ": "));
            assertThatThrownBy(() -> create(journalDir)).isInstanceOf(InputException.class)
                    .hasMessageContaining("another applier is using this journal: pid " + PID);
        }
        try (Journal second = Journal.open(journalDir)) {
            assertThat(second.takeOverNote()).isEmpty();
            second.record(null, Type.FINISHED, "migrated", T0);
        }
        assertThat(Journal.open(journalDir)).satisfies(Journal::close);
        assertThatThrownBy(() -> create(journalDir)).hasMessageContaining("already holds a rollout journal");
    }

    @Test
    void eachProcessNamesItselfInTheLogOnceAndSequenceNumbersGoOn() throws Exception {
        Path journalDir = dir.resolve("journal");
        try (Journal first = create(journalDir)) {
            first.record(null, Type.STARTED, "", T0);
            first.record(null, Type.PREFLIGHT_PASSED, "", T0);
        }
        try (Journal second = Journal.open(journalDir)) {
            second.record(null, Type.FINISHED, "migrated", T0);
        }
        List<JournalEvent> events;
        try (Journal third = Journal.open(journalDir)) {
            events = third.events();
        }
        assertThat(events).extracting(JournalEvent::type).containsExactly(Type.LOCKED, Type.STARTED, Type.PREFLIGHT_PASSED, Type.LOCKED, Type.FINISHED);
        assertThat(events).extracting(JournalEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).detail()).startsWith("pid " + PID + " on ").contains(" since ");
        assertThat(Files.readString(journalDir.resolve("applier.lock"))).as("emptied on a clean release").isEmpty();
    }

    @Test
    void aClosedJournalCanBeReadButNotAppendedTo() {
        Journal journal = create(dir.resolve("journal"));
        journal.record(null, Type.STARTED, "", T0);
        journal.close();

        assertThat(journal.events()).hasSize(2);
        assertThatThrownBy(() -> journal.record(null, Type.FINISHED, "", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nothingIsWrittenIntoADirectoryThatIsNoJournal() throws Exception {
        Files.createDirectories(dir.resolve("not-a-journal"));

        assertThatThrownBy(() -> Journal.open(dir.resolve("not-a-journal"))).hasMessageContaining("no rollout journal here");
        assertThat(dir.resolve("not-a-journal")).isEmptyDirectory();
    }

    /**
     * File locks belong to a process: another JVM holding the journal is refused here by the OS lock, and once it is
     * killed (kill -9: no chance to release) its record is a stale lock, taken over and explained.
     */
    @Test
    void anotherProcessHoldsTheJournalUntilItIsKilledThenItsStaleLockIsTakenOver() throws Exception {
        Path journalDir = dir.resolve("journal");
        try (Journal journal = create(journalDir)) {
            journal.record(null, Type.STARTED, "", T0);
        }
        Process holder = FreshJvmRun.builder(List.of(), JournalLockHolder.class.getName(), journalDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("held " + journalDir);

            assertThatThrownBy(() -> Journal.open(journalDir)).isInstanceOf(InputException.class)
                    .hasMessageContaining("another applier is using this journal: pid " + holder.pid() + " on ");
            assertThatThrownBy(() -> create(journalDir)).hasMessageContaining("pid " + holder.pid());
        } finally {
            holder.destroyForcibly(); // SIGKILL: the holder cannot empty its record
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(journalDir.resolve("applier.lock"))).contains("\"pid\":" + holder.pid());

        try (Journal journal = Journal.open(journalDir)) {
            assertThat(journal.takeOverNote()).hasValueSatisfying(note -> assertThat(note)
                    .startsWith(journalDir + ": took over a stale lock of pid " + holder.pid() + " on ")
                    .contains("that process no longer holds it").doesNotContain("\n"));
            journal.record(null, Type.FINISHED, "", T0);
            assertThat(journal.events()).filteredOn(e -> e.type() == Type.LOCKED).last()
                    .satisfies(e -> assertThat(e.detail()).startsWith("pid " + PID).contains("took over the stale lock of pid " + holder.pid()));
        }
    }
}
