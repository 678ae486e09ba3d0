package dev.talosrehearsal.cli.bench;

/** The ratio of one size's wall time to the previous size's, so growth is read off one run. */
final class Growth {
    private double previous = Double.NaN;

    /** {@code ×4.2}, or {@code -} for the first size. */
    String next(double seconds) {
        String ratio = Double.isNaN(previous) || previous <= 0 ? "-" : String.format("×%.1f", seconds / previous);
        previous = seconds;
        return ratio;
    }
}
