package io.bookingkit.spi;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import io.bookingkit.time.IntervalSet;
import org.threeten.extra.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link BookingStore#aggregate} sums, worked out by the core so that a store only adds up:
 * the calendar (opening hours, zone offsets) is already turned into instants.
 *
 * <p>The bookings aggregated are those that use one of the resources and whose occupied time
 * (with buffers) shares an instant with {@link #window()}. A booking <em>starts in the
 * window</em> when its own start lies in it; it was <em>requested</em> when its status is one of
 * {@link #requested()}, or its history has a transition to CONFIRMED or PENDING; it was
 * <em>cancelled late</em> when it was requested, is CANCELLED, and the transition to CANCELLED was
 * made by STAFF or ADMIN less than its template's cutoff ({@link #cancellationCutoffs()}, zero for
 * a template not named) before its start (a hold that was never requested is not a cancellation,
 * so never a late one).
 *
 * @param window              the window
 * @param now                 "before now" is measured against it
 * @param resources           the resources, each with its calendar
 * @param cancellationCutoffs each template's cancellation cutoff, by template name
 * @param booked              the statuses whose time the hours of the week count
 * @param requested           the statuses that make a booking requested whatever its history says
 * @param leadBounds          ascending exclusive upper bounds of the lead-time histogram's bins
 */
public record AggregateQuery(Interval window, Instant now, List<Scope> resources,
                             Map<String, Duration> cancellationCutoffs, Set<BookingStatus> booked,
                             Set<BookingStatus> requested, List<Duration> leadBounds) {

    /**
     * Validates and copies the components.
     *
     * @param window              the window
     * @param now                 "before now" is measured against it
     * @param resources           the resources, each with its calendar
     * @param cancellationCutoffs each template's cancellation cutoff, by template name
     * @param booked              the statuses whose time the hours of the week count
     * @param requested           the statuses that make a booking requested whatever its history
     *                            says
     * @param leadBounds          ascending exclusive upper bounds of the lead-time histogram's bins
     * @throws InvalidRequestException if the window is unbounded or empty, or {@code leadBounds}
     *                                 does not strictly ascend
     */
    public AggregateQuery {
        Require.boundedNonEmpty(window, "window");
        Require.nonNull(now, "now");
        resources = List.copyOf(Require.elements(resources, "resources"));
        cancellationCutoffs = Map.copyOf(Require.nonNull(cancellationCutoffs, "cancellationCutoffs"));
        booked = Set.copyOf(Require.elements(booked, "booked"));
        requested = Set.copyOf(Require.elements(requested, "requested"));
        leadBounds = List.copyOf(Require.elements(leadBounds, "leadBounds"));
        for (int i = 1; i < leadBounds.size(); i++) {
            if (leadBounds.get(i).compareTo(leadBounds.get(i - 1)) <= 0) {
                throw new InvalidRequestException("leadBounds must ascend, but " + leadBounds.get(i) + " follows "
                        + leadBounds.get(i - 1));
            }
        }
    }

    /** Microseconds in an hour. */
    public static final long HOUR_MICROS = 3_600_000_000L;

    /**
     * The 1-based rank of the {@code percent}th percentile among {@code n} ascending values by
     * nearest rank, ⌈percent·n/100⌉ (at least 1), in integer arithmetic.
     *
     * @param percent the percentile, 1 to 100
     * @param n       how many values, 0 or more
     * @return the rank, from 1
     */
    public static long nearestRank(int percent, long n) {
        return Math.max(1, (percent * n + 99) / 100);
    }

    /**
     * The hour of the week (0 = Monday 00:00 … 167 = Sunday 23:00) of local hour number
     * {@code localHour}, counted from the epoch's local midnight, a Thursday.
     *
     * @param localHour whole local hours since 1970-01-01T00:00 local time; negative before it
     * @return the hour of the week, 0 to 167
     */
    public static int hourOfWeek(long localHour) {
        return (int) Math.floorMod(localHour + 72, 168L);
    }

    /**
     * The ids of {@link #resources()}, in order.
     *
     * @return the resource ids
     */
    public List<String> resourceIds() {
        return resources.stream().map(Scope::resourceId).toList();
    }

    /**
     * The cancellation cutoff of {@code templateName}; zero for a template not named.
     *
     * @param templateName the template's name
     * @return the cutoff
     */
    public Duration cutoffOf(String templateName) {
        return cancellationCutoffs.getOrDefault(templateName, Duration.ZERO);
    }

    /**
     * One resource and its calendar inside the window.
     *
     * @param resourceId the resource
     * @param open       its opening hours inside the window
     * @param offsets    its zone's offset from UTC, piece by piece: consecutive intervals that
     *                   cover the window exactly, each with one offset. A local hour starts where
     *                   an instant's epoch second plus the offset is a multiple of 3,600; its hour
     *                   of the week ({@link io.bookingkit.analytics.HourOfWeek#index()}) follows
     *                   from that local time.
     */
    public record Scope(String resourceId, IntervalSet open, List<OffsetSpan> offsets) {

        /**
         * Validates and copies the components.
         *
         * @param resourceId the resource
         * @param open       its opening hours inside the window
         * @param offsets    its zone's offset from UTC, piece by piece: consecutive intervals that
         *                   cover the window exactly, each with one offset. A local hour starts
         *                   where an instant's epoch second plus the offset is a multiple of 3,600;
         *                   its hour of the week
         *                   ({@link io.bookingkit.analytics.HourOfWeek#index()}) follows from that
         *                   local time.
         * @throws InvalidRequestException if the resource id is not a valid id
         */
        public Scope {
            Ids.require(resourceId, "resourceId");
            Require.nonNull(open, "open");
            offsets = List.copyOf(Require.elements(offsets, "offsets"));
        }
    }

    /**
     * Part of a window in which a zone keeps one offset.
     *
     * @param interval the part
     * @param offset   the zone's offset throughout it
     */
    public record OffsetSpan(Interval interval, ZoneOffset offset) {

        /**
         * Validates the components.
         *
         * @param interval the part
         * @param offset   the zone's offset throughout it
         * @throws InvalidRequestException if the interval is unbounded or empty
         */
        public OffsetSpan {
            Require.boundedNonEmpty(interval, "interval");
            Require.nonNull(offset, "offset");
        }
    }
}
