package dev.talosrehearsal.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** talhelper's URL templates, evaluated as Go's text/template would, and everything else refused up front. */
class GoTemplateTest {
    static final Set<String> FIELDS = Set.of("RegistryURL", "ID", "Version", "Mode", "Secureboot", "UseUKI", "Suffix");
    static final String INSTALLER = "{{.RegistryURL}}/{{.Mode}}-installer{{if .Secureboot}}-secureboot{{end}}/{{.ID}}:{{.Version}}";

    @Test
    void talhelpersInstallerTemplateWithAndWithoutSecureBoot() {
        GoTemplate t = GoTemplate.parse(INSTALLER, FIELDS);
        Map<String, Object> data = Map.of("RegistryURL", "factory.talos.dev", "ID", "abc", "Version", "v1.13.9", "Mode", "metal",
                "Secureboot", false);
        assertThat(t.render(data)).isEqualTo("factory.talos.dev/metal-installer/abc:v1.13.9");
        assertThat(t.render(Map.of("RegistryURL", "registry.lan:5000", "ID", "abc", "Version", "v1.14.0", "Mode", "aws",
                "Secureboot", true))).isEqualTo("registry.lan:5000/aws-installer-secureboot/abc:v1.14.0");
    }

    @Test
    void elseAndOperatorsAndTrimMarkers() {
        GoTemplate t = GoTemplate.parse("x{{if and .Secureboot .UseUKI}}-uki.efi{{ else }}{{.Suffix}}{{end}}", FIELDS);
        assertThat(t.render(Map.of("Secureboot", true, "UseUKI", true, "Suffix", ".iso"))).isEqualTo("x-uki.efi");
        assertThat(t.render(Map.of("Secureboot", true, "UseUKI", false, "Suffix", ".iso"))).isEqualTo("x.iso");
        GoTemplate chain = GoTemplate.parse("{{if not .Secureboot}}a{{else if or .UseUKI .Suffix}}b{{else}}c{{end}}", FIELDS);
        assertThat(chain.render(Map.of("Secureboot", false, "UseUKI", false, "Suffix", ""))).isEqualTo("a");
        assertThat(chain.render(Map.of("Secureboot", true, "UseUKI", false, "Suffix", ".raw"))).isEqualTo("b");
        assertThat(chain.render(Map.of("Secureboot", true, "UseUKI", false, "Suffix", ""))).isEqualTo("c");
        assertThat(GoTemplate.parse("a  {{- .ID -}}  b", FIELDS).render(Map.of("ID", "1"))).isEqualTo("a1b");
    }

    @Test
    void refusesWhatItDoesNotEvaluateNamingTheAction() {
        assertThatThrownBy(() -> GoTemplate.parse("{{ .ID | sha256sum }}", FIELDS)).hasMessageContaining("{{.ID | sha256sum}}")
                .hasMessageContaining("'sha256sum' is not supported");
        assertThatThrownBy(() -> GoTemplate.parse("{{ with .ID }}x{{ end }}", FIELDS)).hasMessageContaining("'with' is not supported");
        assertThatThrownBy(() -> GoTemplate.parse("{{ $x }}", FIELDS)).hasMessageContaining("undefined variable \"$x\"");
        assertThatThrownBy(() -> GoTemplate.parse("{{ range .ID }}{{ $v := . }}{{ end }}{{ $v }}", FIELDS))
                .as("a variable ends with the control structure that declared it, as in Go").hasMessageContaining("undefined variable");
        assertThatThrownBy(() -> GoTemplate.parse("{{ range .ID }}x{{ else if .Mode }}y{{ end }}", FIELDS)).hasMessageContaining("cannot end a range");
        assertThatThrownBy(() -> GoTemplate.parse("{{ contains \"a\" }}", FIELDS)).hasMessageContaining("wrong number of arguments");
        assertThatThrownBy(() -> GoTemplate.parse("{{ printf \"%s\" .ID }}", FIELDS)).hasMessageContaining("is not supported");
        assertThatThrownBy(() -> GoTemplate.parse("{{.Id}}", FIELDS)).hasMessageContaining("no field .Id");
        assertThatThrownBy(() -> GoTemplate.parse("{{if .ID}}x", FIELDS)).hasMessageContaining("has no {{end}}");
        assertThatThrownBy(() -> GoTemplate.parse("x{{end}}", FIELDS)).hasMessageContaining("without a matching {{if}}");
        assertThatThrownBy(() -> GoTemplate.parse("{{if xor .ID .Mode}}x{{end}}", FIELDS)).hasMessageContaining("'xor'");
    }

