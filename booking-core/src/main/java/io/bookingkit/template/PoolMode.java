package io.bookingkit.template;

/** How a booking over several resources uses them. */
public enum PoolMode {
    /** Any one of the resources will do; the least-booked free one is assigned. */
    ANY_OF,
    /** All of the resources together, such as a practitioner and a room. */
    ALL_OF
}
