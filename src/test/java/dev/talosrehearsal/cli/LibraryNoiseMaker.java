package dev.talosrehearsal.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Run in a fresh JVM by {@link LibraryNoiseTest}, with the CLI's logging configuration: makes the noise issue 15 saw on
 * a rehearsal's stderr. A vert.x event loop blocked for longer than vert.x allows (as it is on a loaded machine: the
 * simulated cluster's Kubernetes fronts and fabric8's client both run on vert.x), and the warnings fabric8's watch and
 * informer machinery logs when a simulated API server goes away under it, and Jetty's when a simulated Talos API
 * stops while it accepts a connection. Prints {@code done} at the end.
 */
public final class LibraryNoiseMaker {
    private LibraryNoiseMaker() {}

    public static void main(String[] args) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        CountDownLatch blocked = new CountDownLatch(1);
        vertx.runOnContext(ignored -> {
            try {
                Thread.sleep(3_500); // over vert.x's 2 s event-loop limit, checked every second
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            blocked.countDown();
        });
        blocked.await(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().join();
        LoggerFactory.getLogger("io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager").warn("Exec Failure");
        LoggerFactory.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector").warn("Watch closing with exception");
        LoggerFactory.getLogger("org.eclipse.jetty.io.ManagedSelector").warn("Could not accept java.nio.channels.SocketChannel[closed]:"
                + " java.lang.IllegalStateException: !STARTED");
        System.out.println("done");
    }
}
