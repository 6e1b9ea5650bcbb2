package io.bookingkit.feed;

/** What happened to make a resource's availability change. */
public enum ChangeKind {
    /** A booking (a hold, a pending booking, a seat in a session, ...) was made. */
    CREATED,
    /** A booking's status changed: confirmed, declined, cancelled, started, completed, expired, ... */
    STATUS_CHANGED,
    /** A booking moved: one change for the time it left and one for the time it took. */
    RESCHEDULED,
    /** A booking changed in another way (its party, its links) at the same time and status. */
    UPDATED,
    /** The resource itself changed: its opening hours, its capacity or its name. */
    RESOURCE_CHANGED
}
