package dev.talosrehearsal.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a user's text file (YAML or JSON) the one way every loader should: within
 * {@link InputLimits#MAX_FILE_BYTES}, as strict UTF-8, without NUL bytes; every refusal an
 * {@link InputException} naming the file, and the line (and byte offset) when the problem has one.
 *
 * <p>Why strict: {@code Files.readString} either throws a {@code MalformedInputException} that says
 * nothing about where, or (with a lenient decoder) turns a binary file into mojibake the YAML parser then
 * complains about somewhere else. Why the size first: reading 50 MB to refuse it afterwards takes the
 * time and memory the limit is there to save.
 */
public final class InputFiles {
    private InputFiles() {}

    /** {@code file}'s text; messages name it as {@code file.toString()}. */
    public static String read(Path file) {
        return read(file, file.toString(), "file not found");
    }

    /**
     * @param display  the file as messages name it
     * @param notFound the message when it does not exist ("kubeconfig not found")
     */
    public static String read(Path file, String display, String notFound) {
        if (Files.isDirectory(file)) {
            throw new InputException(display, 0, "is a directory, not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trust Files.size: a FIFO or /dev/zero has no size.
            bytes = in.readNBytes(InputLimits.MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InputException(display, 0, notFound);
        } catch (AccessDeniedException e) {
            throw new InputException(display, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new InputException(display, 0, "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (bytes.length > InputLimits.MAX_FILE_BYTES) {
            throw new InputException(display, 0, "larger than " + InputLimits.describeBytes(InputLimits.MAX_FILE_BYTES)
                    + ", the limit for every input file");
        }
        return decode(bytes, display);
    }

    /** Strict UTF-8 without NUL; refusals name the line and byte offset of the first bad byte. */
    public static String decode(byte[] bytes, String display) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InputException(display, lineAt(bytes, i), "a NUL byte at byte offset " + i
                        + ": this is not a text file");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new InputException(display, lineAt(bytes, offset), String.format(
                    "not UTF-8 text: invalid byte 0x%02x at byte offset %d (save the file as UTF-8)", bytes[offset] & 0xff, offset));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
