package io.bookingkit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The stored side of scheduled work: units of work add tasks ({@link UnitOfWork#schedule}) and
 * remove them when the work is done ({@link UnitOfWork#completeTask}); maintenance runs on any
 * node claim the due ones. Thread-safe.
 */
public interface TaskQueue {

    /**
     * Claims up to {@code limit} tasks of any tenant due at {@code now} that nobody else holds,
     * for {@code lease}: until then no other caller (thread or node) claims them. Oldest due first.
     * A claimed task that is not completed is claimed again once its lease ends.
     *
     * @param now   the instant tasks are due by
     * @param limit the most tasks to claim, positive
     * @param lease how long the claim lasts, positive
     * @return the claimed tasks, oldest due first
     */
    List<ScheduledTask> claimDue(Instant now, int limit, Duration lease);
}
