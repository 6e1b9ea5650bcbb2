package io.bookingkit.notify;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.template.Channel;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A notification waiting in the outbox, written in the same unit of work as the change it
 * reports, so a committed change always gets it and a rolled-back one never does.
 *
 * @param id         unique id of the message
 * @param tenantId   the booking's tenant
 * @param bookingId  the booking it is about
 * @param kind       what it tells
 * @param channel    for reminders, the channel to use; empty lets the port choose
 * @param recipient  who receives it (the customer id)
 * @param locale     the language to write it in
 * @param dueAt      not delivered before this instant
 * @param dedupeKey  the same for every delivery attempt of this message, so a receiver can drop repeats
 * @param attempts   failed delivery attempts so far
 */
public record OutboxMessage(String id, String tenantId, String bookingId, NotificationKind kind,
                            Optional<Channel> channel, String recipient, Locale locale, Instant dueAt,
                            String dedupeKey, int attempts) {

    /**
     * Validates the components.
     *
     * @param id        unique id of the message
     * @param tenantId  the booking's tenant
     * @param bookingId the booking it is about
     * @param kind      what it tells
     * @param channel   for reminders, the channel to use; empty lets the port choose
     * @param recipient who receives it (the customer id)
     * @param locale    the language to write it in
     * @param dueAt     not delivered before this instant
     * @param dedupeKey the same for every delivery attempt of this message, so a receiver can drop
     *                  repeats
     * @param attempts  failed delivery attempts so far
     * @throws io.bookingkit.error.InvalidRequestException if an id or the recipient is not a valid
     *                                                     id, the dedupe key is blank or longer
     *                                                     than 255 characters, or {@code attempts}
     *                                                     is negative
     */
    public OutboxMessage {
        Ids.require(id, "id");
        Ids.require(tenantId, "tenantId");
        Ids.require(bookingId, "bookingId");
        Require.nonNull(kind, "kind");
        Require.nonNull(channel, "channel");
        Ids.require(recipient, "recipient");
        Require.nonNull(locale, "locale");
        Require.nonNull(dueAt, "dueAt");
        Require.notBlank(dedupeKey, "dedupeKey");
        if (dedupeKey.length() > 255) {
            throw new io.bookingkit.error.InvalidRequestException("dedupeKey must be at most 255 characters");
        }
        Require.notNegative(attempts, "attempts");
    }
}
