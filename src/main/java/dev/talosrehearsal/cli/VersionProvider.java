package dev.talosrehearsal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into the jar at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/talos-rehearsal-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"talos-rehearsal " + p.getProperty("version", "unknown")};
    }
}
