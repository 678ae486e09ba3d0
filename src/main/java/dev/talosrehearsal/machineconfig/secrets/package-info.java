/**
 * The cluster's secrets bundle ({@code talsecret.yaml}): reading and writing it, generating a new one,
 * the certificates Talos derives from it (the admin client certificate, OS and Kubernetes certificates),
 * and the talosconfig file. Nothing here is ever logged; files are written 0600.
 */
package dev.talosrehearsal.machineconfig.secrets;
