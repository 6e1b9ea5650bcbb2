package io.bookingkit.waitlist;

import io.bookingkit.booking.StaleBookingException;

/**
 * A unit of work changed a waitlist entry that another unit changed first. This happens when
 * seats free up on two resources of one pool entry at once: both units, each holding only its
 * own resource, offer to the same entry. The engine runs the losing unit again, which then finds
 * the entry served; callers see this only if that keeps happening.
 */
public class WaitlistEntryChangedException extends StaleBookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the entry that changed.
     *
     * @param message the detail message
     */
    public WaitlistEntryChangedException(String message) {
        super(message);
    }
}
