package io.bookingkit.booking;

/** What an {@link Actor} may do; each lifecycle transition names the roles allowed to take it. */
public enum Role {
    /** Acts on their own bookings only. */
    CUSTOMER,
    /** Acts on bookings of the resources they work on. */
    STAFF,
    /** Acts on everything in their tenant. */
    ADMIN,
    /** The library itself: expiry, reminders. */
    SYSTEM
}
