package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

/** The actor's role or tenant does not allow the request; the message says which rule refused it. */
public class AccessDeniedException extends BookingException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
