package dev.talosrehearsal.sim.node;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a simulated node's image holds that its machine config cannot say: the services its system extensions define.
 * Talos reads every service definition the image's extensions ship once, at boot, and starts each
 * ({@code ExtensionServiceController.Run}, internal/app/machined/pkg/controllers/runtime/extension_service.go, v1.13.9);
 * one whose definition depends on its configuration waits until an ExtensionServiceConfig names it. A document naming a
 * service no extension defines starts nothing ({@code handleRestart} ignores a service it does not know), and an apply
 * never changes the image (only an upgrade installs another).
 *
 * <p>The inventory says which services the image defines ({@code extensionServices}; {@code capture} records the
 * {@code ext-*} services each node lists). When it does not, the image is taken to define exactly the services the node's
 * first config configures — what the node runs — and nothing more: a migration that configures another one is not
 * assumed to find it in the image.
 *
 * @param extensionServices the services' names, as an ExtensionServiceConfig names them
 * @param stated            whether the inventory said so (false: taken from the first config)
 */
public record NodeImage(Set<String> extensionServices, boolean stated) {
    public NodeImage {
        extensionServices = java.util.Collections.unmodifiableSet(new TreeSet<>(extensionServices));
    }

    static NodeImage of(Inventory.Node inventory, MachineConfig firstConfig) {
        return inventory.extensionServices().map(names -> new NodeImage(names, true))
                .orElseGet(() -> new NodeImage(ExtensionServices.byName(firstConfig).keySet(), false));
    }

    /** Whether an extension in the image defines the service {@code name} (bare, as an ExtensionServiceConfig names it). */
    public boolean defines(String name) {
        return extensionServices.contains(name);
    }
}
