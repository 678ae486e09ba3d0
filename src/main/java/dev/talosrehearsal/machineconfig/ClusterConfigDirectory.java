package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads back a clusterconfig directory: every {@code *.yaml} machine config, keyed by file name. */
public final class ClusterConfigDirectory {
    private ClusterConfigDirectory() {}

    public static Map<String, MachineConfig> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, "not a directory");
        }
        Map<String, MachineConfig> configs = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot list: " + e.getMessage());
        }
        for (Path file : files) {
            configs.put(file.getFileName().toString(), MachineConfig.parse(InputFiles.read(file), file.toString()));
        }
        if (configs.isEmpty()) {
            throw new InputException(dir.toString(), 0, "no machine configs (*.yaml) in this directory");
        }
        return configs;
    }
}
