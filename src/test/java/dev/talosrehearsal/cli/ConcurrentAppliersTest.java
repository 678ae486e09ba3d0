package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.sim.node.NodeEvent;
import dev.talosrehearsal.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never two appliers on one journal (issue 15: two applies and a resume on one journal applied 9 times to 5 nodes,
 * with duplicate sequence numbers and three FINISHED events). Here they run at once in this JVM, as threads;
 * JournalLockTest covers a second process and a holder killed with -9.
 */
class ConcurrentAppliersTest {
    static final long PID = ProcessHandle.current().pid();
    static final List<String> NODES = List.of("talos-master-0", "talos-master-1", "talos-master-2", "talos-worker-gpu-0", "talos-worker-gpu-1");
    @TempDir
    static Path dir;
    static RealTimeHomelab homelab;

    @BeforeAll
    static void startHomelab() {
        homelab = new RealTimeHomelab(dir);
    }

    @AfterAll
    static void stop() {
        homelab.close();
    }

    @Test
    void twoAppliesAtOnceApplyOnceAResumeMeanwhileIsRefusedAndAStaleLockIsTakenOverWithANote() throws Exception {
        Path journal = dir.resolve("journal");
        String[] apply = RealTimeHomelab.inputs(homelab.access("apply", "--from", RealTimeHomelab.BEFORE, "--to", RealTimeHomelab.AFTER,
                "--yes", "--journal", journal.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<CliRun> applier = () -> {
            go.await();
            return CliRun.of(apply);
        };
        List<Future<CliRun>> runs = List.of(pool.submit(applier), pool.submit(applier));
        go.countDown();
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(journal.resolve("events.ndjson")) || runs.stream().allMatch(Future::isDone));
        CliRun resume = CliRun.of(homelab.access("resume", "--journal", journal.toString(), "--yes"));
        List<CliRun> applies = new ArrayList<>();
        for (Future<CliRun> run : runs) {
            applies.add(run.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();

        assertThat(applies).as(applies.toString()).filteredOn(r -> r.exitCode() == Main.OK).hasSize(1)
                .allSatisfy(r -> assertThat(r.out()).contains("outcome: migrated"));
        assertThat(applies).filteredOn(r -> r.exitCode() != Main.OK).hasSize(1)
                .allSatisfy(r -> assertRefusedNamingTheHolder(r, journal));
        assertRefusedNamingTheHolder(resume, journal);
        for (String node : NODES) {
            assertThat(homelab.cluster.node(node).events()).as(node).filteredOn(e -> e.kind() == NodeEvent.Kind.APPLIED).hasSize(1);
        }
        List<String> events = Files.readAllLines(journal.resolve("events.ndjson"));
        ObjectMapper json = new ObjectMapper();
        List<Long> seqs = new ArrayList<>();
        for (String line : events) {
            seqs.add(json.readTree(line).get("seq").asLong());
        }
        assertThat(seqs).as("unique and in order").isSorted().doesNotHaveDuplicates();
        assertThat(events).filteredOn(l -> l.contains("\"type\":\"FINISHED\"")).hasSize(1);
        assertThat(events).filteredOn(l -> l.contains("\"type\":\"LOCKED\"")).singleElement().asString().contains("pid " + PID + " on ");

        // what a holder killed with -9 leaves: its record, and no OS lock (the kernel released it with the process)
        Files.writeString(journal.resolve("applier.lock"), "{\"pid\":999999,\"host\":\"gone-host\",\"since\":\"2026-01-01T00:00:00Z\"}");
        CliRun rollback = CliRun.of(homelab.access("rollback", "--journal", journal.toString(), "--yes"));

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.out().lines().findFirst()).as(rollback.toString()).hasValue(journal
                + ": took over a stale lock of pid 999999 on gone-host since 2026-01-01T00:00:00Z: that process no longer holds it"
                + " (it ended without releasing it, e.g. killed)");
        assertThat(Files.readString(journal.resolve("applier.lock"))).as("released").isEmpty();
    }

    private static void assertRefusedNamingTheHolder(CliRun run, Path journal) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().lines()).as(run.toString()).singleElement().asString()
                .startsWith(journal + ": another applier is using this journal: pid " + PID + " on ")
                .contains(" since ").contains("(lock " + journal.resolve("applier.lock") + ")");
    }
}
