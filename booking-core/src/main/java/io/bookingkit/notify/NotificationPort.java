package io.bookingkit.notify;

/**
 * Where notifications leave the library: email, SMS, a message queue. Called by the
 * {@link io.bookingkit.OutboxDispatcher}, at least once per notification; use
 * {@link Notification#dedupeKey()} to drop repeats. Throwing marks the delivery failed, to be
 * retried with backoff, or parked at once for an {@link UndeliverableException}; it never undoes
 * the booking.
 */
@FunctionalInterface
public interface NotificationPort {

    /**
     * Delivers one notification, or throws to have it retried later. It may be called again for a
     * notification it already delivered.
     *
     * @param notification what to send, to whom, in which language and over which channel
     */
    void send(Notification notification);
}
