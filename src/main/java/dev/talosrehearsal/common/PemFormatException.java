package dev.talosrehearsal.common;

/**
 * Text that should be PEM (or the DER inside it) is not what it claims to be.
 *
 * <p>Messages describe the shape of the problem only ("no PEM block", "unsupported label"), never the
 * bytes: callers pass key material through here, and the message may end up on a terminal.
 */
public class PemFormatException extends IllegalArgumentException {
    public PemFormatException(String message) {
        super(message);
    }

    public PemFormatException(String message, Throwable cause) {
        // The cause is kept for debugging, but its message is not copied: JCA exceptions can quote input.
        super(message, cause);
    }
}
