package dev.talosrehearsal.cli.spec;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a spec run prints: one line per scenario as it ends ({@code PASS}, {@code FAIL} with the step that failed
 * and the first line of why, {@code SKIP} with the reason), then the counts. The reports hold the rest.
 */
final class ScenarioLines implements ConcurrentEventListener {
    private final PrintWriter out;
    private final Path base;
    private final Map<UUID, String> failedStep = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    ScenarioLines(PrintWriter out, Path base) {
        this.out = out;
        this.base = base.toAbsolutePath().normalize();
        counts.put("passed", 0);
        counts.put("failed", 0);
        counts.put("skipped", 0);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
    }

    /** The first step that did not pass, with where it is, for the scenario's line. */
    private void stepFinished(TestStepFinished event) {
        Status status = event.getResult().getStatus();
        if (status != Status.PASSED && status != Status.SKIPPED || status == Status.SKIPPED && event.getResult().getError() != null) {
            String step = event.getTestStep() instanceof PickleStepTestStep p
                    ? "line " + p.getStepLine() + " \"" + p.getStep().getText() + "\"" : "a hook";
            failedStep.putIfAbsent(event.getTestCase().getId(), step + ": " + firstLine(event.getResult()));
        }
    }

    private synchronized void caseFinished(TestCaseFinished event) {
        TestCase test = event.getTestCase();
        String where = where(test);
        Status status = event.getResult().getStatus();
        String detail = failedStep.getOrDefault(test.getId(), "");
        switch (status) {
            case PASSED -> {
                counts.merge("passed", 1, Integer::sum);
                out.println("PASS " + where + " " + test.getName());
            }
            case SKIPPED -> {
                counts.merge("skipped", 1, Integer::sum);
                out.println("SKIP " + where + " " + test.getName() + (detail.isEmpty() ? "" : " (" + detail + ")"));
            }
            default -> {
                counts.merge("failed", 1, Integer::sum);
                out.println("FAIL " + where + " " + test.getName() + (detail.isEmpty() ? "" : "\n     " + detail));
            }
        }
        out.flush();
    }

    private String where(TestCase test) {
        String file;
        try {
            Path path = Path.of(test.getUri());
            file = path.startsWith(base) ? base.relativize(path).toString() : path.toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            file = test.getUri().toString();
        }
        return file + ":" + test.getLocation().getLine();
    }

    private static String firstLine(Result result) {
        Throwable error = result.getError();
        if (error == null) {
            return result.getStatus().name().toLowerCase(java.util.Locale.ROOT);
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " …";
    }

    synchronized String summary() {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return total + " scenario" + (total == 1 ? "" : "s") + ": " + counts.get("passed") + " passed, " + counts.get("failed")
                + " failed, " + counts.get("skipped") + " skipped";
    }
}
