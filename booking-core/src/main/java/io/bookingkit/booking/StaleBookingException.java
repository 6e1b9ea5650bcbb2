package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

/**
 * An update was made from a copy of a booking that is no longer current: someone else changed
 * it first. Re-read the booking and decide again; changes are never merged.
 */
public class StaleBookingException extends BookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception saying which booking changed under the caller.
     *
     * @param message the detail message, naming the booking and what changed
     */
    public StaleBookingException(String message) {
        super(message);
    }
}
