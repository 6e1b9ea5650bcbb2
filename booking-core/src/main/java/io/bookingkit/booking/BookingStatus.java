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
    /**
     * Agreed: the seats are the customer's. Reached from a hold when the template confirms
     * instantly, or when staff confirm a pending booking.
     */
    CONFIRMED,
    /** Staff started it; its time is being used. */
    IN_PROGRESS,
    /** It took place: staff completed it after it started. */
    COMPLETED,
    /** Called off before it took place, by the customer, staff, an administrator or the system. */
    CANCELLED,
    /** Staff or an administrator refused the pending booking, with a reason. */
    DECLINED,
    /**
     * The customer did not come: staff marked it once its start had passed. It held its seats until
     * then.
     */
    NO_SHOW,
    /** A hold or pending booking whose time ran out. */
    EXPIRED;

    /**
     * Whether bookings in this status use their seats (until their expiry, if they have one).
     *
     * @return true for HELD, PENDING, CONFIRMED and IN_PROGRESS
     */
    public boolean blocksTime() {
        return this == HELD || this == PENDING || this == CONFIRMED || this == IN_PROGRESS;
    }

    /**
     * Whether a booking reaches this status only through PENDING or CONFIRMED (see
     * {@link Lifecycle}), so that it was requested whatever its history holds: PENDING, CONFIRMED,
     * IN_PROGRESS, COMPLETED, NO_SHOW and DECLINED.
     *
     * @return true for PENDING, CONFIRMED, IN_PROGRESS, COMPLETED, NO_SHOW and DECLINED
     */
    public boolean impliesRequest() {
        return this == PENDING || this == CONFIRMED || this == IN_PROGRESS || this == COMPLETED || this == NO_SHOW
                || this == DECLINED;
    }

    /**
     * Whether the booking will not take place: it was cancelled, declined or expired.
     *
     * @return true for CANCELLED, DECLINED and EXPIRED
     */
    public boolean isCalledOff() {
        return this == CANCELLED || this == DECLINED || this == EXPIRED;
    }

    /**
     * Whether no transition leaves this status.
     *
     * @return true for COMPLETED, CANCELLED, DECLINED, NO_SHOW and EXPIRED
     */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == DECLINED || this == NO_SHOW || this == EXPIRED;
    }
}
