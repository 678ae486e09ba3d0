package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One side of a migration — what a cluster runs before it, or after — as every reader of a rehearsal directory
 * loads it (rehearse, spec, sim up, lint --from): either a talhelper {@code talconfig.yaml}, rendered with the
 * directory's secrets, or a directory of per-node machine configs (the genconfig layout; what {@code capture} writes
 * as {@code before/}), taken as they are.
 *
 * <p>The one home for "how a side is found and loaded": a side folder holding {@code talconfig.yaml} is that
 * talconfig; otherwise its {@code *.yaml} files are the nodes' machine configs.
 *
 * @param source     the talconfig.yaml, or the directory of machine configs
 * @param talconfig  the loaded talconfig; empty for machine configs
 * @param version    the Talos release the nodes run: the talconfig's {@code talosVersion}, or for machine configs the
 *                   tag of their installer image ({@link #installedVersion}); empty when the configs do not say
 */
public record ClusterSide(Path source, Optional<TalConfig> talconfig, RenderedCluster rendered, Optional<TalosVersion> version) {
    public static final String TALCONFIG = "talconfig.yaml";

    /** Where a side folder's cluster is: its talconfig.yaml when it has one, else the folder (machine configs). */
    public static Path locate(Path sideDir) {
        Path talconfig = sideDir.resolve(TALCONFIG);
        return Files.isDirectory(sideDir) && !Files.exists(talconfig) && hasMachineConfigs(sideDir) ? sideDir : talconfig;
    }

    /** Whether {@code sideDir} holds a side: a talconfig.yaml, or machine configs. */
    public static boolean isSide(Path sideDir) {
        return Files.isRegularFile(sideDir.resolve(TALCONFIG)) || hasMachineConfigs(sideDir);
    }

    private static boolean hasMachineConfigs(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".yaml") && !p.getFileName().toString().startsWith(".")
                    && Files.isRegularFile(p));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Loads {@code source}: a directory is read as machine configs, anything else as a talconfig.yaml rendered with
     * {@code secrets}. Bad input is an {@link InputException} naming the file.
     */
    public static ClusterSide load(Path source, Map<String, String> environment, SecretsBundle secrets) {
        if (Files.isDirectory(source)) {
            RenderedCluster configs = ClusterConfigDirectory.readCluster(source);
            return new ClusterSide(source, Optional.empty(), configs, installedVersion(configs));
        }
        if (!Files.isRegularFile(source)) {
            throw new InputException(source.toString(), 0, "file not found");
        }
        TalConfig talconfig = new TalConfigLoader(environment).load(source);
        return new ClusterSide(source, Optional.of(talconfig), new ClusterRenderer().render(talconfig, secrets),
                Optional.of(talconfig.talosVersion()));
    }

    public String clusterName() {
        return rendered.clusterName();
    }

    /** Whether this side is machine configs taken as they are (not rendered from a talconfig). */
    public boolean machineConfigs() {
        return talconfig.isEmpty();
    }

    /**
     * The release named by the first node's installer image tag ({@code machine.install.image}, or an
     * UnattendedInstallConfig's {@code installer.image} from v1.14): {@code …/installer:v1.11.5} → v1.11.5, as both
     * talosctl's generator and talhelper write it. Empty when there is no image or its tag is not a supported release
     * (a digest, {@code latest}): the caller then takes the other side's.
     */
    public static Optional<TalosVersion> installedVersion(RenderedCluster configs) {
        for (RenderedCluster.RenderedNode node : configs.nodes()) {
            Optional<TalosVersion> version = installedVersion(node.config());
            if (version.isPresent()) {
                return version;
            }
        }
        return Optional.empty();
    }

    /** The release one node's config names by its installer image's tag; empty as for {@link #installedVersion(RenderedCluster)}. */
    public static Optional<TalosVersion> installedVersion(MachineConfig config) {
        return installerImage(config).flatMap(ClusterSide::releaseOf);
    }

    /** The release an installer image's tag names ({@code …/installer:v1.11.5} → v1.11.5); empty for a digest or {@code latest}. */
    public static Optional<TalosVersion> releaseOf(String image) {
        return ImageReference.tag(image).flatMap(TalosVersion::supported);
    }

    /** {@code v1.11.5 → v1.11.6} when both images name a release and the releases differ; else empty (a schematic alone changed). */
    public static Optional<String> releaseChange(String before, String after) {
        return releaseOf(before).flatMap(b -> releaseOf(after).filter(a -> !a.equals(b)).map(a -> b.tag() + " → " + a.tag()));
    }

    /** A node's installer image: {@code machine.install.image}, or from v1.14 an UnattendedInstallConfig's {@code installer.image}. */
    public static Optional<String> installerImage(MachineConfig config) {
        String image = config.at("/machine/install/image").asText("");
        if (image.isEmpty()) {
            image = config.documents("UnattendedInstallConfig").stream().map(d -> d.at("/installer/image").asText(""))
                    .filter(i -> !i.isEmpty()).findFirst().orElse("");
        }
        return image.isEmpty() ? Optional.empty() : Optional.of(image);
    }
}
