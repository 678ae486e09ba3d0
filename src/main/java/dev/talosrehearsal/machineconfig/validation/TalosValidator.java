package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.List;

/**
 * Validates a machine config as Talos does before it accepts it ({@code Container.Validate} in
 * pkg/machinery/config/container/container.go: the v1alpha1 document's checks, then each document's own,
 * then the conflicts between a document and v1alpha1), for the release the config is written for.
 *
 * <p>Used by the generator (mode {@link ValidationMode#METAL}, like talhelper's genconfig) and by the
 * simulated node's ApplyConfiguration ({@link ValidationMode#INSTALLED}).
 */
public final class TalosValidator {
    /** In the order Talos's {@code Config.Validate} runs them, then the documents. */
    private static final List<Check> CHECKS = List.of(
            new ClusterEndpointCheck(),
            new ClusterNetworkCheck(),
            new EtcdCheck(),
            new InlineManifestsCheck(),
            new InstallCheck(),
            new MachineTypeCheck(),
            new NetworkDeviceCheck(),
            new KubeSpanCheck(),
            new KubeletCheck(),
            new FeaturesCheck(),
            new ExtensionServiceConfigCheck(),
            new HostnameConfigCheck(),
            new ResolverConfigCheck(),
            new Layer2VipConfigCheck(),
            new WireguardConfigCheck(),
            new NetworkRuleConfigCheck(),
            new V1Alpha1Conflicts(),
            new ControlPlaneDocumentsCheck());

    private TalosValidator() {}

    /** @param documents a machine config's documents in file order (MachineConfig.documents()) */
    public static ValidationResult validate(List<ObjectNode> documents, TalosVersion version, ValidationMode mode) {
        Subject subject = new Subject(List.copyOf(documents), version, mode);
        Findings findings = new Findings();
        if (subject.v1alpha1Index() < 0) {
            findings.error(0, "", "machine instructions are required");
            return new ValidationResult(subject.documents(), version, findings.all());
        }
        for (Check check : CHECKS) {
            check.check(subject, findings);
        }
        return new ValidationResult(subject.documents(), version, findings.all());
    }
}
