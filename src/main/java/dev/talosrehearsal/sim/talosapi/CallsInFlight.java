package dev.talosrehearsal.sim.talosapi;

import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * Counts the calls an endpoint has begun and not yet finished answering, so its listener can close as soon as the
 * last reply (e.g. the Reboot that takes the node down) is out, rather than after a fixed grace period.
 * Jetty notifies the listener beans of a connector for every request on it (HTTP/2 streams included).
 */
final class CallsInFlight implements HttpChannel.Listener {
    private int count;

    @Override
    public synchronized void onRequestBegin(Request request) {
        count++;
    }

    @Override
    public synchronized void onComplete(Request request) {
        count--;
        notifyAll();
    }

    /** Waits until no call is in flight or {@code maxMillis} have passed; returns whether none is. */
    synchronized boolean awaitNone(long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        for (long left = maxMillis; count > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
            wait(left);
        }
        return count <= 0;
    }
}
