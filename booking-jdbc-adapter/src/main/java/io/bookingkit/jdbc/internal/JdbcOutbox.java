package io.bookingkit.jdbc.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.notify.OutboxBacklog;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.spi.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The outbox port over {@link OutboxSql}, each call in a transaction of its own. */
public final class JdbcOutbox implements Outbox {

    private final Transactions transactions;
    private final OutboxSql outbox;

    public JdbcOutbox(Transactions transactions, OutboxSql outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    @Override
    public List<OutboxMessage> claimDueMessages(Instant now, int limit, Duration lease) {
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        if (limit <= 0 || lease.isNegative() || lease.isZero()) {
            throw new InvalidRequestException("limit and lease must be positive, but were " + limit + " and " + lease);
        }
        return transactions.run(c -> outbox.claim(c, now, limit, lease));
    }

    @Override
    public void markDelivered(String messageId) {
        transactions.run(c -> {
            outbox.delete(c, messageId);
            return null;
        });
    }

    @Override
    public void markFailed(String messageId, Instant retryAt, String error, boolean park) {
        transactions.run(c -> {
            outbox.fail(c, messageId, retryAt, error, park);
            return null;
        });
    }

    @Override
    public List<OutboxMessage> parkedMessages(String tenantId) {
        return transactions.run(c -> outbox.parked(c, tenantId));
    }

    @Override
    public OutboxBacklog backlog(Instant now) {
        Objects.requireNonNull(now, "now must not be null");
        return transactions.run(c -> outbox.backlog(c, now));
    }
}
