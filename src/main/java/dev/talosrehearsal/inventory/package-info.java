/**
 * {@code inventory.yaml}: which addresses each machine has on which interface (and its Tailscale address,
 * which exists only while the extension runs). Read by lint and pre-flight to check that every node has an
 * address in the new subnet, and by the simulator to give its nodes their interfaces.
 */
package dev.talosrehearsal.inventory;
