package io.bookingkit.notify.mail;

/**
 * A message that could not be handed to the SMTP server this time: the server is down or
 * unreachable, the connection dropped or timed out, TLS or authentication failed, or the server
 * answered with a temporary (4xx) or a non-recipient refusal. The outbox retries the notification
 * with backoff and parks it after its last attempt. A recipient the server refuses for good is an
 * {@link io.bookingkit.notify.UndeliverableException} instead.
 */
public class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failed attempt.
     *
     * @param message what failed, naming the server
     * @param cause   the failure, or null
     */
    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
