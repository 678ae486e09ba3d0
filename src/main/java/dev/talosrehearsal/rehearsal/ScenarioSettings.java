package dev.talosrehearsal.rehearsal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What every scenario of a spec run rehearses on: the rehearsal directory each scenario copies, the tailnet when the
 * user named one, and a directory the copy must leave out (the run's own reports). Cucumber instantiates the step
 * classes itself, so the {@code spec} command hands these over as system properties, read and written only here.
 */
public final class ScenarioSettings {
    /** The rehearsal directory every scenario starts from (a scratch copy of it); default: the current directory. */
    public static final String CLUSTER = "talos.rehearsal.spec.cluster";
    /** The tailnet's MagicDNS suffix; default: the one the directory's configs name, as {@code rehearse} finds it. */
    public static final String TAILNET = "talos.rehearsal.spec.tailnet";
    /** A directory inside the rehearsal directory that scenarios do not copy (the reports being written). */
    public static final String SKIP = "talos.rehearsal.spec.skip";

    private ScenarioSettings() {}

    public static Path cluster() {
        String value = System.getProperty(CLUSTER, "").trim();
        return Path.of(value.isEmpty() ? "." : value);
    }

    public static Optional<String> tailnet() {
        String value = System.getProperty(TAILNET, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public static Optional<Path> skip() {
        String value = System.getProperty(SKIP, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath().normalize());
    }

    /** Sets the three for one run; {@link Applied#close()} puts back what was there (the tests run the CLI in-process). */
    public static Applied apply(Path cluster, String tailnet, Path skip) {
        Applied previous = new Applied(System.getProperty(CLUSTER), System.getProperty(TAILNET), System.getProperty(SKIP));
        set(CLUSTER, cluster.toAbsolutePath().normalize().toString());
        set(TAILNET, tailnet);
        set(SKIP, skip == null ? null : skip.toAbsolutePath().normalize().toString());
        return previous;
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** The settings as they were before {@link #apply}. */
    public record Applied(String cluster, String tailnet, String skip) implements AutoCloseable {
        @Override
        public void close() {
            set(CLUSTER, cluster);
            set(TAILNET, tailnet);
            set(SKIP, skip);
        }
    }
}
