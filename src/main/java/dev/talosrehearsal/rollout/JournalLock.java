package dev.talosrehearsal.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One applier per journal: an exclusive OS lock on {@code <journal>/applier.lock}, held from the journal's
 * creation or opening until it is closed. Two appliers on one journal applied every node twice and wrote
 * duplicate sequence numbers (issue 15), so the second one refuses at once, naming the holder.
 *
 * <p>The OS lock belongs to the process and is released by the kernel when the process dies, however it dies;
 * so it, not the file's content, decides whether the journal is in use. The content says who holds it (pid,
 * host, since when); the file is emptied on a clean release, so a record found with no OS lock held is a holder
 * that died (kill -9, a power cut): that stale lock is taken over and said so.
 *
 * <p>Java file locks are per process: a second lock from the same JVM throws instead of waiting or failing
 * cleanly. A JVM-wide registry therefore keeps in-process appliers (threads, tests, a rehearsal) apart the
 * same way as separate processes.
 */
public final class JournalLock implements AutoCloseable {
    static final String FILE = "applier.lock";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Journal directories (real paths) locked by this JVM, and by whom. */
    private static final Map<Path, Holder> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    /** Who holds a journal: the record in the lock file. */
    public record Holder(long pid, String host, Instant since) {
        static Holder thisProcess() {
            return new Holder(ProcessHandle.current().pid(), hostName(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        /** "pid 1234 on host-a since 2026-12-05T10:11:12Z" */
        public String describe() {
            return "pid " + pid + " on " + host + " since " + since;
        }
    }

    private final Path dir;
    /** The registry's key: {@code dir}'s real path when it was locked (it may be gone by the time it is released). */
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;
    private final Holder staleHolder;

    private JournalLock(Path dir, Path key, FileChannel channel, FileLock lock, Holder holder, Holder staleHolder) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
        this.staleHolder = staleHolder;
    }

    /** Whether {@code dir} has a lock file: a journal, or one whose creation was cut short. */
    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    /**
     * Locks the existing directory {@code dir} for this process, or refuses (bad input, exit 2) naming the holder.
     */
    static JournalLock acquire(Path dir) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the journal " + dir + ": " + e.getMessage(), e);
        }
        Holder me = Holder.thisProcess();
        Holder inThisJvm = HELD_IN_THIS_JVM.putIfAbsent(key, me);
        if (inThisJvm != null) {
            throw inUse(dir, inThisJvm);
        }
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            AtomicFiles.setPermissions(file, AtomicFiles.PRIVATE_FILE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it through a path the registry did not know as the same (a hard link)
            }
            if (lock == null) {
                throw inUse(dir, read(channel).orElse(null));
            }
            Optional<Holder> stale = read(channel);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(me)), 0);
            channel.force(true);
            JournalLock acquired = new JournalLock(dir, key, channel, lock, me, stale.orElse(null));
            channel = null;
            return acquired;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the journal " + dir + " (" + file + "): " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                closeQuietly(channel);
                HELD_IN_THIS_JVM.remove(key, me);
            }
        }
    }

    /**
     * Refuses, naming the holder, when an applier holds {@code dir}; otherwise returns having changed nothing
     * (for a check that must not write, such as refusing to create a journal over an existing one).
     */
    static void refuseIfInUse(Path dir) {
        if (!exists(dir)) {
            return;
        }
        try {
            Holder inThisJvm = HELD_IN_THIS_JVM.get(dir.toRealPath());
            if (inThisJvm != null) {
                throw inUse(dir, inThisJvm);
            }
            try (FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe = channel.tryLock();
                if (probe == null) {
                    throw inUse(dir, read(channel).orElse(null));
                }
                probe.release();
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dir, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal's lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static InputException inUse(Path dir, Holder holder) {
        return new InputException(dir.toString(), 0, "another applier is using this journal: "
                + (holder != null ? holder.describe() : "a process that has not recorded itself yet") + " (lock " + dir.resolve(FILE)
                + "); wait for it to end, or stop it");
    }

    /** The holder recorded in the file; empty when it is empty (released cleanly) or unreadable (cut short). */
    private static Optional<Holder> read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 4096) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
            // reads to the end
        }
        try {
            return Optional.of(JSON.readValue(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8), Holder.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // the host's own name does not resolve: the message of the exception starts with that name
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            return colon > 0 ? message.substring(0, colon) : "an unknown host";
        }
    }

    public Holder holder() {
        return holder;
    }

    /** The holder of a stale lock this one took over (a process that died holding the journal), if any. */
    public Optional<Holder> tookOverFrom() {
        return Optional.ofNullable(staleHolder);
    }

    /** One line for the operator when a stale lock was taken over. */
    public Optional<String> takeOverNote() {
        return tookOverFrom().map(h -> dir + ": took over a stale lock of " + h.describe()
                + ": that process no longer holds it (it ended without releasing it, e.g. killed)");
    }

    boolean held() {
        return lock.isValid();
    }

    /** Empties the record (a clean release, not a stale lock) and releases the OS lock. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            channel.force(true);
        } catch (IOException e) {
            // the lock is released below all the same; the record left behind reads as a stale lock next time
        } finally {
            closeQuietly(channel); // releases the lock
            HELD_IN_THIS_JVM.remove(key, holder);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock whether or not the close reports an error
        }
    }
}
