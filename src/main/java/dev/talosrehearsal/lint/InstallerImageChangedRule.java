package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.TalosFields;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.ImageReference;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rule 22, {@code installer-image-changed} (needs {@code --from OLD}; <b>warning</b>, an <b>error</b> when the rollout
 * would wait for an extension service that only the new image brings, or when the running release cannot decode the
 * new configs — a document kind or field it does not know, {@link TalosFields#undecodable}: every node refuses them): a node's installer image changes — a new Talos
 * release ({@code talosVersion}) or a new schematic (its system extensions). Applying a config never installs an image:
 * Talos reads the installer image only when it installs or upgrades. Up to v1.13 {@code machine.install} is among what
 * ApplyConfiguration applies without a reboot (and nothing reads it until the next upgrade); the v1.14 documentation
 * ("Edit Machine Configuration", siderolabs/docs) says install configuration "has no effect on a node which is already
 * installed — not even after a reboot". So after the rollout the nodes still run the old release with the old
 * extensions, and the rehearsal simulated exactly that: the old release, with the new configs.
 *
 * <p>An ExtensionServiceConfig for an extension that only the new schematic lists names a service the node does not
 * have: no {@code ext-<name>} starts, and the services gate, which waits for every configured extension service
 * ({@code GateRules}), fails in production. The simulated node's image defines what inventory.yaml says, else what
 * before/ configures, and pre-flight refuses a service it lacks; this rule says so from the talconfigs alone. An extension is matched to its document by the last segment of its name
 * ({@code siderolabs/tailscale} → {@code tailscale}), as the official extensions name their services.
 */
final class InstallerImageChangedRule implements Rule {
    static final String ID = "installer-image-changed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<String> changed = new ArrayList<>();
        Set<String> addedExtensions = new LinkedHashSet<>();
        Set<String> waitedFor = new LinkedHashSet<>();
        String oldImage = null;
        String newImage = null;
        boolean schematicChanged = false;
        String undecodable = null; // why the running release cannot decode the first changed node's new config
        String runningTag = null; // the release the first changed node runs, when known
        for (LintContext.NodePair pair : context.nodePairs()) {
            Optional<String> before = ClusterSide.installerImage(pair.old().config());
            Optional<String> after = ClusterSide.installerImage(pair.now().config());
            if (before.isEmpty() || after.isEmpty() || before.equals(after)) {
                continue;
            }
            Optional<TalosVersion> running = runningRelease(context, pair);
            if (running.isPresent() && running.equals(ClusterSide.releaseOf(after.get()))
                    && ImageReference.withoutTag(before.get()).equals(ImageReference.withoutTag(after.get()))) {
                continue; // upgraded already (the inventory says so): the new config names the release the node runs
            }
            if (changed.isEmpty()) {
                oldImage = before.get();
                newImage = after.get();
                runningTag = running.map(TalosVersion::tag).orElse(null);
            }
            changed.add(pair.now().hostname());
            if (undecodable == null) {
                undecodable = running.flatMap(r -> TalosFields.forVersion(r).undecodable(pair.now().config().documents())).orElse(null);
            }
            // which extensions OLD's image has is known only from its talconfig's schematic, not from machine configs
            Set<String> added = context.from() == null ? new LinkedHashSet<>() : extensions(context.cluster(), pair.now());
            if (context.from() != null) {
                added.removeAll(extensions(context.from(), pair.old()));
            }
            schematicChanged |= !ImageReference.withoutTag(before.get()).equals(ImageReference.withoutTag(after.get()));
            addedExtensions.addAll(added);
            Set<String> configuredNow = ExtensionServices.byName(pair.now().config()).keySet();
            Set<String> configuredBefore = ExtensionServices.byName(pair.old().config()).keySet();
            for (String extension : added) {
                String service = serviceName(extension);
                if (configuredNow.contains(service) && !configuredBefore.contains(service)) {
                    waitedFor.add(service);
                }
            }
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        Optional<String> releaseChange = ClusterSide.releaseChange(oldImage, newImage);
        String what = releaseChange.map(change -> "Talos " + change).orElse("the installer image " + oldImage + " → " + newImage);
        String extensions = addedExtensions.isEmpty() ? "" : ", with the system extensions " + String.join(", ", addedExtensions);
        String why = what + extensions + ": applying a config does not install an image — Talos reads the installer image only"
                + " when it installs or upgrades (up to v1.13 it applies machine.install without a reboot and nothing reads it"
                + " until then; v1.14's documentation: no effect on an installed node, not even after a reboot) — so after this"
                + " rollout the nodes still run " + (runningTag != null ? runningTag : "the old image")
                + (addedExtensions.isEmpty() && !schematicChanged ? "" : " without the new image's extensions")
                + ", which is what the rehearsal simulated.";
        if (!waitedFor.isEmpty()) {
            why += " The new configs configure " + String.join(", ", waitedFor.stream().map(ExtensionServices::serviceId).toList()) + ", which only"
                    + " the new image brings: the service never starts and the rollout's services gate fails on the first node.";
        }
        if (undecodable != null) {
            // before the image matters, the configs do: the running release cannot read them (SimulatedNode refuses them too)
            return List.of(new Finding(ID, Severity.ERROR, String.join(",", changed), context.file(), line(context, changed.get(0), false),
                    what + ": the nodes run " + runningTag + ", which cannot decode the configs"
                            + " rendered for the new release (" + undecodable + "), so the first node's dry run refuses them and the"
                            + " rollout stops there.",
                    "upgrade the nodes to " + newImage + " first, keeping the configs they run (talhelper gencommand upgrade:"
                            + " talosctl upgrade --image …), then capture the upgraded cluster (its inventory.yaml says the release"
                            + " each node runs, which an upgrade leaves out of the configs) and rehearse these configs from it"));
        }
        String fix = waitedFor.isEmpty()
                ? "after the rollout, upgrade the nodes one at a time to " + newImage + " (talhelper gencommand upgrade: talosctl upgrade"
                        + " --image …), or upgrade first and rehearse this migration from the upgraded configs"
                : "upgrade the nodes to " + newImage + " first (talhelper gencommand upgrade: talosctl upgrade --image …), then roll out"
                        + " the ExtensionServiceConfig of " + String.join(", ", waitedFor) + " with --from the upgraded configs";
        return List.of(new Finding(ID, waitedFor.isEmpty() ? Severity.WARNING : Severity.ERROR, String.join(",", changed), context.file(),
                line(context, changed.get(0), schematicChanged), why, fix));
    }

    /** The official extensions a talconfig's schematic gives the node; empty when the side is not a talconfig. */
    private static Set<String> extensions(TalConfig cluster, RenderedNode node) {
        Set<String> out = new LinkedHashSet<>();
        Optional<TalConfig.Node> written = cluster.node(node.hostname());
        if (written.isPresent() && written.get().schematic() != null) {
            written.get().schematic().at("/customization/systemExtensions/officialExtensions")
                    .forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    static String serviceName(String extension) {
        return extension.substring(extension.lastIndexOf('/') + 1);
    }

    /** The release the node runs: the inventory's when it names one, else the old config's installer image tag. */
    private static Optional<TalosVersion> runningRelease(LintContext context, LintContext.NodePair pair) {
        return context.inventory() == null ? ClusterSide.installedVersion(pair.old().config())
                : context.inventory().runningRelease(pair.old().hostname(), pair.old().config());
    }

    /** The schematic's line when it changed, else talosVersion's. */
    private static int line(LintContext context, String hostname, boolean schematicChanged) {
        Optional<TalConfig.Node> node = context.cluster().node(hostname);
        if (schematicChanged && node.isPresent() && node.get().schematic() != null) {
            return context.line(node.get().keyPointer("schematic"));
        }
        return context.line("/talosVersion");
    }
}
