package dev.talosrehearsal.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strings written as go-yaml writes them (Talos and talhelper output): plain when go-yaml's emitter allows a plain
 * scalar and it reads back as a string (emitterc.go, yaml_emitter_analyze_scalar; encode.go), else double-quoted.
 * Operators diff these files against talhelper's line by line, so a quote too many is a difference.
 */
class GoYamlScalarsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "::/0                 | ::/0",
            "-v                   | -v",
            ":8080                | :8080",
            "?x                   | ?x",
            "10.40.0.0/24         | 10.40.0.0/24",
            "~- x~                | ~\"- x\"~",
            "-                    | ~\"-\"~",
            "~: x~                | ~\": x\"~",
            "---x                 | ~\"---x\"~",
            "#comment             | ~\"#comment\"~",
            "~a: b~               | ~\"a: b\"~",
            "a:b                  | a:b",
            "true                 | ~\"true\"~",
            "yes                  | ~\"yes\"~",
            "0644                 | ~\"0644\"~",
            "-1                   | ~\"-1\"~",
            "~~                   | ~\"\"~",
    })
    void isQuotedOnlyWhereGoYamlQuotes(String text, String written) {
        assertThat(GoYamlScalars.scalar(text == null ? "" : text)).isEqualTo(written);
    }
}
