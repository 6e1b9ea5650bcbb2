package io.bookingkit.waitlist;

/** Where a waitlist entry stands. */
public enum WaitlistStatus {
    /** In the queue: no seat has been offered yet. */
    WAITING,
    /** Seats are held for the entry, as a {@code HELD} booking, until the offer's expiry. */
    OFFERED,
    /** The customer accepted the offer: the booking is theirs. */
    BOOKED,
    /** The offer ran out, or the session started (or was cancelled) while the entry waited. */
    EXPIRED,
    /** The customer left the list, or declined the offer by cancelling it. */
    LEFT;

    /**
     * Whether the entry is still in the queue: waiting, or holding an offer.
     *
     * @return true for {@code WAITING} and {@code OFFERED}
     */
    public boolean isOpen() {
        return this == WAITING || this == OFFERED;
    }
}
