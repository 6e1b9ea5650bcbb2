package io.bookingkit.analytics;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;

import java.time.DayOfWeek;
import java.time.Duration;

/**
 * Booked seat-time in one local hour of the week, such as Tuesday 10:00–11:00, counted in each
 * resource's own zone and summed over the window's weeks. A day of 23 hours adds nothing to the
 * hour it skips, a day of 25 hours adds both passes to the hour it repeats.
 *
 * @param day    the local day of the week
 * @param hour   the local hour, 0–23
 * @param booked seat-time of CONFIRMED, IN_PROGRESS, COMPLETED and NO_SHOW bookings in that hour,
 *               inside the window, with or without opening hours
 */
public record HourOfWeek(DayOfWeek day, int hour, Duration booked) {

    /**
     * Validates the components.
     *
     * @param day    the local day of the week
     * @param hour   the local hour, 0–23
     * @param booked seat-time of CONFIRMED, IN_PROGRESS, COMPLETED and NO_SHOW bookings in that
     *               hour, inside the window, with or without opening hours
     * @throws InvalidRequestException if {@code hour} is not 0 to 23 or {@code booked} is negative
     */
    public HourOfWeek {
        Require.nonNull(day, "day");
        if (hour < 0 || hour > 23) {
            throw new InvalidRequestException("hour must be 0-23, but was " + hour);
        }
        Require.notNegative(booked, "booked");
    }

    /**
     * The hour's place in a week from Monday 00:00 (0) to Sunday 23:00 (167).
     *
     * @return the index, 0 to 167
     */
    public int index() {
        return (day.getValue() - 1) * 24 + hour;
    }
}
