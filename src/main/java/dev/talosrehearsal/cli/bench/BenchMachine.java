package dev.talosrehearsal.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one line every bench prints first: what the figures below it were measured on (processor, cores, memory, load,
 * the JVM and how it was tuned), so that a figure copied into the docs carries its machine and its date with it. The
 * processor is there because two machines of the same size are not the same machine: on 2026-12-06 the same commit's
 * build took a third longer on the day's 2-core machine than on the previous day's (docs/benchmarks.md).
 */
final class BenchMachine {
    private BenchMachine() {}

    static String describe() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("/"));
        // the launcher runs short commands C1 only (bin/talos-rehearsal); a figure under C2 is another figure
        String jit = jvmOptions.contains("-XX:TieredStopAtLevel=1") ? "C1 only" : "C1+C2";
        double load = os.getSystemLoadAverage();
        return String.format("machine: %s %s, %d cores (%s), %s memory, load %s; Java %s (%s), GC %s, JIT %s; %s",
                os.getName(), os.getArch(), os.getAvailableProcessors(), processor(), physicalMemory(os),
                load < 0 ? "unknown" : String.format("%.2f", load), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), collectors, jit, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The processor's model name as Linux reports it ({@code /proc/cpuinfo}); "unknown" elsewhere. */
    private static String processor() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .filter(name -> !name.isEmpty()).findFirst().orElse("unknown");
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static String physicalMemory(OperatingSystemMXBean os) {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return String.format("%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "unknown";
    }
}
