package dev.talosrehearsal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Variants of {@code fixtures/office} (the non-homelab cluster) made in a scratch copy, so tests show a behaviour
 * on a cluster nothing was tuned to.
 */
public final class OfficeFixture {
    private OfficeFixture() {}

    /** A scratch copy of fixtures/office in {@code dir}. */
    public static Path copy(Path dir) {
        return Fixtures.copy("office", dir);
    }

    /** Replaces {@code from} (which must be there) by {@code to} in {@code dir/<variant>/talconfig.yaml}. */
    public static void edit(Path dir, String variant, String from, String to) {
        Path file = dir.resolve(variant).resolve("talconfig.yaml");
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(file + " has no " + from);
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No *.ts.net certSAN in after/: then nothing in the configs names the tailnet. */
    public static void withoutCertSan(Path dir) {
        edit(dir, "after", "  - kube.tail7c3e2.ts.net\n", "  - 10.40.0.5\n");
    }

    /** before/ and after/ without the tailscale extension (after/ then changes only the control planes' nameservers). */
    public static void withoutTailscale(Path dir) {
        try {
            String before = Files.readString(dir.resolve("before/talconfig.yaml"));
            String plain = before.substring(0, before.indexOf("  extensionServices:")) + before.substring(before.indexOf("worker:"));
            Files.writeString(dir.resolve("before/talconfig.yaml"), plain);
            Files.writeString(dir.resolve("after/talconfig.yaml"),
                    plain.replace("    - 10.40.0.1\n  patches", "    - 10.40.0.1\n    - 1.1.1.1\n  patches"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
