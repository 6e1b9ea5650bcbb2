package io.bookingkit.spi;

import io.bookingkit.error.BookingException;

/**
 * A store's own overlap constraint (PostgreSQL's exclusion constraint) refused a write: the
 * backstop behind the core's locked decision. The engine reports it to the caller as a
 * conflict; an adapter never builds domain refusals itself.
 */
public class OverlapRefusedException extends BookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the constraint that refused the write.
     *
     * @param message the detail message
     * @param cause   the database's failure
     */
    public OverlapRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
