package io.bookingkit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * {@link Changes} is the one place that decides which changes a write makes, including the ones
 * no engine operation reaches yet (a write at the same time and status is {@code UPDATED}; a
 * move to other resources at the same time is a move). {@link Change} refuses parts that do not
 * fit, so that a store never holds a change a reader cannot act on.
 */
class ChangesTest {

    private static final Instant T0 = Instant.parse("2026-09-15T09:00:00Z");
    private static final Interval HOUR = Interval.of(Instant.parse("2026-09-15T11:00:00Z"), Duration.ofHours(1));
    private static final Interval OCCUPIED = Interval.of(HOUR.getStart().minusSeconds(600), HOUR.getEnd().plusSeconds(600));
    private static final Actor STAFF = Actor.staff("club", "coach", Set.of("court"));

    private final Booking booked = Booking.builder().id("b1").tenantId("club").resourceIds(List.of("court", "coach"))
            .customerId("ana").templateName("lesson").interval(HOUR).occupied(OCCUPIED).partySize(1)
            .status(BookingStatus.CONFIRMED).requestHash("h").createdAt(T0).updatedAt(T0).build();

    @Test
    void aNewBookingIsCreatedOnEachOfItsResourcesOverItsOccupiedTime() {
        assertEquals(List.of(change("court", OCCUPIED, ChangeKind.CREATED, BookingStatus.CONFIRMED, T0),
                change("coach", OCCUPIED, ChangeKind.CREATED, BookingStatus.CONFIRMED, T0)),
                Changes.of(Optional.empty(), booked));
    }

    @Test
    void aWriteAtTheSameTimeAndStatusIsAnUpdate() {
        Instant later = T0.plusSeconds(60);
        Booking touched = booked.toBuilder().partySize(2).version(booked.version() + 1).updatedAt(later).build();

        assertEquals(List.of(change("court", OCCUPIED, ChangeKind.UPDATED, BookingStatus.CONFIRMED, later),
                change("coach", OCCUPIED, ChangeKind.UPDATED, BookingStatus.CONFIRMED, later)),
                Changes.of(Optional.of(booked), touched));
    }

    @Test
    void anotherStatusAtTheSameTimeIsAStatusChange() {
        Instant later = T0.plusSeconds(60);
        Booking cancelled = booked.transitioned(BookingStatus.CANCELLED, STAFF, later, "rain");

        assertEquals(List.of(ChangeKind.STATUS_CHANGED, ChangeKind.STATUS_CHANGED),
                Changes.of(Optional.of(booked), cancelled).stream().map(Change::kind).toList());
        assertTrue(Changes.of(Optional.of(booked), cancelled).stream()
                .allMatch(c -> c.status().equals(Optional.of(BookingStatus.CANCELLED)) && c.at().equals(later)));
    }

    @Test
    void aMoveToOtherResourcesAtTheSameTimeFreesTheOldOnesAndTakesTheNew() {
        Booking reassigned = booked.toBuilder().resourceIds(List.of("court-2")).version(booked.version() + 1).build();

        assertEquals(List.of(change("court", OCCUPIED, ChangeKind.RESCHEDULED, BookingStatus.CONFIRMED, T0),
                change("coach", OCCUPIED, ChangeKind.RESCHEDULED, BookingStatus.CONFIRMED, T0),
                change("court-2", OCCUPIED, ChangeKind.RESCHEDULED, BookingStatus.CONFIRMED, T0)),
                Changes.of(Optional.of(booked), reassigned));
    }

    @Test
    void aMoveInTimeCoversTheTimeLeftAndTheTimeTaken() {
        Interval newHour = Interval.of(HOUR.getStart().plus(Duration.ofHours(3)), Duration.ofHours(1));
        Interval newOccupied = Interval.of(newHour.getStart().minusSeconds(600), newHour.getEnd().plusSeconds(600));
        Booking moved = booked.movedTo(newHour, newOccupied, STAFF, T0, "");

        assertEquals(List.of(OCCUPIED, OCCUPIED, newOccupied, newOccupied),
                Changes.of(Optional.of(booked), moved).stream().map(Change::interval).toList());
    }

    @Test
    void aResourceChangeCoversAllTimeAndNamesNoBooking() {
        Resource court = Resource.of("club", "court", "Court", OpeningHours.parse("Mo-Su 08:00-20:00", ZoneOffset.UTC));

        Change change = Changes.ofResource(court, T0);

        assertEquals(new Change("club", "court", Interval.ALL, ChangeKind.RESOURCE_CHANGED, Optional.empty(),
                Optional.empty(), T0), change);
        assertTrue(change.affects(HOUR));
    }

    @Test
    void aChangeWhosePartsDoNotFitIsRefused() {
        assertThrows(InvalidRequestException.class, () -> new Change("club", "court", HOUR,
                ChangeKind.RESOURCE_CHANGED, Optional.empty(), Optional.empty(), T0));
        assertThrows(InvalidRequestException.class, () -> new Change("club", "court", Interval.ALL,
                ChangeKind.RESOURCE_CHANGED, Optional.of("b1"), Optional.empty(), T0));
        assertThrows(InvalidRequestException.class, () -> new Change("club", "court", HOUR,
                ChangeKind.CREATED, Optional.empty(), Optional.of(BookingStatus.CONFIRMED), T0));
        assertThrows(InvalidRequestException.class, () -> new Change("club", "court", HOUR,
                ChangeKind.CREATED, Optional.of("b1"), Optional.empty(), T0));
        assertThrows(InvalidRequestException.class, () -> new Change("club", "court", Interval.ALL,
                ChangeKind.CREATED, Optional.of("b1"), Optional.of(BookingStatus.CONFIRMED), T0));
        assertThrows(InvalidRequestException.class, () -> new Change("club", "court", Interval.of(T0, T0),
                ChangeKind.CREATED, Optional.of("b1"), Optional.of(BookingStatus.CONFIRMED), T0));
    }

    @Test
    void aChangeAffectsTheWindowsItOverlaps() {
        Change created = Changes.of(Optional.empty(), booked).get(0);

        assertTrue(created.affects(Interval.of(HOUR.getEnd(), Duration.ofMinutes(5))), "the buffer after the hour");
        assertFalse(created.affects(Interval.of(OCCUPIED.getEnd(), Duration.ofMinutes(5))));
    }

    private Change change(String resourceId, Interval interval, ChangeKind kind, BookingStatus status, Instant at) {
        return new Change("club", resourceId, interval, kind, Optional.of("b1"), Optional.of(status), at);
    }
}
