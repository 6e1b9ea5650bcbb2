package io.bookingkit.notify;

/**
 * Thrown by a {@link NotificationPort} for a notification that no retry can deliver: a receiver
 * that refused it for good (an HTTP 4xx other than 408 and 429, a mailbox that does not exist).
 * The dispatcher parks the message at once instead of retrying it; any other exception is
 * retried with backoff.
 */
public class UndeliverableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A delivery refused for good.
     *
     * @param message why, as the receiver said it
     * @param cause   the failure, or null
     */
    public UndeliverableException(String message, Throwable cause) {
        super(message, cause);
    }
}
