package io.bookingkit.notify.mail;

import java.util.Optional;

/**
 * How to reach people: the application's own directory of customers. A notification names its
 * recipient by customer id ({@link io.bookingkit.notify.Notification#recipient()}), never by
 * address; this maps the id to an address, a name and, optionally, the zone the customer reads
 * times in.
 *
 * <p>Called on the outbox delivery thread, once per notification, by several threads at once when
 * several dispatchers run: implementations must be thread-safe. Return empty for a customer who has
 * no e-mail address (the notification is then skipped and logged, not retried); throw when the
 * directory cannot be read now (the delivery is retried later). A {@link Recipient} that refuses its
 * address ({@link io.bookingkit.error.InvalidRequestException}) parks the notification at once: no
 * retry mends a malformed address.
 */
@FunctionalInterface
public interface Recipients {

    /**
     * The customer's e-mail address, name and display zone.
     *
     * @param tenantId   the tenant the booking belongs to
     * @param customerId the customer, as the booking names them
     * @return how to reach them, or empty if they have no e-mail address
     */
    Optional<Recipient> find(String tenantId, String customerId);
}
