package dev.talosrehearsal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * features/README.md is the step reference users write their specs from: every step the shipped glue defines has
 * a row there (with its keyword and an example), and every row names a step that exists.
 */
class StepReferenceTest {
    /** A reference row: | `Keyword pattern` | `example` | what it does |. */
    private static final Pattern ROW = Pattern.compile("^\\| `(Given|When|Then) ([^`]+)` \\| `([^`]+)` \\|");

    @Test
    void everyStepHasARowWithAnExampleAndEveryRowNamesAStep() throws Exception {
        List<String> defined = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.talosrehearsal.spec.steps")) {
            for (Method m : type.reflect().getDeclaredMethods()) {
                Given given = m.getAnnotation(Given.class);
                When when = m.getAnnotation(When.class);
                Then then = m.getAnnotation(Then.class);
                if (given != null) {
                    defined.add("Given " + given.value());
                }
                if (when != null) {
                    defined.add("When " + when.value());
                }
                if (then != null) {
                    defined.add("Then " + then.value());
                }
            }
        }
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("features/README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                documented.add(m.group(1) + " " + m.group(2).replace("\\|", "|"));
                assertThat(m.group(3)).as("the example of %s", m.group(2)).isNotBlank();
            }
        }
        assertThat(defined).as("step definitions").hasSizeGreaterThan(100);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(defined);
    }
}
