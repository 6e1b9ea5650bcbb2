package io.bookingkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 between a driver and its database that counts round trips: each time
 * the client speaks after the server has answered (or first) is one more. A driver that
 * pipelines several statements before it reads makes one round trip for all of them, which is
 * what the count is for. Every connection through the relay counts into one total.
 */
final class RoundTripCounter implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger trips = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RoundTripCounter(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "round-trip-counter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port to point the driver at instead of the database's. */
    int port() {
        return listener.getLocalPort();
    }

    /** Round trips so far, on every connection. */
    int trips() {
        return trips.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                AtomicBoolean answered = new AtomicBoolean(true);
                relay(client, server, () -> {
                    if (answered.getAndSet(false)) {
                        trips.incrementAndGet();
                    }
                });
                relay(server, client, () -> answered.set(true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void relay(Socket from, Socket to, Runnable onData) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    // Counted before it is passed on, so the answer cannot overtake the count.
                    onData.run();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed; the other side's relay ends when its socket closes below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "round-trip-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(RoundTripCounter::closeQuietly);
    }
}
