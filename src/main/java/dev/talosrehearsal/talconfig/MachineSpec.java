package dev.talosrehearsal.talconfig;

import java.util.Set;

/**
 * talhelper's {@code machineSpec:} of a node, with talhelper's defaults for what is not set (pkg/config/defaults.go,
 * {@code GetMachineSpec}, v3.1.16): metal, amd64, booted from an ISO. The installer image depends on the mode and
 * on secure boot; the rest names boot images, which a rehearsal does not render.
 */
public record MachineSpec(String mode, String arch, boolean secureboot, boolean useUKI, String bootMethod, String imageSuffix) {
    public static final MachineSpec DEFAULT = new MachineSpec("metal", "amd64", false, false, "iso", "iso");
    /** talhelper's validator accepts these boot methods (pkg/config/validator.go). */
    static final Set<String> BOOT_METHODS = Set.of("disk-image", "iso", "pxe");
    static final Set<String> KEYS = Set.of("mode", "arch", "secureboot", "useUKI", "bootMethod", "imageSuffix");

    /** The spec with talhelper's defaults wherever a field is empty. */
    static MachineSpec withDefaults(String mode, String arch, boolean secureboot, boolean useUKI, String bootMethod,
            String imageSuffix) {
        return new MachineSpec(orDefault(mode, DEFAULT.mode), orDefault(arch, DEFAULT.arch), secureboot, useUKI,
                orDefault(bootMethod, DEFAULT.bootMethod), orDefault(imageSuffix, DEFAULT.imageSuffix));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
