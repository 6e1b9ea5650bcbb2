package io.bookingkit.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.BookingRequest;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.template.Quorum;
import io.bookingkit.template.WaitlistSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** The waitlist's value types refuse what cannot be, naming it. */
class WaitlistTypesTest {

    private static final Instant START = Instant.parse("2026-03-02T17:00:00Z");

    @Test
    void a_request_waits_on_one_resource_or_any_of_a_pool_with_no_key_and_no_force() {
        assertEquals(List.of("a", "b"), WaitlistRequest.builder().template("yoga").anyOf("a", "b").start(START).build()
                .booking().resourceIds());
        assertEquals(List.of("a"), WaitlistRequest.builder().template("yoga").resource("a").start(START).build()
                .booking().resourceIds());
        assertRefused(() -> new WaitlistRequest(BookingRequest.builder().template("yoga").allOf("a", "b").start(START)
                .build()), "all together");
        assertEquals(List.of("a"), new WaitlistRequest(BookingRequest.builder().template("yoga").allOf("a").start(START)
                .build()).booking().resourceIds(), "one resource is one resource, however it is asked for");
        assertRefused(() -> new WaitlistRequest(BookingRequest.builder().template("yoga").resource("a").start(START)
                .idempotencyKey("k").build()), "idempotency key");
        assertRefused(() -> new WaitlistRequest(BookingRequest.builder().template("yoga").resource("a").start(START)
                .forceOverlap("why").build()), "force");
    }

    @Test
    void an_entry_names_a_valid_offer_when_it_has_one() {
        assertRefused(() -> entry(WaitlistStatus.OFFERED, Optional.empty()), "must name its offer");
        assertRefused(() -> entry(WaitlistStatus.BOOKED, Optional.of(" ")), "offerId");
        assertEquals(WaitlistStatus.OFFERED, entry(WaitlistStatus.OFFERED, Optional.of("o1")).status());
    }

    @Test
    void settings_refuse_a_limit_of_nothing_and_an_offer_that_cannot_last() {
        assertRefused(() -> new WaitlistSettings(OptionalInt.of(0), Duration.ZERO, Duration.ofHours(1)), "perCustomer");
        assertRefused(() -> new WaitlistSettings(OptionalInt.empty(), Duration.ofHours(-1), Duration.ofHours(1)), "close");
        assertRefused(() -> new WaitlistSettings(OptionalInt.empty(), Duration.ZERO, Duration.ZERO), "offerTtl");
        assertEquals(OptionalInt.of(1), new WaitlistSettings(OptionalInt.of(1), Duration.ZERO, Duration.ofSeconds(1))
                .perCustomer());
        assertEquals(START, WaitlistSettings.DEFAULTS.offerExpiresAt(START, START.minus(Duration.ofMinutes(30))),
                "never past the start");
        assertRefused(() -> new Quorum(0, Duration.ZERO), "minSeats");
        assertRefused(() -> new Quorum(2, Duration.ofHours(-1)), "deadline");
    }

    @Test
    void an_entry_is_seen_by_its_customer_staff_of_its_resources_and_admins_of_its_tenant_only() {
        WaitlistEntry e = entry(WaitlistStatus.WAITING, Optional.empty());
        assertTrue(Waitlists.maySee(io.bookingkit.booking.Actor.customer("t", "c"), e));
        assertTrue(Waitlists.maySee(io.bookingkit.booking.Actor.staff("t", "s", java.util.Set.of("a")), e));
        assertTrue(Waitlists.maySee(io.bookingkit.booking.Actor.admin("t", "boss"), e));
        org.junit.jupiter.api.Assertions.assertFalse(Waitlists.maySee(io.bookingkit.booking.Actor.customer("t", "d"), e));
        org.junit.jupiter.api.Assertions.assertFalse(Waitlists.maySee(
                io.bookingkit.booking.Actor.staff("t", "s", java.util.Set.of("b")), e));
        org.junit.jupiter.api.Assertions.assertFalse(Waitlists.maySee(io.bookingkit.booking.Actor.admin("other", "boss"), e));
    }

    private static WaitlistEntry entry(WaitlistStatus status, Optional<String> offer) {
        return new WaitlistEntry("e1", "t", "c", "yoga", List.of("a"), Interval.of(START, Duration.ofHours(1)), 1, status,
                1, offer, Locale.ENGLISH, START, START, 0);
    }

    private static void assertRefused(Runnable make, String fragment) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, make::run);
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' should name '" + fragment + "'");
    }
}
