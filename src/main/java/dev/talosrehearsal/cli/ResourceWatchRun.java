package dev.talosrehearsal.cli;

import dev.talosrehearsal.talos.ResourceWatch;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosResources;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code talos get -w}: one watch per node, all printed through one {@link ResourceEventOutput}, as talosctl runs them
 * (cmd/talosctl/cmd/talos/get.go: a watch per node, their events merged), until the time limit, Ctrl-C, or the first
 * watch that fails — a node going down ends its watch, and talosctl's with it ("error watching resource").
 */
final class ResourceWatchRun {
    private ResourceWatchRun() {}

    /**
     * @param nodes empty: the endpoint itself
     * @param id    null: every resource of the type
     * @param limit null: until Ctrl-C
     * @return {@link Main#OK} when the time limit ended it, {@link Main#FOUND} when a watch could not be set up or failed
     */
    static int run(TalosResources resources, List<String> nodes, String namespace, String type, String id, Duration limit,
            ResourceEventOutput output, PrintWriter err) {
        List<ResourceWatch> watches = new ArrayList<>();
        // Ctrl-C: the watches are cancelled and what is held back printed, as talosctl flushes its table when it ends
        Thread onSignal = new Thread(() -> end(watches, output), "talos-get-watch-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            for (String node : nodes.isEmpty() ? java.util.Collections.<String>singletonList(null) : nodes) {
                try {
                    ResourceWatch watch = resources.watch(node, namespace, type, id, output);
                    synchronized (watches) {
                        watches.add(watch);
                    }
                } catch (TalosApiException e) {
                    err.println("error setting up watch on node " + e.getMessage());
                    return Main.FOUND;
                }
            }
            return await(watches, limit, err);
        } finally {
            end(watches, output);
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs
            }
        }
    }

    private static int await(List<ResourceWatch> watches, Duration limit, PrintWriter err) {
        CompletableFuture<?>[] ends = watches.stream().map(ResourceWatch::ended).toArray(CompletableFuture[]::new);
        // the first watch that fails ends the command; one the server ended without an error leaves the others running
        CompletableFuture<Void> failed = new CompletableFuture<>();
        for (CompletableFuture<?> end : ends) {
            end.whenComplete((ok, e) -> {
                if (e != null) {
                    failed.completeExceptionally(e);
                }
            });
        }
        // only when every watch ended normally: one that failed completes `failed` with its error above, and
        // CompletableFuture may run this callback first
        CompletableFuture.allOf(ends).whenComplete((ok, e) -> {
            if (e == null) {
                failed.complete(null);
            }
        });
        try {
            if (limit == null) {
                failed.get();
            } else {
                failed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            return Main.OK;
        } catch (TimeoutException e) {
            return Main.OK;
        } catch (ExecutionException e) {
            err.println("error watching resource: " + e.getCause().getMessage());
            return Main.FOUND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }

    private static void end(List<ResourceWatch> watches, ResourceEventOutput output) {
        synchronized (watches) {
            watches.forEach(ResourceWatch::close);
        }
        output.finish();
    }
}
