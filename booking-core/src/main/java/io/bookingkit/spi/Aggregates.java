package io.bookingkit.spi;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.internal.Require;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link BookingStore#aggregate} found, in the terms of {@link AggregateQuery}. Seat-time is
 * a duration times the booking's party size.
 *
 * @param resources per resource id (every resource of the query is a key): what its bookings add
 *                  up to, a booking of several resources counted on each
 * @param bookings  per status, counts of the bookings that start in the window, each booking
 *                  once however many of the resources it uses; statuses without any may be missing
 * @param hours     per hour of the week (0 = Monday 00:00 local, 167 = Sunday 23:00), the seat-time
 *                  of the bookings in {@link AggregateQuery#booked()} statuses inside the window,
 *                  summed over the resources, each in its own zone; hours without any may be missing
 * @param leadTimes start − creation of the requested bookings that start in the window, each once
 */
public record Aggregates(Map<String, ResourceTally> resources, Map<BookingStatus, Tally> bookings,
                         Map<Integer, Duration> hours, Leads leadTimes) {

    /**
     * Validates and copies the components.
     *
     * @param resources per resource id (every resource of the query is a key): what its bookings
     *                  add up to, a booking of several resources counted on each
     * @param bookings  per status, counts of the bookings that start in the window, each booking
     *                  once however many of the resources it uses; statuses without any may be
     *                  missing
     * @param hours     per hour of the week (0 = Monday 00:00 local, 167 = Sunday 23:00), the
     *                  seat-time of the bookings in {@link AggregateQuery#booked()} statuses inside
     *                  the window, summed over the resources, each in its own zone; hours without
     *                  any may be missing
     * @param leadTimes start − creation of the requested bookings that start in the window, each
     *                  once
     */
    public Aggregates {
        resources = Map.copyOf(Require.nonNull(resources, "resources"));
        bookings = Map.copyOf(Require.nonNull(bookings, "bookings"));
        hours = Map.copyOf(Require.nonNull(hours, "hours"));
        Require.nonNull(leadTimes, "leadTimes");
    }

    /**
     * Counts of bookings in one status that start in the window.
     *
     * @param started         all of them
     * @param startedByNow    those whose start is not after {@link AggregateQuery#now()}
     * @param requested       those requested (ever CONFIRMED or PENDING)
     * @param cancelledLate   those cancelled late (requested ones only, so never more than
     *                        {@code requested})
     */
    public record Tally(long started, long startedByNow, long requested, long cancelledLate) {

        /** No bookings. */
        public static final Tally NONE = new Tally(0, 0, 0, 0);

        /**
         * Both added.
         *
         * @param other more counts
         * @return the sums
         */
        public Tally plus(Tally other) {
            return new Tally(started + other.started, startedByNow + other.startedByNow,
                    requested + other.requested, cancelledLate + other.cancelledLate);
        }
    }

    /**
     * Seat-time of bookings in one status, inside the window.
     *
     * @param inWindow    their own time (without buffers)
     * @param inOpenHours their own time inside the resource's opening hours
     * @param buffers     their occupied time minus their own time
     */
    public record Times(Duration inWindow, Duration inOpenHours, Duration buffers) {

        /** No time. */
        public static final Times NONE = new Times(Duration.ZERO, Duration.ZERO, Duration.ZERO);

        /**
         * Both added.
         *
         * @param other more seat-time
         * @return the sums
         */
        public Times plus(Times other) {
            return new Times(inWindow.plus(other.inWindow), inOpenHours.plus(other.inOpenHours),
                    buffers.plus(other.buffers));
        }
    }

    /**
     * What one resource's bookings add up to.
     *
     * @param counts per status, of its bookings that start in the window; may omit statuses
     * @param times  per status, its bookings' seat-time; may omit statuses
     */
    public record ResourceTally(Map<BookingStatus, Tally> counts, Map<BookingStatus, Times> times) {

        /**
         * Validates and copies the components.
         *
         * @param counts per status, of its bookings that start in the window; may omit statuses
         * @param times  per status, its bookings' seat-time; may omit statuses
         */
        public ResourceTally {
            counts = Map.copyOf(Require.nonNull(counts, "counts"));
            times = Map.copyOf(Require.nonNull(times, "times"));
        }
    }

    /**
     * Lead times (start − creation), percentiles by nearest rank: the value at 1-based rank
     * ⌈p·n/100⌉ of the ascending lead times.
     *
     * @param count  how many
     * @param median the 50th percentile; empty when {@code count} is 0
     * @param p90    the 90th percentile; empty when {@code count} is 0
     * @param bins   counts per bin of {@link AggregateQuery#leadBounds()}, one more than bounds
     */
    public record Leads(long count, Optional<Duration> median, Optional<Duration> p90, List<Long> bins) {

        /**
         * Validates and copies the components.
         *
         * @param count  how many
         * @param median the 50th percentile; empty when {@code count} is 0
         * @param p90    the 90th percentile; empty when {@code count} is 0
         * @param bins   counts per bin of {@link AggregateQuery#leadBounds()}, one more than bounds
         */
        public Leads {
            Require.nonNull(median, "median");
            Require.nonNull(p90, "p90");
            bins = List.copyOf(Require.elements(bins, "bins"));
        }
    }
}
