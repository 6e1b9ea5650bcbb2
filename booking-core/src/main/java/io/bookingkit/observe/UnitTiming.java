package io.bookingkit.observe;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.Duration;

/**
 * How long one unit of work took. Measured on the JVM's monotonic clock, never the engine's
 * {@link java.time.Clock}, which may stand still in tests.
 *
 * @param lockWait  from asking the store for the unit until its locks were held, over every
 *                  attempt the store made: connection, isolation check and lock statements
 * @param duration  from asking the store for the unit until it committed or gave up
 * @param committed whether it committed; a unit that ends in a refusal rolls back, unless it
 *                  made waitlist offers on the way (see the engine's Javadoc)
 */
public record UnitTiming(Duration lockWait, Duration duration, boolean committed) {

    /** The retry cause reported when a unit lost a waitlist entry to another unit. */
    public static final String WAITLIST_ENTRY_CHANGED = "waitlist-entry-changed";

    /**
     * Checks the durations.
     *
     * @param lockWait  time until the locks were held
     * @param duration  time until commit or failure
     * @param committed whether it committed
     *
     * @throws InvalidRequestException if one is negative, or the lock wait
     *         exceeds the duration
     */
    public UnitTiming {
        Require.notNegative(lockWait, "lockWait");
        Require.notNegative(duration, "duration");
        if (lockWait.compareTo(duration) > 0) {
            throw new InvalidRequestException("lockWait " + lockWait
                    + " exceeds the unit's duration " + duration);
        }
    }
}
