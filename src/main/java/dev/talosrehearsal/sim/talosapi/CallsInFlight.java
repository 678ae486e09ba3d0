package dev.talosrehearsal.sim.talosapi;

import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * Counts the calls an endpoint has begun and not yet finished answering, so its listener can close as soon as the
 * last reply (e.g. the Reboot that takes the node down) is out, rather than after a fixed grace period.
 * Jetty notifies the listener beans of a connector for every request on it (HTTP/2 streams included).
 */
final class CallsInFlight implements HttpChannel.Listener {
    /**
     * A resource watch stays open for as long as its client wants: a node going down cuts it (as apid's does), so it is
     * not waited for.
     */
    private static final String WATCH = "/" + ResourceApi.SERVICE + "/" + ResourceApi.WATCH;
    private int count;

    @Override
    public synchronized void onRequestBegin(Request request) {
        if (answered(request)) {
            count++;
        }
    }

    @Override
    public synchronized void onComplete(Request request) {
        if (answered(request)) {
            count--;
            notifyAll();
        }
    }

    /** Whether the call ends with an answer of its own (every call but a watch). */
    private static boolean answered(Request request) {
        return !WATCH.equals(request.getRequestURI());
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
