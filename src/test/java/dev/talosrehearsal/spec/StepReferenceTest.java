package dev.talosrehearsal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * features/README.md is the step reference users write their specs from: every step the shipped glue defines has
 * a row there (with its keyword and an example), every row names a step that exists, and every example is a step its
 * row's pattern matches (an example that drifted from its step would teach users a step that spec refuses as
 * undefined).
 */
class StepReferenceTest {
    /** A reference row: | `Keyword pattern` | `example` | what it does |. */
    private static final Pattern ROW = Pattern.compile("^\\| `(Given|When|Then) ([^`]+)` \\| `([^`]+)` \\|");
    /** The keyword an example starts with. */
    private static final Pattern KEYWORD = Pattern.compile("^(Given|When|Then|And|But) ");

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
        // the parameter types Cucumber gives the glue ({string}, {int}, {word}, ...), to match examples as spec would
        ExpressionFactory expressions = new ExpressionFactory(new ParameterTypeRegistry(Locale.ENGLISH));
        for (String line : Files.readAllLines(Path.of("features/README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                String pattern = m.group(2).replace("\\|", "|");
                documented.add(m.group(1) + " " + pattern);
                Matcher keyword = KEYWORD.matcher(m.group(3));
                assertThat(keyword.find()).as("the example of %s starts with a keyword: %s", pattern, m.group(3)).isTrue();
                String example = m.group(3).substring(keyword.end());
                assertThat(expressions.createExpression(pattern).match(example))
                        .as("the example of `%s` is that step: \"%s\"", pattern, example).isNotNull();
            }
        }
        assertThat(defined).as("step definitions").hasSizeGreaterThan(100);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(defined);
    }
}
