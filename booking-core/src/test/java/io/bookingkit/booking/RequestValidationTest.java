package io.bookingkit.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Digests;
import io.bookingkit.slot.SlotQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Optional parts of requests, queries and bookings are validated when present, with a message
 * that names the part: an empty optional is fine, a bad value inside one is not.
 */
class RequestValidationTest {

    private static final Instant START = Instant.parse("2031-03-12T13:00:00Z");
    private static final String BLANK = " ";
    private static final String PADDED = " key";

    private static BookingRequest.Builder request() {
        return BookingRequest.builder().template("barber").resource("chair-1").start(START);
    }

    private static SlotQuery.Builder query() {
        return SlotQuery.builder().tenant("shop").template("barber").resource("chair-1")
                .window(Interval.of(START, Duration.ofHours(8)));
    }

    private static void refused(String part, Supplier<?> build) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, build::get);
        assertTrue(e.getMessage().startsWith(part + " "), e.getMessage());
    }

    @Test
    void a_booking_requests_optional_parts_are_checked_when_given() {
        refused("duration", () -> request().duration(Duration.ZERO).build());
        refused("partySize", () -> request().partySize(0).build());
        refused("customerId", () -> request().customer(BLANK).build());
        refused("idempotencyKey", () -> request().idempotencyKey(PADDED).build());
        refused("forceReason", () -> request().forceOverlap(BLANK).build());
        BookingRequest fine = request().duration(Duration.ofMinutes(30)).partySize(2).customer("ana")
                .idempotencyKey("k-1").forceOverlap("storm").build();
        assertEquals(Optional.of(Duration.ofMinutes(30)), fine.duration());
    }

    @Test
    void a_slot_querys_optional_parts_are_checked_when_given() {
        refused("duration", () -> query().duration(Duration.ofMinutes(-5)).build());
        refused("partySize", () -> query().partySize(0).build());
        refused("customerId", () -> query().customer(PADDED).build());
        ZoneId zone = ZoneId.of("Europe/Madrid");
        SlotQuery fine = query().displayZone(zone).partySize(2).duration(Duration.ofMinutes(45)).build();
        assertEquals(Optional.of(zone), fine.displayZone());
        assertEquals(2, fine.partySize().orElseThrow());
    }

    @Test
    void a_bookings_key_and_series_are_checked_when_given() {
        Booking.Builder booking = Booking.builder().id("b-1").tenantId("shop").resourceIds(List.of("chair-1"))
                .customerId("ana").templateName("barber").interval(Interval.of(START, Duration.ofMinutes(30)))
                .status(BookingStatus.CONFIRMED).createdAt(START);
        refused("idempotencyKey", () -> booking.idempotencyKey(Optional.of(PADDED)).build());
        booking.idempotencyKey(Optional.empty());
        refused("seriesId", () -> booking.series(Optional.of(new SeriesLink(BLANK, 0))).build());
        refused("series index", () -> booking.series(Optional.of(new SeriesLink("s-1", -1))).build());
        booking.series(Optional.of(new SeriesLink("s-1", 4)));
        assertEquals(Optional.of(new SeriesLink("s-1", 4)), booking.build().series());
    }

    @Test
    void a_resource_id_with_a_comma_is_no_two_resources_and_plain_ids_keep_their_fingerprints() {
        Instant start = Instant.parse("2031-03-12T10:00:00Z");
        BookingRequest one = BookingRequest.builder().template("t").resource("a,b").start(start).build();
        BookingRequest two = BookingRequest.builder().template("t").resource("a").resource("b").start(start).build();
        assertTrue(!one.fingerprint("acme", "ana").equals(two.fingerprint("acme", "ana")),
                "a key used for a booking on \"a,b\" must not replay for one on \"a\" and \"b\"");

        // The canonical form stored before ids were escaped, for the ids that need no escaping:
        // a key used before the upgrade still replays its booking after it.
        String stored = Digests.sha256Hex(String.join("\u0000", "acme", "t", "a,b", "", start.toString(), "", "",
                "ana", "", ""));
        assertEquals(stored, two.fingerprint("acme", "ana"));
    }
}
