package io.bookingkit.spi;

import io.bookingkit.error.BookingException;

/**
 * A store refused an insert because the booking's id or idempotency key is already taken. The
 * engine turns it into the domain outcome (the earlier booking, or a refusal).
 */
public class DuplicateBookingException extends BookingException {

    private static final long serialVersionUID = 1L;

    public DuplicateBookingException(String message) {
        super(message);
    }

    public DuplicateBookingException(String message, Throwable cause) {
        super(message, cause);
    }
}
