package io.bookingkit.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 (an ephemeral port) that answers as scripted and records every
 * request as it arrives, before any scripted delay. Close it to stop the server and its threads.
 */
final class Receiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body, Instant at) {

        /** The only value of {@code name}; fails on none or several. */
        String header(String name) {
            List<String> values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
            if (values.size() != 1) {
                throw new AssertionError("expected one " + name + " header, got " + values + " in " + headers);
            }
            return values.get(0);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Whether the signature holds for {@code secret}, as a receiver would check it: its own
         * HMAC-SHA256 over the timestamp header, a full stop and the raw body, compared in constant
         * time, and a timestamp at most five minutes from {@code now}.
         */
        boolean verifies(String secret, Instant now) {
            return verify(secret.getBytes(StandardCharsets.UTF_8), header("Bookingkit-Timestamp"),
                    header("Bookingkit-Signature"), body, now);
        }
    }

    /** The verification as the README shows it, written here independently of the library. */
    static boolean verify(byte[] secret, String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A scripted answer. */
    record Reply(int status, Duration delay, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile Reply otherwise = new Reply(200, Duration.ZERO, "");

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        // Several threads, so a request that sleeps past the client's timeout does not hold up the
        // retry behind it.
        threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver start() throws IOException {
        return new Receiver();
    }

    /** The URL of the path {@code /hook}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers the next requests with these statuses, in order, then {@link #otherwise}. */
    Receiver answer(int... statuses) {
        for (int status : statuses) {
            script.add(new Reply(status, Duration.ZERO, "status " + status));
        }
        return this;
    }

    /** Answers the next request with {@code status} and {@code body}. */
    Receiver answer(int status, String body) {
        script.add(new Reply(status, Duration.ZERO, body));
        return this;
    }

    /** Answers the next request with {@code status} after {@code delay}. */
    Receiver answerAfter(Duration delay, int status) {
        script.add(new Reply(status, delay, ""));
        return this;
    }

    /** Answers every request the script does not cover with {@code status}. */
    Receiver otherwise(int status) {
        otherwise = new Reply(status, Duration.ZERO, "status " + status);
        return this;
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
            Reply reply = script.poll();
            if (reply == null) {
                reply = otherwise;
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.status() >= 300 && reply.status() < 400) {
                exchange.getResponseHeaders().add("Location", "https://elsewhere.example/hook");
            }
            try {
                exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
            } catch (IOException e) {
                // The client gave up waiting (the timeout tests): nobody to answer.
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
