package io.bookingkit.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.BookingRequest;
import io.bookingkit.notify.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One notifier, many threads sending at once: every request is whole and correctly signed. */
class WebhookConcurrencyTest {

    private static final String SECRET = "concurrency-secret";
    private static final int THREADS = 6;

    @Test
    void threads_sending_at_once_each_get_their_own_whole_signed_request() throws Exception {
        // Real notifications, as the dispatcher makes them: twelve bookings through an engine.
        List<Notification> notifications = new CopyOnWriteArrayList<>();
        Shop shop = new Shop(notifications::add);
        for (int i = 0; i < 12; i++) {
            shop.engine.book(BookingRequest.builder().template("cut").resource("chair-1")
                    .start(Shop.NOON.plus(Duration.ofMinutes(30L * i))).build(), Shop.ANA);
        }
        assertEquals(12, notifications.size());

        try (Receiver receiver = Receiver.start()) {
            WebhookNotifier notifier = WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    senders.add(pool.submit(() -> {
                        go.await();
                        notifications.forEach(notifier::send);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> sender : senders) {
                    sender.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            List<Receiver.Request> requests = receiver.received();
            assertEquals(THREADS * notifications.size(), requests.size());
            Instant now = Instant.now();
            requests.forEach(r -> assertTrue(r.verifies(SECRET, now), "every request verifies"));
            Map<String, List<String>> bodiesByKey = requests.stream().collect(Collectors.groupingBy(
                    r -> r.header("Idempotency-Key"),
                    Collectors.mapping(r -> new String(r.body(), StandardCharsets.UTF_8), Collectors.toList())));
            assertEquals(notifications.stream().map(Notification::dedupeKey).collect(Collectors.toSet()),
                    bodiesByKey.keySet());
            bodiesByKey.forEach((key, bodies) -> {
                assertEquals(THREADS, bodies.size(), key);
                assertEquals(1, bodies.stream().distinct().count(), "the same document from every thread: " + key);
                assertTrue(bodies.get(0).contains("\"dedupeKey\":\"" + key + "\""), bodies.get(0));
            });
        }
    }
}
