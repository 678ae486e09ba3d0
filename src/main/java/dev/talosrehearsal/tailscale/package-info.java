/**
 * Tailscale's own formats as a Talos node's ext-tailscale container reads them: the ExtensionServiceConfig
 * environment and mounted files containerboot sees, and the serve config ({@code ipn.ServeConfig}) with
 * its scopes, TCP and Web handlers, Services and the {@code ${TS_CERT_DOMAIN}} placeholder. The lint
 * rules check these files and the simulated tailnet answers with them, so both read them here; this
 * package depends on nothing else in the project.
 */
package dev.talosrehearsal.tailscale;
