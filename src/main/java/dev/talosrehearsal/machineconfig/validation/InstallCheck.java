package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code machine.install} where the mode requires an install: the section is present and names a disk
 * or a disk selector; {@code extraKernelArgs} and {@code grubUseUKICmdline} are not both set.
 *
 * <p>Source: {@code Config.Validate} in pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go
 * (v1.12.0, v1.13.0: "install instructions are required in %q mode", "either install disk or diskSelector
 * should be defined", "install.extraKernelArgs and install.grubUseUKICmdline can't be used together";
 * v1.8.4 with talhelper's {@code WithLocal()} gives the same disk message). From v1.14.0-rc.1 the section is
 * deprecated in favour of UnattendedInstallConfig and only checked when present. A node that is already
 * installed is never asked for it ({@link ValidationMode#INSTALLED}). Not checked: the disk selector's
 * expression syntax, and {@code image} (Talos does not require it).
 *
 * <p>The v1.14 home of the install, the UnattendedInstallConfig document, is checked in every mode as
 * {@code UnattendedInstallConfigV1Alpha1.Validate} does (pkg/machinery/config/types/runtime/unattended_install.go,
 * v1.14.0-rc.1): a disk selector expression is required (Talos's message names {@code volumeSelector}, the field is
 * {@code diskSelector}); no {@code installer.image} is a warning. The CEL expression itself is not parsed here.
 */
final class InstallCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        for (int k : s.documentsOfKind("UnattendedInstallConfig")) {
            JsonNode d = s.documents().get(k);
            if (!Subject.isSet(d.at("/provisioning/diskSelector/match"))) {
                out.error(k, "/provisioning/diskSelector/match", "provisioning.volumeSelector.match is required");
            }
            if (!Subject.isSet(d.at("/installer/image"))) {
                out.warning(k, "/installer/image",
                        "installer.image is not set, if Talos is not booted from asset built by Image Factory, installation will fail");
            }
        }
        if (!s.mode().requiresInstall()) {
            return;
        }
        int doc = s.v1alpha1Index();
        JsonNode install = s.at("/machine/install");
        if (install.isMissingNode() || install.isNull()) {
            if (!s.version().atLeast(1, 14)) {
                out.error(doc, "/machine", "install instructions are required in \"metal\" mode");
            }
            return;
        }
        if (!Subject.isSet(install.get("disk")) && !Subject.isSet(install.get("diskSelector"))) {
            out.error(doc, "/machine/install", "either install disk or diskSelector should be defined");
        }
        if (Subject.isSet(install.get("extraKernelArgs")) && Subject.isSet(install.get("grubUseUKICmdline"))) {
            out.error(doc, "/machine/install/grubUseUKICmdline", "install.extraKernelArgs and install.grubUseUKICmdline can't be used together");
        }
    }
}
