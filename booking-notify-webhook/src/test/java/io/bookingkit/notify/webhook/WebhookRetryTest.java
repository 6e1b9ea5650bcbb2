package io.bookingkit.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures that may pass (408, 429, 5xx, timeouts, connections refused) leave the message in the
 * outbox, due again after the dispatcher's backoff (5 seconds for the first retry), and the retry
 * carries the same Idempotency-Key.
 */
class WebhookRetryTest {

    private static final String SECRET = "retry-secret";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void a_500_then_a_200_delivers_on_the_retry_with_the_same_idempotency_key() {
        receiver.answer(500).otherwise(200);
        Recording port = new Recording(notifier(receiver.url()));
        Shop shop = new Shop(port);

        Booking cut = shop.bookCut();
        assertEquals(BookingStatus.CONFIRMED, shop.stored(cut.id()).status(), "the booking is committed all the same");
        assertEquals(1, receiver.received().size());
        WebhookDeliveryException failure = assertInstanceOf(WebhookDeliveryException.class, port.last());
        assertTrue(failure.getMessage().contains(receiver.url() + ": answered 500: \"status 500\""), failure.getMessage());
        assertEquals(1, shop.dueBy(FIRST_BACKOFF), "due again after the backoff");

        shop.clock.add(FIRST_BACKOFF.minusSeconds(1));
        assertEquals(0, shop.engine.dispatchNotifications(), "not before the backoff");
        assertEquals(1, receiver.received().size());

        shop.clock.add(Duration.ofSeconds(1));
        assertEquals(1, shop.engine.dispatchNotifications());
        List<Receiver.Request> requests = receiver.received();
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).header("Idempotency-Key"), requests.get(1).header("Idempotency-Key"));
        assertEquals(cut.id() + ":CONFIRMED:v" + cut.version(), requests.get(1).header("Idempotency-Key"));
        assertEquals(new String(requests.get(0).body(), StandardCharsets.UTF_8),
                new String(requests.get(1).body(), StandardCharsets.UTF_8), "the same document");
        assertTrue(requests.get(1).verifies(SECRET, Instant.now()), "signed anew for the retry");

        shop.clock.add(Duration.ofMinutes(5));
        assertEquals(0, shop.engine.dispatchNotifications(), "delivered: nothing left but the reminder, not yet due");
        assertEquals(2, receiver.received().size());
        assertTrue(shop.parked().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void statuses_that_may_pass_are_retried_not_parked(int status) {
        receiver.answer(status, status).otherwise(200);
        Recording port = new Recording(notifier(receiver.url()));
        Shop shop = new Shop(port);

        shop.bookCut();
        assertTrue(shop.parked().isEmpty(), status + " does not park");
        shop.clock.add(FIRST_BACKOFF);
        assertEquals(0, shop.engine.dispatchNotifications(), "the second attempt fails too");
        assertTrue(shop.parked().isEmpty(), status + " does not park on the second attempt either");
        shop.clock.add(FIRST_BACKOFF.multipliedBy(2));
        assertEquals(1, shop.engine.dispatchNotifications(), "the third attempt delivers");

        assertEquals(2, port.thrown().size());
        port.thrown().forEach(e -> assertInstanceOf(WebhookDeliveryException.class, e));
        assertTrue(port.last().getMessage().contains("answered " + status), port.last().getMessage());
        List<Receiver.Request> requests = receiver.received();
        assertEquals(3, requests.size());
        assertEquals(1, requests.stream().map(r -> r.header("Idempotency-Key")).distinct().count());
        assertTrue(shop.parked().isEmpty());
    }

    @Test
    void a_long_error_body_is_quoted_short_on_one_line() {
        receiver.answer(503, "Service\r\nUnavailable " + "x".repeat(200_000)).otherwise(200);
        Recording port = new Recording(notifier(receiver.url()));
        Shop shop = new Shop(port);

        shop.bookCut();

        String message = port.last().getMessage();
        assertTrue(message.contains(": answered 503: \"Service Unavailable xxx"), message);
        assertTrue(message.endsWith("x…\""), message);
        assertTrue(message.length() < 400, "at most 200 characters of the body: " + message.length());
        shop.clock.add(FIRST_BACKOFF);
        assertEquals(1, shop.engine.dispatchNotifications(), "the next attempt is not troubled by the last");
    }

    @Test
    void a_receiver_that_answers_after_the_request_timeout_is_retried() {
        receiver.answerAfter(Duration.ofSeconds(3), 200).otherwise(200);
        Recording port = new Recording(WebhookNotifier.builder().url(receiver.url()).secret(SECRET)
                .requestTimeout(Duration.ofMillis(400)).build());
        Shop shop = new Shop(port);

        long started = System.nanoTime();
        Booking cut = shop.bookCut();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "the booking waited the request timeout, not "
                + "the receiver: " + took);
        assertEquals(BookingStatus.CONFIRMED, shop.stored(cut.id()).status());
        WebhookDeliveryException failure = assertInstanceOf(WebhookDeliveryException.class, port.last());
        assertTrue(failure.getMessage().contains("no response within PT0.4S"), failure.getMessage());
        assertTrue(shop.parked().isEmpty());

        shop.clock.add(FIRST_BACKOFF);
        assertEquals(1, shop.engine.dispatchNotifications());
        List<Receiver.Request> requests = receiver.received();
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).header("Idempotency-Key"), requests.get(1).header("Idempotency-Key"));
    }

    @Test
    void an_url_nobody_listens_on_is_retried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort + "/hook";
        Recording port = new Recording(notifier(nowhere));
        Shop shop = new Shop(port);

        shop.bookCut();
        shop.clock.add(FIRST_BACKOFF);
        assertEquals(0, shop.engine.dispatchNotifications());

        assertEquals(2, port.thrown().size(), "tried, and tried again after the backoff");
        WebhookDeliveryException failure = assertInstanceOf(WebhookDeliveryException.class, port.last());
        assertTrue(failure.getMessage().contains(nowhere + ": could not connect"), failure.getMessage());
        assertTrue(shop.parked().isEmpty());
        assertEquals(1, shop.dueBy(FIRST_BACKOFF.multipliedBy(2)));
    }

    @Test
    void with_several_urls_a_failing_one_has_every_url_tried_again_and_the_others_drop_the_repeat_by_its_key()
            throws Exception {
        try (Receiver down = Receiver.start()) {
            down.answer(503).otherwise(200);
            Recording port = new Recording(WebhookNotifier.builder().secret(SECRET)
                    .url(receiver.url()).url(down.url()).build());
            Shop shop = new Shop(port);

            shop.bookCut();
            WebhookDeliveryException failure = assertInstanceOf(WebhookDeliveryException.class, port.last());
            assertTrue(failure.getMessage().contains(receiver.url() + ": delivered (200)"), failure.getMessage());
            assertTrue(failure.getMessage().contains(down.url() + ": answered 503"), failure.getMessage());
            assertEquals(1, receiver.received().size());

            shop.clock.add(FIRST_BACKOFF);
            assertEquals(1, shop.engine.dispatchNotifications());
            assertEquals(2, receiver.received().size(), "the URL that took it gets it again");
            assertEquals(2, down.received().size());
            assertEquals(receiver.received().get(0).header("Idempotency-Key"),
                    receiver.received().get(1).header("Idempotency-Key"), "with the key it dedupes by");
            assertEquals(receiver.received().get(1).header("Idempotency-Key"),
                    down.received().get(1).header("Idempotency-Key"));
            assertTrue(shop.parked().isEmpty());
        }
    }

    @Test
    void a_refusal_beside_a_failure_is_retried_until_only_the_refusal_is_left_and_then_parked() throws Exception {
        try (Receiver gone = Receiver.start()) {
            receiver.answer(500).otherwise(200);
            gone.otherwise(410);
            Recording port = new Recording(WebhookNotifier.builder().secret(SECRET)
                    .url(receiver.url()).url(gone.url()).build());
            Shop shop = new Shop(port);

            shop.bookCut();
            assertInstanceOf(WebhookDeliveryException.class, port.last(), "the 500 may pass: retried");
            assertTrue(shop.parked().isEmpty());

            shop.clock.add(FIRST_BACKOFF);
            assertEquals(0, shop.engine.dispatchNotifications());
            io.bookingkit.notify.UndeliverableException refused =
                    assertInstanceOf(io.bookingkit.notify.UndeliverableException.class, port.last());
            assertTrue(refused.getMessage().contains(gone.url() + ": answered 410"), refused.getMessage());
            assertTrue(refused.getMessage().contains(receiver.url() + ": delivered (200)"), refused.getMessage());
            assertEquals(1, shop.parked().size(), "parked once the other URL has it");
            assertEquals(2, receiver.received().size());
            assertEquals(2, gone.received().size());
        }
    }

    private static WebhookNotifier notifier(String url) {
        return WebhookNotifier.builder().url(url).secret(SECRET).build();
    }
}
