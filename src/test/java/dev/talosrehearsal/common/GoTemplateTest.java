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
        assertThatThrownBy(() -> GoTemplate.parse("{{ $x := .ID }}", FIELDS)).hasMessageContaining("is not supported");
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
}
