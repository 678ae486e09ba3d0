/**
 * Talos's own validation of a machine config, per release: the checks of the v1alpha1 document's
 * {@code Validate} (pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go) and of each document
 * beside it that the generator emits, one class per concern, each naming the Talos source it follows.
 *
 * <p>One home for these rules: the generator ({@code ClusterRenderer}) refuses a config that fails them
 * at the talconfig line the bad value came from, and the simulated node refuses the same config on
 * ApplyConfiguration with InvalidArgument. Where Talos's behaviour is not certain the check warns
 * instead of refusing: refusing a config real Talos accepts is worse than not checking at all.
 * From v1.14 most settings live in documents beside v1alpha1 (KubeClusterConfig, KubeNetworkConfig,
 * KubeNodeConfig, KubeletConfig, UnattendedInstallConfig, ResolverConfig's hostDNS): the check for a setting
 * checks it in each home, with Talos's words for that home, and {@link V1Alpha1Conflicts} refuses a setting
 * written in both. See docs/talos-behaviour.md#validation.
 */
package dev.talosrehearsal.machineconfig.validation;
