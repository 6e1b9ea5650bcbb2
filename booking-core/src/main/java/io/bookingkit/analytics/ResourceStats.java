package io.bookingkit.analytics;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;

/**
 * The statistics of one resource: its bookings (a booking of several resources counts on each)
 * and its seat-time.
 *
 * @param resourceId the resource
 * @param capacity   its seats, by which its opening hours are multiplied into offered seat-time
 * @param counts     its bookings that start in the window
 * @param seatTime   its seat-time inside the window
 */
public record ResourceStats(String resourceId, int capacity, Counts counts, SeatTime seatTime) {

    /**
     * Validates the components.
     *
     * @param resourceId the resource
     * @param capacity   its seats, by which its opening hours are multiplied into offered seat-time
     * @param counts     its bookings that start in the window
     * @param seatTime   its seat-time inside the window
     * @throws io.bookingkit.error.InvalidRequestException if the id is not a valid id or the
     *                                                     capacity is not positive
     */
    public ResourceStats {
        Ids.require(resourceId, "resourceId");
        Require.positive(capacity, "capacity");
        Require.nonNull(counts, "counts");
        Require.nonNull(seatTime, "seatTime");
    }
}
