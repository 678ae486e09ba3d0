/**
 * The impact scan: Kubernetes objects (from a cluster or from files) that name addresses in the old node
 * subnet — network policies, services, endpoints, ingress allow-lists, config maps, node annotations.
 * Secrets are never read.
 */
package dev.talosrehearsal.kube.impact;
