package io.bookingkit.booking;

import io.bookingkit.error.InvalidRequestException;

/**
 * An idempotency key already created a booking from a different request. A retry must repeat
 * the original request exactly; a new request needs a new key.
 */
public class IdempotencyKeyReusedException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** The booking the key created. */
    private final String bookingId;

    /**
     * An exception naming the key and the booking it created.
     *
     * @param key       the idempotency key sent again
     * @param bookingId the booking the key created first
     */
    public IdempotencyKeyReusedException(String key, String bookingId) {
        super("Idempotency key '" + key + "' was already used for booking '" + bookingId
                + "' with a different request");
        this.bookingId = bookingId;
    }

    /**
     * The booking the key created.
     *
     * @return that booking's id
     */
    public String bookingId() {
        return bookingId;
    }
}
