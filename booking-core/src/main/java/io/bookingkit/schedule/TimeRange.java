package io.bookingkit.schedule;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.threeten.extra.Interval;

/**
 * A range of wall-clock time on one day, {@code [start, end)}. When {@code end} is not after
 * {@code start} the range runs past midnight into the next day: {@code 22:00-02:00} is a night
 * shift, and {@code 09:00-24:00} (end {@code 00:00}) runs until midnight. The range belongs to
 * the day it starts on.
 *
 * @param start the first local time of the range
 * @param end   the local time the range ends at; on the next day when not after {@code start}
 */
public record TimeRange(LocalTime start, LocalTime end) {

    /**
     * Validates the components.
     *
     * @param start the first local time of the range
     * @param end   the local time the range ends at; on the next day when not after {@code start}
     * @throws InvalidRequestException if either is not a whole minute
     */
    public TimeRange {
        Require.nonNull(start, "start");
        Require.nonNull(end, "end");
        requireWholeMinute(start, "start");
        requireWholeMinute(end, "end");
    }

    private static void requireWholeMinute(LocalTime time, String name) {
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new InvalidRequestException(name + " " + time + " must be a whole minute");
        }
    }

    /**
     * The range from {@code start} to {@code end}.
     *
     * @param start the first local time of the range, a whole minute
     * @param end   the local time the range ends at, a whole minute; on the next day when not after
     *              {@code start}
     * @return the range
     * @throws InvalidRequestException if either is not a whole minute
     */
    public static TimeRange of(LocalTime start, LocalTime end) {
        return new TimeRange(start, end);
    }

    /**
     * Parses {@code HH:mm-HH:mm}, where {@code 24:00} is accepted as the midnight that ends a day.
     *
     * @param text such as {@code 09:00-17:00}, {@code 22:00-02:00} or {@code 18:00-24:00}
     * @return the range
     * @throws InvalidRequestException naming the text and the reason
     */
    public static TimeRange parse(String text) {
        Require.nonNull(text, "text");
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new InvalidRequestException("Time range '" + text + "' must look like 09:00-17:00");
        }
        if (text.substring(0, dash).trim().equals("24:00")) {
            throw new InvalidRequestException("Time range '" + text + "' starts at 24:00, which can only end a range");
        }
        return new TimeRange(parseTime(text.substring(0, dash).trim(), text),
                parseTime(text.substring(dash + 1).trim(), text));
    }

    static LocalTime parseTime(String time, String context) {
        if ("24:00".equals(time)) {
            return LocalTime.MIDNIGHT;
        }
        if (!time.matches("\\d{2}:\\d{2}")) {
            throw new InvalidRequestException("Time '" + time + "' in '" + context + "' must be HH:mm, 00:00 to 24:00");
        }
        try {
            return LocalTime.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("Time '" + time + "' in '" + context + "' is not a valid time of day", e);
        }
    }

    /**
     * Whether the range ends on the day after it starts.
     *
     * @return true if {@code end} is not after {@code start}
     */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /**
     * The wall-clock length, ignoring daylight saving: {@code 22:00-02:00} is four hours.
     *
     * @return the length, more than zero and at most 24 hours
     */
    public Duration length() {
        Duration span = Duration.between(start, end);
        return crossesMidnight() ? span.plusDays(1) : span;
    }

    /**
     * The instants this range covers when it starts on {@code date} in {@code zone}, by the
     * {@link WallClock} rule: each end is resolved on its own, so a range inside a gap moves
     * forward with it ({@code 02:00-02:30} on a night that skips 02:00-03:00 is 03:00-03:30),
     * and a range whose start moves past its end is empty.
     *
     * @param date the day the range starts on
     * @param zone the zone of the wall-clock times
     * @return the half-open interval; empty when a transition moves the start past the end
     */
    public Interval on(LocalDate date, ZoneId zone) {
        Require.nonNull(date, "date");
        Require.nonNull(zone, "zone");
        LocalDate endDate = crossesMidnight() ? date.plusDays(1) : date;
        var from = WallClock.toInstant(date, start, zone);
        var to = WallClock.toInstant(endDate, end, zone);
        return to.isAfter(from) ? Interval.of(from, to) : Interval.of(from, from);
    }

    /** {@code HH:mm-HH:mm}, with a midnight end printed as {@code 24:00}. */
    @Override
    public String toString() {
        return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }
}
