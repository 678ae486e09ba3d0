package dev.talosrehearsal.sim.talosapi;

import java.util.concurrent.Executor;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Keeps an endpoint's listener in step with its node: open while the node is up; while it is down (rebooting,
 * or never back), closed, so a client's connection to it is refused and talosctl's round-robin goes to another
 * endpoint — as with a real endpoint, whose apid goes down with its node.
 *
 * <p>Closing: the port stops accepting at once; the calls in flight are answered (the Reboot call that took the node
 * down gets its reply, as Talos replies before rebooting; resource watches are not waited for, and nothing longer than
 * {@value #GRACE_MS} ms), then the connections are closed — a client does not close them itself, so a graceful drain alone would never end. Calls
 * that arrive in between are answered UNAVAILABLE by the dispatcher, as a node going down would fail them. It opens again on
 * the same port when the node is back. Changes are applied on the cluster's one listener thread,
 * in order, never on the node's thread (which holds the node's lock).
 */
final class EndpointListener {
    /**
     * How long a reply may take before the connection is cut anyway. Replies take milliseconds; a machine loaded by a
     * full test run once took longer than the half second this was, and a Reboot's reply was lost to the closing
     * connection (UNAVAILABLE "Connection closed after GOAWAY" after a staged apply, in StagedRolloutTest): generous,
     * since it is only waited for while a reply is actually being written.
     */
    static final long GRACE_MS = 10_000;
    private final ApiNode node;
    private final ServerConnector connector;
    private final CallsInFlight inFlight;

    private EndpointListener(ApiNode node, ServerConnector connector, CallsInFlight inFlight) {
        this.node = node;
        this.connector = connector;
        this.inFlight = inFlight;
    }

    /** Makes {@code server}'s listener follow {@code node}, changes applied on {@code worker}. */
    static EndpointListener follow(ApiNode node, SimulatedTalosApiServer server, Executor worker) {
        EndpointListener listener = new EndpointListener(node, server.connector(), server.inFlight());
        node.onReachabilityChange(() -> worker.execute(listener::sync));
        return listener;
    }

    /** Opens or closes the listener to match the node now. */
    synchronized void sync() {
        boolean up = node.reachable();
        try {
            if (up && !connector.isRunning()) {
                connector.start();
            } else if (!up && connector.isRunning()) {
                connector.shutdown(); // stops accepting; the client keeps its connections, which stop() closes
                inFlight.awaitNone(GRACE_MS);
                connector.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a listener that cannot follow its node would make the simulation lie: say so loudly
            throw new IllegalStateException("the simulated apid of " + node.hostname() + " cannot " + (up ? "open" : "close")
                    + " its listener: " + e.getMessage(), e);
        }
    }

    boolean open() {
        return connector.isRunning();
    }
}
