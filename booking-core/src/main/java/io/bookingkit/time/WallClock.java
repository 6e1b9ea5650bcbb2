package io.bookingkit.time;

import io.bookingkit.internal.Require;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one rule by which bookingkit turns a wall-clock time into an instant.
 *
 * <ul>
 *   <li>Every local time is derived from its own {@link LocalDate}; never by stepping a
 *       previous {@code ZonedDateTime} by a duration, which would drift across a transition.</li>
 *   <li>A local time in a gap (spring forward) moves forward by the gap's length: 02:30 on a
 *       night that jumps from 02:00 to 03:00 is 03:30.</li>
 *   <li>A local time in an overlap (fall back) takes the earlier offset, so 02:30 on a night
 *       that repeats 02:00–03:00 is the first 02:30.</li>
 * </ul>
 *
 * <p>It follows that a day from 00:00 to the next 00:00 lasts 23 hours on a spring-forward day
 * and 25 hours on a fall-back day, and opening hours on those days offer one hour less or more.
 */
public final class WallClock {

    private WallClock() {
    }

    /**
     * The instant of {@code time} on {@code date} in {@code zone}, by the rule above.
     *
     * @param date the local date
     * @param time the local time of day
     * @param zone the zone whose rules resolve the local time
     * @return the instant
     */
    public static Instant toInstant(LocalDate date, LocalTime time, ZoneId zone) {
        Require.nonNull(date, "date");
        Require.nonNull(time, "time");
        Require.nonNull(zone, "zone");
        // ZonedDateTime.of resolves gaps by shifting forward by the gap and overlaps to the
        // earlier offset, which is exactly the documented rule.
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /**
     * The first instant of {@code date} in {@code zone}; not always 00:00 (America/Havana).
     *
     * @param date the local date
     * @param zone the zone whose rules give the day's first instant
     * @return the instant the date begins
     */
    public static Instant startOfDay(LocalDate date, ZoneId zone) {
        Require.nonNull(date, "date");
        Require.nonNull(zone, "zone");
        return date.atStartOfDay(zone).toInstant();
    }

    /**
     * The whole local day {@code date} in {@code zone}, as a half-open interval.
     *
     * @param date the local date
     * @param zone the zone whose rules give the day's ends
     * @return from the start of {@code date} to the start of the next day; 23 or 25 hours long on a
     *         day with a transition
     */
    public static org.threeten.extra.Interval day(LocalDate date, ZoneId zone) {
        return org.threeten.extra.Interval.of(startOfDay(date, zone), startOfDay(date.plusDays(1), zone));
    }
}
