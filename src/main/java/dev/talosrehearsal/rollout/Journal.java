package dev.talosrehearsal.rollout;

import dev.talosrehearsal.common.InputFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.MachineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollout's record on disk, so a killed process can be resumed or rolled back and nothing is
 * applied twice by accident:
 * <pre>
 * rollout.json                  what was planned (nodes, order, settings), no secrets
 * nodes/&lt;host&gt;/before.yaml      the config the node ran before (0600: holds keys)
 * nodes/&lt;host&gt;/after.yaml       the config rolled out (0600)
 * events.ndjson                 append-only, one event per line, flushed to disk before the next action
 * applier.lock                  who is applying it now (see {@link JournalLock})
 * </pre>
 * A line cut short by a crash is ignored when reading.
 *
 * <p>Creating or opening a journal locks it for this process until {@link #close()}: one applier per journal.
 * A closed journal can still be read, not appended to.
 */
public final class Journal implements AutoCloseable {
    static final String MANIFEST = "rollout.json";
    static final String EVENTS = "events.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dir;
    private final JournalLock lock;
    private final EventWriter writer;
    private long seq;
    /** Whether this process's LOCKED event is in the log yet. */
    private boolean holderRecorded;

    private Journal(Path dir, JournalLock lock, EventWriter writer) {
        this.dir = dir;
        this.lock = lock;
        this.writer = writer;
    }

    /** Starts a journal in an empty (or new) directory, locked by this process. */
    public static Journal create(Path dir, JournalManifest manifest, List<NodeChange> nodes) {
        return create(dir, manifest, nodes, EventWriter.DIRECT);
    }

    /** As {@link #create(Path, JournalManifest, List)}, appending events through {@code writer}. */
    public static Journal create(Path dir, JournalManifest manifest, List<NodeChange> nodes, EventWriter writer) {
        refuseIfExists(dir);
        JournalLock lock = null;
        try {
            AtomicFiles.createPrivateDirectory(dir);
            lock = JournalLock.acquire(dir);
            if (holdsJournal(dir)) { // another applier created it between the check above and the lock
                throw alreadyAJournal(dir);
            }
            for (NodeChange node : nodes) {
                Path nodeDir = dir.resolve("nodes").resolve(node.hostname());
                AtomicFiles.createPrivateDirectory(nodeDir);
                AtomicFiles.writePrivate(nodeDir.resolve("before.yaml"), node.before().toYaml());
                AtomicFiles.writePrivate(nodeDir.resolve("after.yaml"), node.after().toYaml());
            }
            AtomicFiles.writePrivate(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            Journal journal = new Journal(dir, lock, writer);
            lock = null;
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * Refuses (bad input) a directory that already holds a journal, naming the applier using it if one is; writes
     * nothing. {@link #create} checks this too; callers check it early, to refuse before asking or connecting.
     */
    public static void refuseIfExists(Path dir) {
        if (holdsJournal(dir)) {
            JournalLock.refuseIfInUse(dir);
            throw alreadyAJournal(dir);
        }
    }

    private static boolean holdsJournal(Path dir) {
        return Files.exists(dir.resolve(EVENTS)) || Files.exists(dir.resolve(MANIFEST));
    }

    private static InputException alreadyAJournal(Path dir) {
        return new InputException(dir.toString(), 0, "already holds a rollout journal; resume or roll it back,"
                + " or choose another --journal directory");
    }

    /** Opens an existing journal to resume or roll back, locked by this process (refused while another holds it). */
    public static Journal open(Path dir) {
        return open(dir, EventWriter.DIRECT);
    }

    /** As {@link #open(Path)}, appending events through {@code writer}. */
    public static Journal open(Path dir, EventWriter writer) {
        // a lock file without a manifest is a journal being created: the lock names who creates it
        if (!Files.isRegularFile(dir.resolve(MANIFEST)) && !JournalLock.exists(dir)) {
            throw noJournal(dir);
        }
        JournalLock lock = JournalLock.acquire(dir);
        try {
            if (!Files.isRegularFile(dir.resolve(MANIFEST)) || !Files.isRegularFile(dir.resolve(EVENTS))) {
                throw noJournal(dir);
            }
            Journal journal = new Journal(dir, lock, writer);
            journal.dropTornLine();
            journal.seq = journal.events().stream().mapToLong(JournalEvent::seq).max().orElse(0);
            lock = null;
            return journal;
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static InputException noJournal(Path dir) {
        return new InputException(dir.toString(), 0, "no rollout journal here (expected " + MANIFEST + " and " + EVENTS + ")");
    }

    /** Releases the lock; the journal can still be read. */
    @Override
    public void close() {
        lock.close();
    }

    /** One line for the operator when this journal's lock was taken over from a process that died holding it. */
    public Optional<String> takeOverNote() {
        return lock.takeOverNote();
    }

    /** Where the rollout stands, as its events tell. */
    public JournalState state() {
        return JournalState.of(events());
    }

    public Path dir() {
        return dir;
    }

    public JournalManifest manifest() {
        Path file = dir.resolve(MANIFEST);
        String text = InputFiles.read(file);
        try {
            JournalManifest manifest = JSON.readValue(text, JournalManifest.class);
            if (manifest == null) {
                throw new InputException(file.toString(), 1, "not a journal manifest: empty");
            }
            return manifest.checked(file.toString());
        } catch (JsonProcessingException e) {
            throw new InputException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a journal manifest: " + e.getOriginalMessage());
        }
    }

    public MachineConfig before(String host) {
        return config(host, "before.yaml");
    }

    public MachineConfig after(String host) {
        return config(host, "after.yaml");
    }

    private MachineConfig config(String host, String name) {
        Path file = dir.resolve("nodes").resolve(host).resolve(name);
        return MachineConfig.parse(InputFiles.read(file, file.toString(), "missing from the journal"), file.toString());
    }

    /**
     * Appends an event and forces it to disk before returning. The first event this process appends is preceded by
     * a LOCKED event naming it (pid, host, since when), so the log says who did what; it is written only once there
     * is something to say, so a refused or finished-already run leaves the log as it was.
     */
    public synchronized JournalEvent record(String node, JournalEvent.Type type, String detail, Instant at) {
        if (!lock.held()) {
            throw new IllegalStateException("the journal " + dir + " was closed: its lock is released, nothing may be appended");
        }
        if (!holderRecorded) {
            append(new JournalEvent(seq + 1, at, null, JournalEvent.Type.LOCKED, lock.holder().describe()
                    + lock.tookOverFrom().map(h -> "; took over the stale lock of " + h.describe()).orElse("")));
            seq++;
            holderRecorded = true;
        }
        JournalEvent event = new JournalEvent(seq + 1, at, node, type, detail);
        append(event); // a failed append throws with the log as it was, and the sequence number is not used up
        seq++;
        return event;
    }

    /**
     * Appends one line and forces it to disk. When the write fails (a full disk), the file is cut back to its length
     * before, so no torn line is left for the next append to run into: the log holds exactly the events recorded.
     */
    private void append(JournalEvent event) {
        Path file = dir.resolve(EVENTS);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long before = channel.size();
            channel.position(before);
            try {
                writer.write(channel, ByteBuffer.wrap((JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            } catch (IOException e) {
                channel.truncate(before);
                channel.force(true);
                throw new JournalWriteException(file, event, e);
            }
        } catch (JournalWriteException e) {
            throw e;
        } catch (IOException e) {
            throw new JournalWriteException(file, event, e);
        }
    }

    /** A last line without its newline was being written when a process died: not an event, and in the way of the next. */
    private void dropTornLine() {
        Path file = dir.resolve(EVENTS);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                channel.truncate(end);
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every complete event line, in order. */
    public List<JournalEvent> events() {
        List<JournalEvent> events = new ArrayList<>();
        Path file = dir.resolve(EVENTS);
        String text = InputFiles.read(file);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return events; // a first line still being written is not an event yet
        }
        String[] lines = text.substring(0, end).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JournalEvent event = JSON.readValue(lines[i], JournalEvent.class);
                if (event == null || event.type() == null) {
                    throw new InputException(file.toString(), i + 1, "not a journal event: no type");
                }
                events.add(event);
            } catch (JsonProcessingException e) {
                // getOriginalMessage: without Jackson's location, which counts within this one line
                throw new InputException(file.toString(), i + 1, "not a journal event: " + e.getOriginalMessage());
            }
        }
        return events;
    }
}
