package dev.talosrehearsal.rollout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes one event line into the journal's log, positioned at its end. The seam through which a test makes the
 * journal's disk fill up (no root needed for a small file system); {@link Journal} handles what a failed write leaves.
 */
@FunctionalInterface
public interface EventWriter {
    void write(FileChannel channel, ByteBuffer line) throws IOException;

    /** Every byte, in as many writes as the channel takes. */
    EventWriter DIRECT = (channel, line) -> {
        while (line.hasRemaining()) {
            channel.write(line);
        }
    };
}
