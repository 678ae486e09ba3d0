/**
 * The generator: a {@link dev.talosrehearsal.talconfig.TalConfig} rendered into one Talos machine config
 * per node, as talhelper renders it — Talos's base documents for the role and release, node settings,
 * extra documents, then patches — written in Talos's key order and go-yaml's layout. Also the reboot
 * rules (which changes Talos applies without a reboot) and the per-node diff. See
 * {@code docs/talos-behaviour.md}.
 */
package dev.talosrehearsal.machineconfig;
