package dev.talosrehearsal.cli.spec;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.StepDefinedEvent;
import io.cucumber.plugin.event.TestStepFinished;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a dry run: every step pattern the glue defines, and every step of the features that matches none.
 * A scenario outline's rows repeat a step at one line: each line is kept once.
 */
final class UndefinedSteps implements ConcurrentEventListener {
    /** An undefined step where the user wrote it. */
    record Undefined(URI uri, int line, String text) {}

    private final List<String> patterns = new ArrayList<>();
    private final List<Undefined> undefined = new ArrayList<>();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(StepDefinedEvent.class, this::defined);
        publisher.registerHandlerFor(TestStepFinished.class, this::finished);
    }

    private synchronized void defined(StepDefinedEvent event) {
        patterns.add(event.getStepDefinition().getPattern());
    }

    private synchronized void finished(TestStepFinished event) {
        if (event.getResult().getStatus() == Status.UNDEFINED && event.getTestStep() instanceof PickleStepTestStep step) {
            Undefined found = new Undefined(step.getUri(), step.getStepLine(), step.getStep().getText());
            if (!undefined.contains(found)) {
                undefined.add(found);
            }
        }
    }

    synchronized List<String> patterns() {
        return List.copyOf(patterns);
    }

    /** In the order of the files and lines. */
    synchronized List<Undefined> undefined() {
        return undefined.stream().sorted(java.util.Comparator.comparing((Undefined u) -> u.uri().toString()).thenComparingInt(Undefined::line))
                .toList();
    }
}
