package io.bookingkit.error;

/**
 * Root of every exception bookingkit throws on purpose. All are unchecked: a caller catches
 * the subclass it can act on and lets the rest propagate.
 */
public abstract class BookingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was refused and why.
     *
     * @param message the detail message
     */
    protected BookingException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message the detail message
     * @param cause   the underlying failure
     */
    protected BookingException(String message, Throwable cause) {
        super(message, cause);
    }
}
