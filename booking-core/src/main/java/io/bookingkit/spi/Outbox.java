package io.bookingkit.spi;

import io.bookingkit.notify.OutboxBacklog;
import io.bookingkit.notify.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The stored side of the transactional outbox: units of work add messages
 * ({@link UnitOfWork#enqueue}); dispatchers on any node claim, deliver and settle them.
 * Thread-safe.
 */
public interface Outbox {

    /**
     * Claims up to {@code limit} messages due at {@code now} that nobody else holds, for
     * {@code lease}: until then no other caller (thread or node) claims them. Oldest due first.
     *
     * @param now   the instant messages are due by
     * @param limit the most messages to claim, positive
     * @param lease how long the claim lasts, positive
     * @return the claimed messages, oldest due first
     */
    List<OutboxMessage> claimDueMessages(Instant now, int limit, Duration lease);

    /**
     * Removes a delivered message.
     *
     * @param messageId the message's id; an unknown id is ignored
     */
    void markDelivered(String messageId);

    /**
     * Records a failed delivery: the message's attempts grow by one and it is due again at
     * {@code retryAt}; with {@code park} it is kept for inspection and never claimed again.
     *
     * @param messageId the message's id
     * @param retryAt   when it is due again
     * @param error     what went wrong, for the logs and the parked list
     * @param park      true to give up on the message
     */
    void markFailed(String messageId, Instant retryAt, String error, boolean park);

    /**
     * The parked messages of {@code tenantId}, for inspection.
     *
     * @param tenantId the tenant whose parked messages to list
     * @return the parked messages
     */
    List<OutboxMessage> parkedMessages(String tenantId);

    /**
     * How far delivery is behind at {@code now}, over every tenant: messages due and not
     * delivered (claimed ones included), the earliest due time among them, and parked messages.
     *
     * @param now the moment to measure at
     * @return the backlog at {@code now}
     */
    OutboxBacklog backlog(Instant now);
}
