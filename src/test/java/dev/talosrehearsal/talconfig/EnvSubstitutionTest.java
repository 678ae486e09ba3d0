package dev.talosrehearsal.talconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * talhelper's strict envsubst: every {@code ${VAR}} must resolve to a non-empty value, {@code $$} is a
 * literal {@code $}, and comments are removed first (so a variable in a comment is never an error).
 */
class EnvSubstitutionTest {
    private static final Map<String, String> ENV = Map.of(
            "NAME", "homelab",
            "EMPTY", "",
            "DOLLAR", "$OTHER",
            "HASH", "a # b");

    private static String substitute(String text) {
        return new EnvSubstitution(ENV).apply(text, "talconfig.yaml");
    }

    private static InputException failure(String text) {
        try {
            substitute(text);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("expected an InputException for: " + text);
    }

    @Nested
    class Forms {
        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "name: ${NAME}             | name: homelab",
                "name: $NAME               | name: homelab",
                "name: $NAME-cluster       | name: homelab-cluster",
                "name: ${NAME}_x           | name: homelab_x",
                "name: x${NAME}${NAME}     | name: xhomelabhomelab",
                // defaults
                "name: ${UNSET:-fallback}  | name: fallback",
                "name: ${EMPTY:-fallback}  | name: fallback",
                "name: ${NAME:-fallback}   | name: homelab",
                "name: ${UNSET-fallback}   | name: fallback",
                "name: ${NAME-fallback}    | name: homelab",
                "name: ${UNSET:=fallback}  | name: fallback",
                "name: ${UNSET=fallback}   | name: fallback",
                // alternatives, when the variable has a value
                "name: ${NAME:+alt}        | name: alt",
                "name: ${NAME+alt}         | name: alt",
        })
        void expands(String text, String expected) {
            assertThat(substitute(text)).isEqualTo(expected);
        }

        @Test
        void aValueIsInsertedAsIsAndNotExpandedAgain() {
            assertThat(substitute("a: ${DOLLAR}")).isEqualTo("a: $OTHER");
        }

        @Test
        void aHashInAValueIsNotAComment() {
            assertThat(substitute("a: \"${HASH}\"")).isEqualTo("a: \"a # b\"");
        }
    }

    @Nested
    class Dollars {
        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                // $$ is a literal $: how a variable reaches the machine config for someone else to expand
                "- TS_CERT_DOMAIN=$${TS_CERT_DOMAIN}  | - TS_CERT_DOMAIN=${TS_CERT_DOMAIN}",
                "$$patch: delete                     | $patch: delete",
                "a: $$                               | a: $",
                "a: $$$NAME                          | a: $homelab",
                // a $ that starts no variable is kept, as envsubst does
                "price: $ 5                          | price: $ 5",
                "arg: $1                             | arg: $1",
                "a: x-$-y                            | a: x-$-y",
                "a: 5$                               | a: 5$",
        })
        void areKeptOrUnescaped(String text, String expected) {
            assertThat(substitute(text)).isEqualTo(expected);
        }
    }

    @Nested
    class Errors {
        private static final String FILE = """
                clusterName: homelab
                # a comment
                nodes:
                  - hostname: %s
                    script: |
                      echo hi
                """;

        @Test
        void anUnsetVariableIsAnErrorAtItsLine() {
            InputException e = failure(FILE.formatted("${NODE_NAME}"));
            assertThat(e.file()).isEqualTo("talconfig.yaml");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("${NODE_NAME} is not set").contains("$${NODE_NAME}");
        }

        @Test
        void anUnsetVariableWithoutBracesIsAnError() {
            InputException e = failure(FILE.formatted("$NODE_NAME"));
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("${NODE_NAME} is not set");
        }

        @Test
        void anEmptyVariableIsAnErrorNotAnEmptyString() {
            InputException e = failure(FILE.formatted("${EMPTY}"));
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("${EMPTY} is set but empty");
        }

        @Test
        void aDashDefaultOnlyCoversUnsetNotEmpty() {
            InputException e = failure(FILE.formatted("${EMPTY-fallback}"));
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("${EMPTY} is set but empty");
        }

        @Test
        void anEmptyDefaultIsAnError() {
            InputException e = failure(FILE.formatted("${UNSET:-}"));
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("${UNSET} is not set and its default is empty");
        }

        @Test
        void anUnterminatedBraceIsAnErrorAtItsLine() {
            InputException e = failure(FILE.formatted("${NAME"));
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("unterminated ${");
        }

        @Test
        void anErrorAfterABlockScalarHasTheRightLine() {
            InputException e = failure(FILE.formatted("a") + "    more: ${UNSET}\n");
            assertThat(e.line()).isEqualTo(7);
        }

        @Test
        void anUnescapedPatchDirectiveSaysHowToEscapeIt() {
            InputException e = failure("machine:\n  network:\n    $patch: delete\n");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).contains("write '$$patch: delete'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "a: ${}       | bad variable reference",
                "a: ${9LIVES} | bad variable reference",
                "a: ${NAME?}  | unsupported variable expression",
        })
        void aMalformedReferenceIsAnError(String text, String message) {
            assertThat(failure(text).getMessage()).contains(message);
        }
    }

    @Nested
    class Comments {
        @Test
        void aVariableInACommentIsIgnoredAndTheCommentRemoved() {
            String text = """
                    # set ${UNSET} before running
                    clusterName: ${NAME} # or ${ALSO_UNSET}
                    nodes: []
                    """;
            assertThat(trailingSpaceStripped(substitute(text))).isEqualTo("""

                    clusterName: homelab
                    nodes: []
                    """);
        }

        @Test
        void removingCommentsKeepsEveryLineWhereItWas() {
            String text = "# one\n# two\na: 1 # three\n\n  # four\nb: ${UNSET}\n";
            InputException e = failure(text);
            assertThat(e.line()).isEqualTo(6);
            assertThat(substitute(text.replace("${UNSET}", "2")).lines()).hasSize(6);
        }

        @Test
        void aHashInAQuotedStringIsContent() {
            assertThat(substitute("a: \"C# ${NAME}\"\nb: 'x # ${NAME}'\n"))
                    .isEqualTo("a: \"C# homelab\"\nb: 'x # homelab'\n");
        }

        @Test
        void aHashWithoutASpaceBeforeItIsContent() {
            assertThat(substitute("url: https://${NAME}.example/#frag\n"))
                    .isEqualTo("url: https://homelab.example/#frag\n");
        }

        @Test
        void aHashInABlockScalarIsContent() {
            String text = """
                    machineFiles:
                      - content: |
                          #!/bin/sh
                          echo ${NAME} # greet
                          echo $${HOME}
                        path: /var/x.sh
                    """;
            assertThat(substitute(text)).isEqualTo("""
                    machineFiles:
                      - content: |
                          #!/bin/sh
                          echo homelab # greet
                          echo ${HOME}
                        path: /var/x.sh
                    """);
        }
    }

    private static String trailingSpaceStripped(String text) {
        return text.replaceAll("[ \\t]+\n", "\n");
    }
}
