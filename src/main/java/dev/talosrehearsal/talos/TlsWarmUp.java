package dev.talosrehearsal.talos;

import io.grpc.netty.GrpcSslContexts;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * Pays, on a spare core and before it is needed, the one-time cost of a process's first TLS engine for the Talos API.
 *
 * <p>The first engine Netty wraps for ALPN asks whether Bouncy Castle's JSSE is in use
 * ({@code JdkAlpnApplicationProtocolNegotiator.AlpnWrapper} → {@code BouncyCastleUtil.isBcJsseInUse}), and with
 * Bouncy Castle's provider on the class path (bcpkix signs the cluster's certificates) that probe constructs a
 * {@code BouncyCastleProvider}: thousands of algorithm registrations, a quarter of a second of CPU on two cores
 * (async-profiler, 2026-12-06), spent on the event loop thread of the first call, when the rollout's pre-flight waits
 * for it. Commands that are about to read files, plan or start a simulated cluster before their first call start
 * this instead; the probe's result is cached by Netty, so the first connection finds it done.
 */
public final class TlsWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private TlsWarmUp() {}

    /** Starts the warm-up on a daemon thread, once per process; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(TlsWarmUp::run, "talos-tls-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        try {
            // the client context TalosClient builds, without keys: the engine's ALPN wrapping is what is warmed
            var context = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK).build();
            ReferenceCountUtil.release(context.newEngine(ByteBufAllocator.DEFAULT));
        } catch (SSLException | RuntimeException e) {
            // only a head start: the first real connection does the same work and reports what fails
        }
    }
}
