package io.bookingkit.notify.webhook;

import static io.bookingkit.notify.webhook.Shop.ANA;
import static io.bookingkit.notify.webhook.Shop.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a receiver gets for a scripted booking: signed requests it verifies with its own HMAC, and
 * JSON of the documented shape, field by field.
 */
class WebhookDeliveryTest {

    private static final String SECRET = "whsec-3f1c9a7e-shared";

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
    void book_confirm_cancel_arrive_signed_with_the_documented_json() {
        Shop shop = new Shop(WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build());

        Booking requested = shop.bookConsult();
        Booking confirmed = shop.engine.confirm(requested.id(), OWNER);
        Booking cancelled = shop.engine.cancel(requested.id(), ANA, "cannot come");

        List<Receiver.Request> requests = receiver.received();
        assertEquals(3, requests.size(), "one request per change, delivered after each");
        Instant now = Instant.now();
        List<Booking> asDelivered = List.of(requested, confirmed, cancelled);
        List<String> kinds = List.of("REQUESTED", "CONFIRMED", "CANCELLED");
        List<String> methods = List.of("REQUEST", "REQUEST", "CANCEL");
        for (int i = 0; i < 3; i++) {
            Receiver.Request request = requests.get(i);
            Booking booking = asDelivered.get(i);
            String kind = kinds.get(i);

            assertEquals("POST", request.method());
            assertEquals("/hook", request.path());
            assertEquals("application/json", request.header("Content-Type"));
            assertEquals(WebhookNotifier.DEFAULT_USER_AGENT, request.header("User-Agent"));
            assertTrue(request.verifies(SECRET, now), "the signature verifies with the test's own HMAC");
            long timestamp = Long.parseLong(request.header("Bookingkit-Timestamp"));
            assertTrue(Math.abs(timestamp - request.at().getEpochSecond()) <= 2,
                    "signed when sent, by the system clock, not the engine's: " + timestamp);

            JsonNode json = request.json();
            assertNoNulls(json, "$");
            assertEquals(List.of("schema", "kind", "dedupeKey", "recipient", "locale", "booking", "calendar"),
                    fieldNames(json), "no channel outside reminders");
            assertEquals(1, json.get("schema").intValue());
            assertTrue(json.get("schema").isIntegralNumber());
            assertEquals(kind, json.get("kind").textValue());
            String dedupeKey = requested.id() + ":" + kind + ":v" + booking.version();
            assertEquals(dedupeKey, json.get("dedupeKey").textValue());
            assertEquals(dedupeKey, request.header("Idempotency-Key"));
            assertEquals("ana", json.get("recipient").textValue());
            assertEquals("es-AR", json.get("locale").textValue());

            JsonNode b = json.get("booking");
            assertEquals(List.of("id", "tenant", "template", "resources", "start", "end", "status", "version"),
                    fieldNames(b));
            assertEquals(requested.id(), b.get("id").textValue());
            assertEquals("shop", b.get("tenant").textValue());
            assertEquals("consult", b.get("template").textValue());
            assertEquals(1, b.get("resources").size());
            assertEquals("chair-1", b.get("resources").get(0).textValue());
            assertTrue(b.get("start").isTextual() && b.get("end").isTextual(), "instants are strings, never numbers");
            assertEquals("2026-03-02T15:00:00Z", b.get("start").textValue());
            assertEquals("2026-03-02T15:45:00Z", b.get("end").textValue());
            assertEquals(booking.status().name(), b.get("status").textValue());
            assertTrue(b.get("version").isIntegralNumber());
            assertEquals(booking.version(), b.get("version").longValue());

            JsonNode calendar = json.get("calendar");
            assertEquals(List.of("fileName", "mediaType", "text"), fieldNames(calendar));
            assertEquals("booking-" + requested.id() + ".ics", calendar.get("fileName").textValue());
            assertEquals("text/calendar; charset=UTF-8; method=" + methods.get(i), calendar.get("mediaType").textValue());
            String ics = calendar.get("text").textValue();
            assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics);
            assertTrue(ics.contains("METHOD:" + methods.get(i) + "\r\n"), ics);
        }
        assertEquals(List.of(BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CANCELLED),
                asDelivered.stream().map(Booking::status).toList());
        assertEquals(0, shop.dueBy(Duration.ofDays(1)), "all delivered, nothing left");
        assertTrue(shop.parked().isEmpty());
    }

    @Test
    void the_test_verification_refuses_a_changed_body_another_secret_and_an_old_timestamp() {
        Shop shop = new Shop(WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build());
        shop.bookCut();
        Receiver.Request request = receiver.received().get(0);
        String timestamp = request.header("Bookingkit-Timestamp");
        String signature = request.header("Bookingkit-Signature");
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();

        assertTrue(signature.matches("v1=[0-9a-f]{64}"), signature);
        assertTrue(Receiver.verify(secret, timestamp, signature, request.body(), now));
        byte[] changed = request.body().clone();
        changed[changed.length / 2] ^= 1;
        assertFalse(Receiver.verify(secret, timestamp, signature, changed, now), "a changed body");
        assertFalse(Receiver.verify("another".getBytes(StandardCharsets.UTF_8), timestamp, signature,
                request.body(), now), "another secret");
        assertFalse(Receiver.verify(secret, Long.toString(Long.parseLong(timestamp) + 1), signature,
                request.body(), now), "another timestamp");
        assertFalse(Receiver.verify(secret, timestamp, signature, request.body(), now.plus(Duration.ofMinutes(6))),
                "a timestamp older than five minutes");
    }

    @Test
    void a_reminder_names_its_channel() {
        Shop shop = new Shop(WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build());
        Booking cut = shop.bookCut();

        shop.clock.setInstant(Shop.NOON.minus(Duration.ofHours(1)));
        assertEquals(1, shop.engine.dispatchNotifications());

        List<Receiver.Request> requests = receiver.received();
        assertEquals(2, requests.size());
        JsonNode reminder = requests.get(1).json();
        assertNoNulls(reminder, "$");
        assertEquals("REMINDER", reminder.get("kind").textValue());
        assertEquals("email", reminder.get("channel").textValue());
        assertEquals(List.of("schema", "kind", "dedupeKey", "recipient", "channel", "locale", "booking", "calendar"),
                fieldNames(reminder));
        assertEquals(cut.id(), reminder.get("booking").get("id").textValue());
        assertEquals(reminder.get("dedupeKey").textValue(), requests.get(1).header("Idempotency-Key"));
        assertTrue(requests.get(1).verifies(SECRET, Instant.now()));
    }

    @Test
    void each_url_is_signed_with_its_own_secret_or_the_shared_one() throws Exception {
        try (Receiver second = Receiver.start(); Receiver third = Receiver.start()) {
            Shop shop = new Shop(WebhookNotifier.builder()
                    .secret(SECRET)
                    .url(receiver.url())
                    .url(second.url(), "second-secret")
                    .url(third.url())
                    .build());
            shop.bookCut();
            Instant now = Instant.now();

            Receiver.Request first = receiver.received().get(0);
            Receiver.Request other = second.received().get(0);
            Receiver.Request last = third.received().get(0);
            assertTrue(first.verifies(SECRET, now));
            assertFalse(first.verifies("second-secret", now));
            assertTrue(other.verifies("second-secret", now));
            assertFalse(other.verifies(SECRET, now));
            assertTrue(last.verifies(SECRET, now));
            assertEquals(first.header("Idempotency-Key"), other.header("Idempotency-Key"));
            assertEquals(new String(first.body(), StandardCharsets.UTF_8), new String(other.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_dedupe_key_that_a_header_cannot_carry_is_percent_encoded_there_and_verbatim_in_the_body() {
        AtomicInteger ids = new AtomicInteger();
        Shop shop = new Shop(WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build(),
                () -> "büro 100%-" + ids.incrementAndGet());
        Booking cut = shop.bookCut();

        Receiver.Request request = receiver.received().get(0);
        String dedupeKey = cut.id() + ":CONFIRMED:v" + cut.version();
        assertEquals(dedupeKey, request.json().get("dedupeKey").textValue());
        assertEquals(dedupeKey.replace("ü", "%C3%BC").replace("%-", "%25-").replace(" ", "%20"),
                request.header("Idempotency-Key"));
        assertTrue(request.verifies(SECRET, Instant.now()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertNoNulls(JsonNode node, String path) {
        assertFalse(node.isNull(), path + " is null");
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                assertNoNulls(node.get(name), path + "." + name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertNoNulls(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
