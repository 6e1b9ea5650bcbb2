package io.bookingkit.jdbc.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.TaskQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The task queue port over {@link TaskSql}, each claim in a transaction of its own. */
public final class JdbcTaskQueue implements TaskQueue {

    private final Transactions transactions;
    private final TaskSql tasks;

    public JdbcTaskQueue(Transactions transactions, TaskSql tasks) {
        this.transactions = transactions;
        this.tasks = tasks;
    }

    @Override
    public List<ScheduledTask> claimDue(Instant now, int limit, Duration lease) {
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        if (limit <= 0 || lease.isNegative() || lease.isZero()) {
            throw new InvalidRequestException("limit and lease must be positive, but were " + limit + " and " + lease);
        }
        return transactions.run(c -> tasks.claim(c, now, limit, lease));
    }
}
