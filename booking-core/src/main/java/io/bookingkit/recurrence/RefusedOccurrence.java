package io.bookingkit.recurrence;

import io.bookingkit.internal.Require;
import io.bookingkit.policy.Violation;
import java.time.Instant;
import java.util.List;

/**
 * An occurrence of a series that could not be booked, and why: the same reasons a single
 * booking at that start would get.
 *
 * @param index   its place in the series' rule, from 0
 * @param start   its start
 * @param reasons every rule it broke, conflicts included
 */
public record RefusedOccurrence(int index, Instant start, List<Violation> reasons) {

    /**
     * Validates the components.
     *
     * @param index   its place in the series' rule, from 0
     * @param start   its start
     * @param reasons every rule it broke, conflicts included
     */
    public RefusedOccurrence {
        Require.nonNull(start, "start");
        reasons = List.copyOf(Require.nonNull(reasons, "reasons"));
    }
}
