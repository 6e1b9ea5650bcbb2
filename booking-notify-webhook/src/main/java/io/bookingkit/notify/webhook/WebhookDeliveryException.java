package io.bookingkit.notify.webhook;

/**
 * A webhook delivery that failed this time and may succeed later: a receiver answered 408, 429 or
 * 5xx, did not answer within the request timeout, or could not be reached. The
 * {@link io.bookingkit.OutboxDispatcher} retries the notification with backoff, with the same
 * {@code Idempotency-Key}. The message names every URL's outcome of the attempt.
 */
public class WebhookDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failed attempt.
     *
     * @param message every URL's outcome of the attempt
     * @param cause   the failure of the first URL that failed with an exception, or null
     */
    public WebhookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
