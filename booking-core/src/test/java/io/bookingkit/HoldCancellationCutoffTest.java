package io.bookingkit;

import io.bookingkit.policy.PolicyViolationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * The customer's cancellation cutoff protects the business from late cancellations of bookings
 * it counts on; a hold is only seats kept during checkout, so the customer may always let it go,
 * however close its start.
 *
 * <p>Both templates have a 24-hour cutoff and no minimum notice; it is Tuesday 15 September
 * 2026, 09:00 in Vienna, and the court is open all day.
 */
class HoldCancellationCutoffTest {

    private static final String TENANT = "club";
    private static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
    private static final LocalDate TUESDAY = LocalDate.of(2026, 9, 15);
    private static final ServiceTemplate LESSON = ServiceTemplate.builder("lesson").duration(Duration.ofHours(1))
            .cancellationCutoff(Duration.ofHours(24)).holdDuration(Duration.ofMinutes(15)).build();
    private static final ServiceTemplate TRIAL = ServiceTemplate.builder("trial").duration(Duration.ofHours(1))
            .cancellationCutoff(Duration.ofHours(24)).holdDuration(Duration.ofMinutes(15))
            .requiresConfirmation(Duration.ofHours(12)).build();
    private static final Actor ANA = Actor.customer(TENANT, "ana");
    private static final Actor COACH = Actor.staff(TENANT, "coach", Set.of("court"));

    private final MutableClock clock = MutableClock.of(at(TUESDAY, 9), ZONE);
    private final BookingEngine engine = BookingEngine.builder().store(new InMemoryBookingStore()).clock(clock)
            .templates(TemplateCatalog.of(LESSON, TRIAL)).build();

    HoldCancellationCutoffTest() {
        engine.resources().register(Resource.of(TENANT, "court", "Court", OpeningHours.parse("Mo-Su 07:00-22:00", ZONE)));
    }

    @Test
    void aCustomerMayCancelTheirHoldThatStartsWithinTheCutoff() {
        Booking hold = engine.hold(request("lesson", at(TUESDAY, 11)), ANA); // starts in 2 hours
        assertEquals(BookingStatus.HELD, hold.status());
        clock.add(Duration.ofMinutes(5)); // still held

        Booking cancelled = engine.cancel(hold.id(), ANA, "");

        assertEquals(BookingStatus.CANCELLED, cancelled.status());
        assertEquals(BookingStatus.CANCELLED, engine.find(hold.id(), ANA).orElseThrow().status());
        assertTrue(freeStarts("lesson").contains(at(TUESDAY, 11)), "the held hour is free again");
    }

    @Test
    void aHoldOfATemplateThatNeedsConfirmationMayBeCancelledToo() {
        Booking hold = engine.hold(request("trial", at(TUESDAY, 10)), ANA); // starts in 1 hour
        assertEquals(BookingStatus.HELD, hold.status());

        assertEquals(BookingStatus.CANCELLED, engine.cancel(hold.id(), ANA, "").status());
    }

    @Test
    void aConfirmedBookingWithinTheCutoffIsNotTheCustomersToCancel() {
        Booking booked = engine.book(request("lesson", at(TUESDAY, 11)), ANA); // within the cutoff from the start
        assertEquals(BookingStatus.CONFIRMED, booked.status());

        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine.cancel(booked.id(), ANA, "cannot make it"));

        assertEquals(List.of("cancellation-cutoff"), late.codes());
        assertEquals(booked, engine.find(booked.id(), ANA).orElseThrow());
        assertEquals(BookingStatus.CANCELLED, engine.cancel(booked.id(), COACH, "rain").status());
    }

    @Test
    void aCompletedHoldIsABookingAndTheCutoffApplies() {
        Booking hold = engine.hold(request("lesson", at(TUESDAY, 11)), ANA);
        Booking confirmed = engine.confirm(hold.id(), ANA);
        assertEquals(BookingStatus.CONFIRMED, confirmed.status());

        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine.cancel(confirmed.id(), ANA, ""));
        assertEquals(List.of("cancellation-cutoff"), late.codes());
    }

    @Test
    void aPendingRequestWithinTheCutoffIsNotTheCustomersToCancel() {
        Booking pending = engine.book(request("trial", at(TUESDAY, 11)), ANA);
        assertEquals(BookingStatus.PENDING, pending.status());

        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine.cancel(pending.id(), ANA, ""));
        assertEquals(List.of("cancellation-cutoff"), late.codes());
    }

    @Test
    void aBookingMadeInTimeFallsWithinTheCutoffAsTheClockMoves() {
        Booking booked = engine.book(request("lesson", at(TUESDAY.plusDays(2), 11)), ANA);

        clock.setInstant(at(TUESDAY.plusDays(2), 9)); // two hours before
        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine.cancel(booked.id(), ANA, ""));
        assertEquals(List.of("cancellation-cutoff"), late.codes());

        // A hold made now for noon, three hours ahead, may still be let go.
        Booking hold = engine.hold(request("lesson", at(TUESDAY.plusDays(2), 12)), ANA);
        assertEquals(BookingStatus.CANCELLED, engine.cancel(hold.id(), ANA, "").status());
    }

    private static Instant at(LocalDate day, int hour) {
        return WallClock.toInstant(day, LocalTime.of(hour, 0), ZONE);
    }

    private static BookingRequest request(String template, Instant start) {
        return BookingRequest.builder().template(template).resource("court").start(start).build();
    }

    private List<Instant> freeStarts(String template) {
        return engine.availableSlots(SlotQuery.builder().tenant(TENANT).template(template).resource("court")
                .window(Interval.of(at(TUESDAY, 0), at(TUESDAY, 23))).build()).stream()
                .map(Slot::interval).map(Interval::getStart).toList();
    }
}
