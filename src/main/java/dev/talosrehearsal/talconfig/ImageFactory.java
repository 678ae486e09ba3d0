package dev.talosrehearsal.talconfig;

import dev.talosrehearsal.common.GoTemplate;
import java.util.Set;

/**
 * talhelper's {@code imageFactory:} — where installer images come from — with talhelper's defaults for what is
 * not set (pkg/config/defaults.go, {@code GetImageFactory}, v3.1.16). The installer URL's default template names
 * the platform ({@code metal-installer}) since talhelper v3.0.24, following the Image Factory's URLs since
 * Talos v1.10.
 *
 * @param installerURLTmpl a Go template over {@link #INSTALLER_FIELDS}
 * @param imageURLTmpl a Go template over {@link #IMAGE_FIELDS} (boot images; kept for parity, not rendered)
 */
public record ImageFactory(String registryURL, String schematicEndpoint, String protocol, String installerURLTmpl,
        String imageURLTmpl) {
    /** The fields talhelper's installer template sees (pkg/talos/schematic.go, installerTmpl). */
    public static final Set<String> INSTALLER_FIELDS = Set.of("RegistryURL", "ID", "Version", "Mode", "Secureboot");
    /** The fields talhelper's image template sees (pkg/talos/schematic.go, imageTmpl). */
    public static final Set<String> IMAGE_FIELDS = Set.of("BootMethod", "Suffix", "Protocol", "RegistryURL", "ID", "Version",
            "Mode", "Arch", "Secureboot", "UseUKI");

    public static final ImageFactory DEFAULT = new ImageFactory("factory.talos.dev", "/schematics", "https",
            "{{.RegistryURL}}/{{.Mode}}-installer{{if .Secureboot}}-secureboot{{end}}/{{.ID}}:{{.Version}}",
            "{{.Protocol}}://{{.RegistryURL}}/image/{{.ID}}/{{.Version}}/{{.Mode}}-{{.Arch}}{{if .Secureboot}}-secureboot{{end}}"
                    + "{{if and .Secureboot .UseUKI}}-uki.efi{{ else }}{{.Suffix}}{{end}}");

    /** The installer template, parsed (checked when the talconfig is loaded). */
    public GoTemplate installerTemplate() {
        return GoTemplate.parse(installerURLTmpl, INSTALLER_FIELDS);
    }
}
