package dev.talosrehearsal.kube.impact;

/**
 * One value in one Kubernetes object that refers to the old range.
 *
 * @param namespace empty for cluster-scoped objects (Node, CiliumClusterwideNetworkPolicy)
 * @param fieldPath where the value is, kubectl-style: {@code spec.ingress[0].from[0].ipBlock.cidr},
 *                  {@code data.prometheus.yml}, {@code metadata.annotations.flannel.alpha.coreos.com/public-ip}
 * @param value     the address or CIDR as written (for free text, just the address or CIDR found in it)
 * @param note      how it relates to the old range, and to the new one when that was given
 */
public record ImpactFinding(String kind, String namespace, String name, String fieldPath, String value, String note) {}