    /** talhelper's own example (example/talconfig.yaml, v3.1.16): a node label from the installer image. */
    @Test
    void pipelinesOfSprigStringFunctionsOverFieldPaths() {
        GoTemplate.Data config = path -> {
            if (path.equals(java.util.List.of("MachineConfig", "MachineInstall", "InstallImage"))) {
                return "factory.talos.dev/metal-installer-secureboot/abc:v1.13.9";
            }
            throw new IllegalArgumentException("no field ." + String.join(".", path));
        };
        assertThat(GoTemplate.parse("{{\n  .MachineConfig.MachineInstall.InstallImage |\n  contains \"installer-secureboot\"\n}}")
                .render(config)).isEqualTo("true");
        assertThat(GoTemplate.parse("{{ .MachineConfig.MachineInstall.InstallImage | trimPrefix \"factory.talos.dev/\" | upper }}")
                .render(config)).isEqualTo("METAL-INSTALLER-SECUREBOOT/ABC:V1.13.9");
        assertThat(GoTemplate.parse("{{ if hasSuffix \":v1.13.9\" .MachineConfig.MachineInstall.InstallImage }}current{{ end }}")
                .render(config)).isEqualTo("current");
        assertThat(GoTemplate.parse("{{ replace \"-\" \"_\" \"a-b  c\" | quote }}").render(config)).isEqualTo("\"a_b  c\"");
        assertThatThrownBy(() -> GoTemplate.parse("{{ .MachineConfig.Nope }}").render(config)).hasMessageContaining("no field .MachineConfig.Nope");
    }

    /** talhelper's documented patch template (docs/docs/guides.md "Templating patches", v3.1.16), as Go renders it. */
    @Test
    void rangeOverAListWithAVariableAndComparisons() {
        String firewall = """
                portSelector:
                  ports:
                {{- if ne .MachineConfig.MachineType "worker" }}
                    - 50000
                {{- else }}
                    - 50001
                {{- end }}
                ingress:
                {{- range $subnet := .ClusterConfig.ClusterNetwork.ServiceSubnet }}
                  - subnet: {{ $subnet }}
                {{- end -}}
                """;
        GoTemplate.Data worker = path -> switch (String.join(".", path)) {
            case "MachineConfig.MachineType" -> "worker";
            case "ClusterConfig.ClusterNetwork.ServiceSubnet" -> java.util.List.of("10.96.0.0/12", "2001:db8::/64");
            default -> throw new IllegalArgumentException("no field ." + String.join(".", path));
        };
        assertThat(GoTemplate.parse(firewall).render(worker)).isEqualTo("""
                portSelector:
                  ports:
                    - 50001
                ingress:
                  - subnet: 10.96.0.0/12
                  - subnet: 2001:db8::/64""");
    }

