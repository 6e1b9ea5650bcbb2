package io.bookingkit.notify;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far delivery is behind, at one moment, over every tenant: what a health check or a gauge
 * watches. Reminders not yet due are not behind, and do not count.
 *
 * @param asOf      the moment it describes
 * @param due       messages due at {@code asOf} and not delivered, claimed ones included
 * @param oldestDue when the longest-waiting of them fell due; empty when none is due
 * @param parked    messages given up on after their last attempt, kept for inspection
 */
public record OutboxBacklog(Instant asOf, long due, Optional<Instant> oldestDue, long parked) {

    /**
     * Checks the counts.
     *
     * @param asOf      the moment it describes
     * @param due       messages due and not delivered
     * @param oldestDue when the longest-waiting of them fell due
     * @param parked    messages given up on
     *
     * @throws InvalidRequestException if a count is negative, or the oldest due time is missing
     *         while messages are due, present while none is, or later than {@code asOf}
     */
    public OutboxBacklog {
        Require.nonNull(asOf, "asOf");
        Require.nonNull(oldestDue, "oldestDue");
        if (due < 0 || parked < 0) {
            throw new InvalidRequestException("Counts must not be negative, but due was " + due + " and parked "
                    + parked);
        }
        if (oldestDue.isPresent() != (due > 0)) {
            throw new InvalidRequestException("The oldest due time " + oldestDue + " does not fit " + due
                    + " due messages");
        }
        if (oldestDue.isPresent() && oldestDue.get().isAfter(asOf)) {
            throw new InvalidRequestException("The oldest due message (" + oldestDue.get() + ") is not due at "
                    + asOf);
        }
    }

    /**
     * How long the longest-waiting due message has waited; zero when none is due.
     *
     * @return {@code asOf} minus {@link #oldestDue()}
     */
    public Duration oldestDueAge() {
        return oldestDue.map(at -> Duration.between(at, asOf)).orElse(Duration.ZERO);
    }
}
