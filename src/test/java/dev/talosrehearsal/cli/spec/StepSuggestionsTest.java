package dev.talosrehearsal.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepSuggestionsTest {
    private static final List<String> PATTERNS = List.of("I roll out the {string} configs", "I roll out the {string} configs in {string} mode",
            "the rollout ends {string}", "{int} minutes pass on the cluster's clock", "every node runs its {string} config");

    @Test
    void aStepOneLetterOffSuggestsThePatternItMeant() {
        assertThat(StepSuggestions.closest("I roll out the \"after\" config", PATTERNS, 3))
                .hasSize(3).startsWith("I roll out the {string} configs");
    }

    @Test
    void quotedStringsAndNumbersAreReadAsTheirParameters() {
        assertThat(StepSuggestions.shape("5 minute pass on the \"cluster\" clock")).isEqualTo("{int} minute pass on the {string} clock");
        assertThat(StepSuggestions.closest("5 minute pass on the cluster's clock", PATTERNS, 1))
                .containsExactly("{int} minutes pass on the cluster's clock");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(StepSuggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(StepSuggestions.distance("", "abc")).isEqualTo(3);
        assertThat(StepSuggestions.distance("same", "same")).isZero();
    }
}
