package io.bookingkit.slot;

import io.bookingkit.internal.Require;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.threeten.extra.Interval;

/**
 * A bookable time: booking it now with the query's party size would pass every rule.
 *
 * @param interval       the customer's time
 * @param resourceIds    the resources a booking would use: the one assigned from an ANY_OF
 *                       pool, or all of an ALL_OF pool
 * @param remainingSeats seats still free throughout the time (the fewest over the resources),
 *                       before this booking
 * @param displayZone    the zone {@link #start()} and {@link #end()} are shown in
 */
public record Slot(Interval interval, List<String> resourceIds, int remainingSeats, ZoneId displayZone) {

    /** Validates the components. */
    public Slot {
        Require.boundedNonEmpty(interval, "interval");
        resourceIds = List.copyOf(Require.nonNull(resourceIds, "resourceIds"));
        Require.nonNull(displayZone, "displayZone");
    }

    /** The start in the display zone. */
    public ZonedDateTime start() {
        return interval.getStart().atZone(displayZone);
    }

    /** The end in the display zone. */
    public ZonedDateTime end() {
        return interval.getEnd().atZone(displayZone);
    }

    /** The assigned resource, or the first of an ALL_OF pool. */
    public String resourceId() {
        return resourceIds.get(0);
    }
}
