package io.bookingkit.notify;

/** What a notification tells its recipient. */
public enum NotificationKind {
    REQUESTED,
    HELD,
    CONFIRMED,
    DECLINED,
    CANCELLED,
    RESCHEDULED,
    STARTED,
    COMPLETED,
    NO_SHOW,
    EXPIRED,
    /** Sent ahead of a booking, at one of the template's reminder offsets. */
    REMINDER,
    /**
     * Seats freed up for the recipient's waitlist entry and are held for them until the offer's
     * expiry: confirming the {@code HELD} booking accepts them.
     */
    WAITLIST_OFFER
}
