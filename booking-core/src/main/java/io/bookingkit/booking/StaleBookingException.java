package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

/**
 * An update was made from a copy of a booking that is no longer current: someone else changed
 * it first. Re-read the booking and decide again; changes are never merged.
 */
public class StaleBookingException extends BookingException {

    private static final long serialVersionUID = 1L;

    public StaleBookingException(String message) {
        super(message);
    }
}
