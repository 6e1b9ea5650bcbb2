package io.bookingkit.notify;

/** What a notification tells its recipient. */
public enum NotificationKind {
    /** The booking is a request that waits for staff to confirm it. */
    REQUESTED,
    /** Seats are held for the recipient for a short while. */
    HELD,
    /** The booking is confirmed. */
    CONFIRMED,
    /** Staff or an administrator declined the request. */
    DECLINED,
    /** The booking was cancelled. */
    CANCELLED,
    /** The booking moved to another time. */
    RESCHEDULED,
    /** The booking has started. */
    STARTED,
    /** The booking is completed. */
    COMPLETED,
    /** The recipient was marked as not having come. */
    NO_SHOW,
    /** The hold or request ran out before it was confirmed. */
    EXPIRED,
    /** Sent ahead of a booking, at one of the template's reminder offsets. */
    REMINDER,
    /**
     * Seats freed up for the recipient's waitlist entry and are held for them until the offer's
     * expiry: confirming the {@code HELD} booking accepts them.
     */
    WAITLIST_OFFER
}
