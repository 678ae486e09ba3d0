package dev.talosrehearsal.lint;

import java.util.Locale;

/** How bad a finding is: any {@link #ERROR} makes {@code lint} exit 1. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** {@code error}, {@code warning}, {@code info}: how the CLI prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
