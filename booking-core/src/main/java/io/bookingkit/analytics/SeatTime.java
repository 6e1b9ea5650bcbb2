package io.bookingkit.analytics;

import io.bookingkit.internal.Require;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Seat-time inside a statistics window: a booking of party {@code p} for an hour is {@code p}
 * seat-hours on each of its resources. Bookings are counted by status as stored when the
 * statistics are computed; buffers are never booked time.
 *
 * @param offered            opening hours inside the window times the resource's capacity
 * @param booked             time of CONFIRMED, IN_PROGRESS, COMPLETED and NO_SHOW bookings inside
 *                           the opening hours and the window (a no-show held the seat)
 * @param bookedOutsideHours the same bookings' time inside the window but outside opening hours
 *                           (forced bookings, hours changed later); not in {@link #utilization()}
 * @param held               time of HELD bookings inside opening hours and the window
 * @param pending            time of PENDING bookings inside opening hours and the window
 * @param buffers            the buffer time of the booked bookings inside the window, whether or
 *                           not inside opening hours
 */
public record SeatTime(Duration offered, Duration booked, Duration bookedOutsideHours, Duration held,
                       Duration pending, Duration buffers) {

    /** No time at all. */
    public static final SeatTime NONE = new SeatTime(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    /**
     * Validates that no component is null or negative.
     *
     * @param offered            opening hours inside the window times the resource's capacity
     * @param booked             time of CONFIRMED, IN_PROGRESS, COMPLETED and NO_SHOW bookings
     *                           inside the opening hours and the window (a no-show held the seat)
     * @param bookedOutsideHours the same bookings' time inside the window but outside opening hours
     *                           (forced bookings, hours changed later); not in
     *                           {@link #utilization()}
     * @param held               time of HELD bookings inside opening hours and the window
     * @param pending            time of PENDING bookings inside opening hours and the window
     * @param buffers            the buffer time of the booked bookings inside the window, whether
     *                           or not inside opening hours
     * @throws io.bookingkit.error.InvalidRequestException if a component is negative
     */
    public SeatTime {
        Require.notNegative(offered, "offered");
        Require.notNegative(booked, "booked");
        Require.notNegative(bookedOutsideHours, "bookedOutsideHours");
        Require.notNegative(held, "held");
        Require.notNegative(pending, "pending");
        Require.notNegative(buffers, "buffers");
    }

    /**
     * {@code booked / offered}: how full the resources were in their opening hours; empty when
     * nothing was offered. Can pass 1 only where bookings were forced over each other.
     *
     * @return the share, 0 or more
     */
    public OptionalDouble utilization() {
        // In seconds as doubles: nanoseconds in a long end at 292 years, which the offered
        // seat-time of a large tenant over a long window passes.
        return offered.isZero() ? OptionalDouble.empty() : OptionalDouble.of(seconds(booked) / seconds(offered));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /**
     * Both added, component by component: the time of several resources together.
     *
     * @param other more seat-time
     * @return the sums
     */
    public SeatTime plus(SeatTime other) {
        return new SeatTime(offered.plus(other.offered), booked.plus(other.booked),
                bookedOutsideHours.plus(other.bookedOutsideHours), held.plus(other.held), pending.plus(other.pending),
                buffers.plus(other.buffers));
    }
}
