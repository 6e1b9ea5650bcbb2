package io.bookingkit.analytics;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import org.threeten.extra.Interval;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link io.bookingkit.BookingEngine#stats} computes: the statistics of some resources, or
 * of every resource the actor may see, over a window.
 *
 * @param window      the bookings whose start lies in it are counted; time is measured inside it
 * @param resourceIds the resources; empty for all that the actor may see (staff: theirs, admins:
 *                    the tenant's)
 */
public record StatsQuery(Interval window, Set<String> resourceIds) {

    /** The longest window a query may ask for. */
    public static final Duration MAX_WINDOW = Duration.ofDays(400);

    /**
     * Validates the components and keeps the ids sorted.
     *
     * @param window      the bookings whose start lies in it are counted; time is measured inside
     *                    it
     * @param resourceIds the resources; empty for all that the actor may see (staff: theirs,
     *                    admins: the tenant's)
     * @throws io.bookingkit.error.InvalidRequestException if the window is unbounded, empty or
     *                                                     longer than {@link #MAX_WINDOW}, or a
     *                                                     resource id is not a valid id
     */
    public StatsQuery {
        Require.maxLength(Require.boundedNonEmpty(window, "window"), MAX_WINDOW, "window");
        Require.elements(Require.nonNull(resourceIds, "resourceIds"), "resourceIds");
        resourceIds.forEach(id -> Ids.require(id, "resourceId"));
        resourceIds = Collections.unmodifiableSortedSet(new TreeSet<>(resourceIds));
    }

    /**
     * The statistics of every resource the actor may see.
     *
     * @param window the window, bounded, not empty and at most {@link #MAX_WINDOW} long
     * @return the query
     * @throws io.bookingkit.error.InvalidRequestException if the window is unbounded, empty or too
     *                                                     long
     */
    public static StatsQuery of(Interval window) {
        return new StatsQuery(window, Set.of());
    }

    /**
     * The statistics of {@code resourceIds} (a pool, or one resource).
     *
     * @param window      the window, bounded, not empty and at most {@link #MAX_WINDOW} long
     * @param resourceIds the resources' ids
     * @return the query
     * @throws io.bookingkit.error.InvalidRequestException if the window is unbounded, empty or too
     *                                                     long, or an id is not a valid id
     */
    public static StatsQuery of(Interval window, String... resourceIds) {
        return new StatsQuery(window, new TreeSet<>(Require.elements(Arrays.asList(Require.nonNull(resourceIds,
                "resourceIds")), "resourceIds")));
    }
}
