package dev.talosrehearsal.rollout;

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

/**
 * A rollout's record on disk, so a killed process can be resumed or rolled back and nothing is
 * applied twice by accident:
 * <pre>
 * rollout.json                  what was planned (nodes, order, settings), no secrets
 * nodes/&lt;host&gt;/before.yaml      the config the node ran before (0600: holds keys)
 * nodes/&lt;host&gt;/after.yaml       the config rolled out (0600)
 * events.ndjson                 append-only, one event per line, flushed to disk before the next action
 * </pre>
 * A line cut short by a crash is ignored when reading.
 */
public final class Journal {
    static final String MANIFEST = "rollout.json";
    static final String EVENTS = "events.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dir;
    private long seq;

    private Journal(Path dir, long seq) {
        this.dir = dir;
        this.seq = seq;
    }

    /** Starts a journal in an empty (or new) directory. */
    public static Journal create(Path dir, JournalManifest manifest, List<NodeChange> nodes) {
        try {
            if (Files.exists(dir.resolve(EVENTS))) {
                throw new InputException(dir.toString(), 0, "already holds a rollout journal; resume or roll it back,"
                        + " or choose another --journal directory");
            }
            AtomicFiles.createPrivateDirectory(dir);
            for (NodeChange node : nodes) {
                Path nodeDir = dir.resolve("nodes").resolve(node.hostname());
                AtomicFiles.createPrivateDirectory(nodeDir);
                AtomicFiles.writePrivate(nodeDir.resolve("before.yaml"), node.before().toYaml());
                AtomicFiles.writePrivate(nodeDir.resolve("after.yaml"), node.after().toYaml());
            }
            AtomicFiles.writePrivate(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            return new Journal(dir, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing journal to resume or roll back. */
    public static Journal open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MANIFEST)) || !Files.isRegularFile(dir.resolve(EVENTS))) {
            throw new InputException(dir.toString(), 0, "no rollout journal here (expected " + MANIFEST + " and " + EVENTS + ")");
        }
        Journal journal = new Journal(dir, 0);
        journal.seq = journal.events().stream().mapToLong(JournalEvent::seq).max().orElse(0);
        return journal;
    }

    public Path dir() {
        return dir;
    }

    public JournalManifest manifest() {
        try {
            return JSON.readValue(dir.resolve(MANIFEST).toFile(), JournalManifest.class);
        } catch (IOException e) {
            throw new InputException(dir.resolve(MANIFEST).toString(), 0, "unreadable journal manifest: " + e.getMessage());
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
        try {
            return MachineConfig.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "missing from the journal: " + e.getMessage());
        }
    }

    /** Appends an event and forces it to disk before returning. */
    public synchronized JournalEvent record(String node, JournalEvent.Type type, String detail, Instant at) {
        JournalEvent event = new JournalEvent(++seq, at, node, type, detail);
        try (FileChannel channel = FileChannel.open(dir.resolve(EVENTS), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + dir.resolve(EVENTS) + ": " + e.getMessage(), e);
        }
        return event;
    }

    /** Every complete event line, in order. */
    public List<JournalEvent> events() {
        List<JournalEvent> events = new ArrayList<>();
        try {
            String text = Files.readString(dir.resolve(EVENTS), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return events;
            }
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readValue(line, JournalEvent.class));
                }
            }
            return events;
        } catch (IOException e) {
            throw new InputException(dir.resolve(EVENTS).toString(), 0, "unreadable journal events: " + e.getMessage());
        }
    }
}
