package dev.talosrehearsal.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line every bench prints first: what the figures below it were measured on (cores, memory, load, the JVM
 * and how it was tuned), so that a figure copied into the docs carries its machine and its date with it.
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
        return String.format("machine: %s %s, %d cores, %s memory, load %s; Java %s (%s), GC %s, JIT %s; %s",
                os.getName(), os.getArch(), os.getAvailableProcessors(), physicalMemory(os),
                load < 0 ? "unknown" : String.format("%.2f", load), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), collectors, jit, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String physicalMemory(OperatingSystemMXBean os) {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return String.format("%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "unknown";
    }
}
