package dev.talosrehearsal.sim.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** Byte plumbing: accept loops, HTTP/1.1 heads, canned answers, two-way pipes, resets. */
public final class Wire {
    private static final int MAX_HEAD = 64 * 1024;

    private Wire() {}

    /**
     * Hands every connection {@code server} accepts to {@code onAccept}, on a daemon thread named {@code threadName},
     * until the server socket is closed (a daemon, so a listener left open never keeps the JVM alive).
     */
    public static void acceptEach(ServerSocket server, String threadName, Consumer<Socket> onAccept) {
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket accepted = server.accept();
                    // No Nagle, as Go's net package (tailscaled, kube-apiserver, kubectl) sets TCP_NODELAY on every TCP
                    // connection: without it a small write waits for the peer's delayed ACK (40 ms on Linux), which cost
                    // the homelab's rehearsal 0.25 s in one verification alone (docs/benchmarks.md, eleventh session).
                    noDelay(accepted);
                    onAccept.accept(accepted);
                } catch (IOException closed) {
                    return;
                }
            }
        }, threadName);
        accept.setDaemon(true);
        accept.start();
    }

    /** A socket to dial from, as Go dials: TCP_NODELAY ({@link #acceptEach} says why). */
    public static Socket dialer() {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set TCP_NODELAY on a new socket", e); // only a closed socket refuses
        }
        return socket;
    }

    private static void noDelay(Socket accepted) {
        try {
            accepted.setTcpNoDelay(true);
        } catch (IOException gone) {
            // the peer is already gone: whoever reads the socket finds out; the listener goes on accepting
        }
    }

    /** The request or response head up to and including the blank line, as ISO-8859-1 text; null at EOF. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int last4 = 0;
        while ((b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > MAX_HEAD) {
                throw new IOException("HTTP head larger than " + MAX_HEAD + " bytes");
            }
        }
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The path of a request head's request line ({@code GET /version HTTP/1.1} → {@code /version}). */
    public static String requestPath(String head) {
        String[] parts = head.split("\r?\n", 2)[0].split(" ");
        if (parts.length < 2) {
            return "/";
        }
        String target = parts[1];
        int query = target.indexOf('?');
        return query >= 0 ? target.substring(0, query) : target;
    }

    /** A complete HTTP/1.1 answer that closes the connection. */
    public static void answer(OutputStream out, int status, String reason, String contentType, String body, String... extraHeaders)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** Copies both ways until either side ends, then closes both. {@code first} is written to {@code b} before. */
    public static void pipe(ExecutorService pool, Socket a, Socket b, byte[] first) throws IOException {
        if (first != null && first.length > 0) {
            b.getOutputStream().write(first);
            b.getOutputStream().flush();
        }
        pool.execute(() -> copyThenClose(b, a));
        copyThenClose(a, b);
    }

    private static void copyThenClose(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other direction or a close ended it
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Closes with a TCP reset: what a client sees as "connection reset" (nothing listens / nothing to forward to). */
    public static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    public static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
