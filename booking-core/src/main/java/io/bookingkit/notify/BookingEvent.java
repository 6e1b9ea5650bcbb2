package io.bookingkit.notify;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import java.time.Instant;

/**
 * Something that happened to a booking, delivered to {@link BookingListener}s after the unit of
 * work that made it committed; never for work that rolled back.
 *
 * @param kind    what happened
 * @param booking the booking as it is now
 * @param at      when it happened
 */
public record BookingEvent(Kind kind, Booking booking, Instant at) {

    /** Validates the components. */
    public BookingEvent {
        Require.nonNull(kind, "kind");
        Require.nonNull(booking, "booking");
        Require.nonNull(at, "at");
    }

    /** What happened. */
    public enum Kind {
        REQUESTED, HELD, CONFIRMED, DECLINED, CANCELLED, RESCHEDULED, STARTED, COMPLETED, NO_SHOW, EXPIRED,
        /** Seats were held for a waitlist entry: the booking is the offer. */
        WAITLIST_OFFER,
        /** The free time of the booking's resources changed; slot lists of them are out of date. */
        AVAILABILITY_CHANGED
    }
}
