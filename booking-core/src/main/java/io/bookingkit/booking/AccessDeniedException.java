package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

/** The actor's role or tenant does not allow the request; the message says which rule refused it. */
public class AccessDeniedException extends BookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the rule that refused the actor.
     *
     * @param message the detail message, saying who was refused what and why
     */
    public AccessDeniedException(String message) {
        super(message);
    }
}