    @Test
    void rangeRebindsDotHasAnElseBranchAndGoPrintsListsAndMaps() {
        Map<String, Object> data = Map.of("ID", java.util.List.of("a", "b"), "Mode", java.util.List.of(), "Version",
                Map.of("z", 1L, "y", 2L));
        assertThat(GoTemplate.parse("{{range .ID}}<{{.}}>{{end}}", FIELDS).render(data)).isEqualTo("<a><b>");
        assertThat(GoTemplate.parse("{{range $i, $v := .ID}}{{$i}}={{$v}} {{end}}", FIELDS).render(data)).isEqualTo("0=a 1=b ");
        assertThat(GoTemplate.parse("{{range .Mode}}x{{else}}none{{end}}", FIELDS).render(data)).isEqualTo("none");
        assertThat(GoTemplate.parse("{{range $k, $v := .Version}}{{$k}}{{$v}}{{end}}", FIELDS).render(data))
                .as("Go ranges over a map in key order").isEqualTo("y2z1");
        assertThat(GoTemplate.parse("{{.ID}} {{.Version}} {{len .ID}} {{index .ID 1}} {{join \",\" .ID}}", FIELDS).render(data))
                .isEqualTo("[a b] map[y:2 z:1] 2 b a,b");
        assertThat(GoTemplate.parse("{{/* a comment */}}x{{- /* trimmed */ -}} y", FIELDS).render(data)).isEqualTo("xy");
        assertThatThrownBy(() -> GoTemplate.parse("{{if eq (len .ID) 2}}{{end}}", FIELDS))
                .as("parenthesised pipelines are not part of this subset").hasMessageContaining("'(len' is not supported");
    }

    @Test
    void variablesComparisonsAndGosErrors() {
        Map<String, Object> data = Map.of("ID", "abc", "Version", 3L, "Mode", java.util.List.of("x"));
        assertThat(GoTemplate.parse("{{$id := .ID}}{{range .Mode}}{{$id}}-{{.}}-{{$.ID}}{{end}}", FIELDS).render(data)).isEqualTo("abc-x-abc");
        assertThat(GoTemplate.parse("{{if eq .ID \"x\" \"abc\"}}one of them{{end}}", FIELDS).render(data)).isEqualTo("one of them");
        assertThat(GoTemplate.parse("{{if gt .Version 2}}new{{end}}{{if le .Version 2}}old{{end}}", FIELDS).render(data)).isEqualTo("new");
        assertThatThrownBy(() -> GoTemplate.parse("{{if eq .ID 3}}{{end}}", FIELDS).render(data))
                .hasMessageContaining("incompatible types for comparison");
        assertThatThrownBy(() -> GoTemplate.parse("{{range .ID}}{{end}}", FIELDS).render(data)).hasMessageContaining("range can't iterate over abc");
        assertThatThrownBy(() -> GoTemplate.parse("{{range .Mode}}{{.Name}}{{end}}", FIELDS).render(data))
                .hasMessageContaining("can't evaluate field Name in type string");
    }

    /** An error names the line (from 1) of the action at fault, the innermost one inside an if or a range, as Go's does. */
    @Test
    void errorsNameTheLineOfTheActionAtFault() {
        Map<String, Object> data = Map.of("ID", "abc", "Mode", java.util.List.of("x"));
        String template = "a: 1\nb: {{ .ID }}\n{{ range .Mode }}\n  c: {{ .Nope }}\n{{ end }}\n";

        assertThatThrownBy(() -> GoTemplate.parse(template).render(data)).isInstanceOfSatisfying(GoTemplate.TemplateError.class,
                e -> assertThat(e.line()).isEqualTo(4));
        assertThatThrownBy(() -> GoTemplate.parse("a\n\nb: {{ .ID | sha256sum }}", FIELDS))
                .isInstanceOfSatisfying(GoTemplate.TemplateError.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> GoTemplate.parse("{{ if .ID }}\nx\n", FIELDS))
                .isInstanceOfSatisfying(GoTemplate.TemplateError.class, e -> assertThat(e.line()).as("the if without its end").isEqualTo(1));
        assertThatThrownBy(() -> GoTemplate.parse("x\n{{ end }}", FIELDS))
                .isInstanceOfSatisfying(GoTemplate.TemplateError.class, e -> assertThat(e.line()).isEqualTo(2));
    }
}
