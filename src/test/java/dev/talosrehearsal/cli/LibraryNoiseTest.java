package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 10: fabric8 WARN lines and vert.x "Thread blocked" traces appeared on a rehearsal's stderr, where the
 * CLI's own one-line messages go. In a fresh JVM, because the logging configuration is read once per process.
 */
class LibraryNoiseTest {
    @Test
    void aBlockedVertxEventLoopAndFabric8sWatchWarningsDoNotReachStderr() throws Exception {
        Process process = FreshJvmRun.builder(List.of(), LibraryNoiseMaker.class.getName()).start();
        process.getOutputStream().close();
        var err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        drain.join();

        assertThat(out).isEqualTo("done\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
