package dev.talosrehearsal.sim.talosapi;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty thread pool for all of a cluster's simulated apids. Started before the servers, so each server
 * uses it without owning it (Jetty leaves a running pool it was given alone on stop); the cluster stops it.
 *
 * <p>{@code join()} returns at once: WireMock's stop joins its server, which joins the pool — a shared pool
 * outlives each server, so a real join would wait forever.
 */
final class ApidThreads {
    private ApidThreads() {}

    /** Enough for each endpoint's acceptor and selector plus the calls in flight (Jetty checks the budget at start). */
    static QueuedThreadPool pool(int endpoints) {
        QueuedThreadPool pool = new QueuedThreadPool(16 + 4 * endpoints, 2) {
            @Override
            public void join() {
                // see the class comment
            }
        };
        pool.setName("simulated-apid");
        pool.setDaemon(true);
        try {
            pool.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the simulated apid threads", e);
        }
        return pool;
    }
}
