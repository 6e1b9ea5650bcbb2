package io.bookingkit.booking;

/**
 * Where a booking stands. {@link #HELD}, {@link #PENDING}, {@link #CONFIRMED} and
 * {@link #IN_PROGRESS} block time (a hold or an unconfirmed booking only until its expiry
 * instant); the others do not.
 */
public enum BookingStatus {
    /** Seats kept for a short while, for example during checkout; expires on its own. */
    HELD,
    /** Awaits confirmation by staff; expires if nobody confirms it in time. */
    PENDING,
    CONFIRMED,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    DECLINED,
    NO_SHOW,
    /** A hold or pending booking whose time ran out. */
    EXPIRED;

    /** Whether bookings in this status use their seats (until their expiry, if they have one). */
    public boolean blocksTime() {
        return this == HELD || this == PENDING || this == CONFIRMED || this == IN_PROGRESS;
    }

    /**
     * Whether a booking reaches this status only through PENDING or CONFIRMED (see
     * {@link Lifecycle}), so that it was requested whatever its history holds: PENDING, CONFIRMED,
     * IN_PROGRESS, COMPLETED, NO_SHOW and DECLINED.
     */
    public boolean impliesRequest() {
        return this == PENDING || this == CONFIRMED || this == IN_PROGRESS || this == COMPLETED || this == NO_SHOW
                || this == DECLINED;
    }

    /** Whether the booking will not take place: it was cancelled, declined or expired. */
    public boolean isCalledOff() {
        return this == CANCELLED || this == DECLINED || this == EXPIRED;
    }

    /** Whether no transition leaves this status. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == DECLINED || this == NO_SHOW || this == EXPIRED;
    }
}
