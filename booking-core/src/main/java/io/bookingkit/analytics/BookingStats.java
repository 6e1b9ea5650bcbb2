package io.bookingkit.analytics;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import org.threeten.extra.Interval;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Statistics of some resources over a window, from {@link io.bookingkit.BookingEngine#stats}.
 * Each figure states what it counts and by which time it buckets:
 * <ul>
 *   <li>{@link #counts()} and {@link #leadTimes()} count bookings by their <em>start</em> (the
 *       customer's time, not buffers) in the window; a booking of several resources once.
 *   <li>{@link #seatTime()} and {@link #busiestHours()} measure the part of each booking's time
 *       that lies inside the window, whenever the booking started, summed over resources.
 *   <li>Statuses are those stored when the statistics are computed ({@link #asOf()}): a hold
 *       still HELD counts as held until maintenance marks it expired.
 * </ul>
 * Nothing is ever bucketed by when a booking was created.
 *
 * @param window       the window asked for, counted to the microsecond
 * @param asOf         the engine's clock when they were computed; "whose start has come" is
 *                     measured against it
 * @param counts       the bookings by status, cancellations and no-shows, each booking once
 * @param seatTime     seat-time summed over the resources; its utilization is the resources'
 *                     booked time over their offered time
 * @param leadTimes    how far ahead the bookings were made
 * @param busiestHours booked seat-time per local hour of the week, all 168, Monday 00:00 first
 * @param resources    the same per resource, by id: the breakdown of a pool
 */
public record BookingStats(Interval window, Instant asOf, Counts counts, SeatTime seatTime, LeadTimes leadTimes,
                           List<HourOfWeek> busiestHours, List<ResourceStats> resources) {

    /** The statuses whose time is booked time: CONFIRMED, IN_PROGRESS, COMPLETED, NO_SHOW. */
    public static final Set<BookingStatus> BOOKED = Collections.unmodifiableSet(EnumSet.of(BookingStatus.CONFIRMED,
            BookingStatus.IN_PROGRESS, BookingStatus.COMPLETED, BookingStatus.NO_SHOW));

    /**
     * Validates the components.
     *
     * @param window       the window asked for, counted to the microsecond
     * @param asOf         the engine's clock when they were computed; "whose start has come" is
     *                     measured against it
     * @param counts       the bookings by status, cancellations and no-shows, each booking once
     * @param seatTime     seat-time summed over the resources; its utilization is the resources'
     *                     booked time over their offered time
     * @param leadTimes    how far ahead the bookings were made
     * @param busiestHours booked seat-time per local hour of the week, all 168, Monday 00:00 first
     * @param resources    the same per resource, by id: the breakdown of a pool
     * @throws InvalidRequestException if {@code busiestHours} does not hold exactly 168 hours
     */
    public BookingStats {
        Require.nonNull(window, "window");
        Require.nonNull(asOf, "asOf");
        Require.nonNull(counts, "counts");
        Require.nonNull(seatTime, "seatTime");
        Require.nonNull(leadTimes, "leadTimes");
        busiestHours = List.copyOf(Require.nonNull(busiestHours, "busiestHours"));
        if (busiestHours.size() != 168) {
            throw new InvalidRequestException("busiestHours must hold all 168 hours of a week, but has "
                    + busiestHours.size());
        }
        resources = List.copyOf(Require.nonNull(resources, "resources"));
    }

    /**
     * The {@code n} hours with the most booked time, busiest first; ties in week order.
     *
     * @param n how many hours, not negative
     * @return at most {@code n} hours
     * @throws InvalidRequestException if {@code n} is negative
     */
    public List<HourOfWeek> busiest(int n) {
        Require.notNegative(n, "n");
        return busiestHours.stream().sorted(Comparator.comparing(HourOfWeek::booked).reversed()).limit(n).toList();
    }
}
