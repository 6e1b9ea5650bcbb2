package io.bookingkit.spi;

import io.bookingkit.error.BookingException;

/**
 * A store refused an insert because the booking's id or idempotency key, or the waitlist
 * entry's id, is already taken. The engine turns it into the domain outcome (the earlier booking,
 * or a refusal).
 */
public class DuplicateBookingException extends BookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception saying which id or key was taken.
     *
     * @param message the detail message
     */
    public DuplicateBookingException(String message) {
        super(message);
    }

    /**
     * An exception saying which id or key was taken, with the failure that reported it, such as a
     * unique key violation.
     *
     * @param message the detail message
     * @param cause   the underlying failure
     */
    public DuplicateBookingException(String message, Throwable cause) {
        super(message, cause);
    }
}
