package dev.talosrehearsal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates the JVM's temporary directory when a test JVM starts.
 *
 * <p>Surefire runs the suite in three JVMs at once and gives each its own {@code java.io.tmpdir} (pom.xml), because
 * some tests assert what the tool leaves in the temporary directory (BenchRunsTest,
 * RehearsalManualStepPathsTest) and would see the other JVM's files in a shared one. Java does not create that
 * directory itself; every {@code Files.createTempFile} would fail without this. Registered through
 * META-INF/services, so it runs before any test class.
 */
public final class TemporaryDirectoryPerFork implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test JVM's temporary directory", e);
        }
    }
}
