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

    /**
     * Validates the components.
     *
     * @param kind    what happened
     * @param booking the booking as it is now
     * @param at      when it happened
     */
    public BookingEvent {
        Require.nonNull(kind, "kind");
        Require.nonNull(booking, "booking");
        Require.nonNull(at, "at");
    }

    /** What happened. */
    public enum Kind {
        /** The booking became {@code PENDING}: made as a request, or a hold completed into one. */
        REQUESTED,
        /** The booking was made as a hold. */
        HELD,
        /** The booking became {@code CONFIRMED}: made so, or confirmed later. */
        CONFIRMED,
        /** Staff or an administrator declined the pending booking. */
        DECLINED,
        /** The booking was cancelled. */
        CANCELLED,
        /** The booking moved to another time. */
        RESCHEDULED,
        /** The booking became {@code IN_PROGRESS}. */
        STARTED,
        /** The booking became {@code COMPLETED}. */
        COMPLETED,
        /** The booking was marked {@code NO_SHOW}. */
        NO_SHOW,
        /** The hold or pending booking was marked {@code EXPIRED}. */
        EXPIRED,
        /** Seats were held for a waitlist entry: the booking is the offer. */
        WAITLIST_OFFER,
        /** The free time of the booking's resources changed; slot lists of them are out of date. */
        AVAILABILITY_CHANGED
    }
}
