package io.bookingkit.error;

/**
 * Root of every exception bookingkit throws on purpose. All are unchecked: a caller catches
 * the subclass it can act on and lets the rest propagate.
 */
public abstract class BookingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected BookingException(String message) {
        super(message);
    }

    protected BookingException(String message, Throwable cause) {
        super(message, cause);
    }
}
