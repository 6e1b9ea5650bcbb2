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

    /**
     * Validates the components.
     *
     * @param interval       the customer's time
     * @param resourceIds    the resources a booking would use: the one assigned from an ANY_OF
     *                       pool, or all of an ALL_OF pool
     * @param remainingSeats seats still free throughout the time (the fewest over the resources),
     *                       before this booking
     * @param displayZone    the zone {@link #start()} and {@link #end()} are shown in
     * @throws io.bookingkit.error.InvalidRequestException if {@code interval} is unbounded or empty
     */
    public Slot {
        Require.boundedNonEmpty(interval, "interval");
        resourceIds = List.copyOf(Require.nonNull(resourceIds, "resourceIds"));
        Require.nonNull(displayZone, "displayZone");
    }

    /**
     * The start in the display zone.
     *
     * @return the start of {@link #interval()} in {@link #displayZone()}
     */
    public ZonedDateTime start() {
        return interval.getStart().atZone(displayZone);
    }

    /**
     * The end in the display zone.
     *
     * @return the end of {@link #interval()} in {@link #displayZone()}
     */
    public ZonedDateTime end() {
        return interval.getEnd().atZone(displayZone);
    }

    /**
     * The assigned resource, or the first of an ALL_OF pool.
     *
     * @return the first of {@link #resourceIds()}
     */
    public String resourceId() {
        return resourceIds.get(0);
    }
}
