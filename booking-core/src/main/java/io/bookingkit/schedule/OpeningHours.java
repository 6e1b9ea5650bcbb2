package io.bookingkit.schedule;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.schedule.internal.OpeningHoursText;
import io.bookingkit.time.IntervalSet;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.threeten.extra.Interval;

/**
 * When a resource is open, in its own time zone.
 *
 * <p>The hours of a local date come from the first of these that applies:
 * <ol>
 *   <li>an override for that date (closed, or other ranges);</li>
 *   <li>a yearly closure on its month and day (12-25), which closes it;</li>
 *   <li>the weekly hours in effect on that date: the base week, or the latest week given
 *       with {@link Builder#weeklyFrom(LocalDate, WeeklyHours)} whose first date is not after
 *       it.</li>
 * </ol>
 * A range that runs past midnight belongs to the day it starts on, so a Friday 22:00-02:00
 * shift still ends on Saturday 02:00 when Saturday is a holiday.
 *
 * <p>Local times become instants by the {@link WallClock} rule: each day is derived from its
 * own date, a time in a daylight-saving gap moves forward by the gap, and a time in an overlap
 * takes the earlier offset.
 *
 * <p>The compact text form, read by {@link #parse(String, ZoneId)} and written by
 * {@link #toText()}, is a list of rules separated by {@code ;}:
 * <pre>
 * Mo-Fr 09:00-12:00,13:00-18:00; Sa 10:00-14:00; Fr 22:00-02:00
 * 12-25 off                      yearly closure (month-day)
 * 2026-12-24 09:00-13:00         other hours on one date
 * 2026-12-31 off                 closed on one date
 * from 2027-03-01: Mo-Fr 10:00-18:00; Sa off    new weekly hours from that date on
 * </pre>
 * Days are {@code Mo Tu We Th Fr Sa Su}, as single days, ranges ({@code Mo-Fr}) or lists
 * ({@code Mo,We,Fr}); days not named are closed. Each day may be named once per week.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpeningHours {

    /** The longest window {@link #openIntervals} accepts unless the builder sets another. */
    public static final Duration DEFAULT_MAX_WINDOW = Duration.ofDays(400);

    private final ZoneId zone;
    private final NavigableMap<LocalDate, WeeklyHours> weeks;
    private final NavigableMap<LocalDate, List<TimeRange>> overrides;
    private final SortedSet<MonthDay> yearlyClosures;
    private final Duration maxWindow;

    private OpeningHours(OpeningHours hours, Duration maxWindow) {
        this.zone = hours.zone;
        this.weeks = hours.weeks;
        this.overrides = hours.overrides;
        this.yearlyClosures = hours.yearlyClosures;
        this.maxWindow = maxWindow;
    }

    private OpeningHours(Builder builder) {
        this.zone = builder.zone;
        TreeMap<LocalDate, WeeklyHours> givenWeeks = new TreeMap<>(builder.weeks);
        // A closed base week and no base week mean the same; keep one form so equals agrees.
        givenWeeks.remove(LocalDate.MIN, WeeklyHours.closed());
        this.weeks = Collections.unmodifiableNavigableMap(givenWeeks);
        this.overrides = Collections.unmodifiableNavigableMap(new TreeMap<>(builder.overrides));
        this.yearlyClosures = Collections.unmodifiableSortedSet(new TreeSet<>(builder.yearlyClosures));
        this.maxWindow = builder.maxWindow;
    }

    /**
     * A builder for hours in {@code zone}; everything is closed until opened.
     *
     * @param zone the resource's zone
     * @return a new builder
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /**
     * Reads the compact text form (see the class comment) for a resource in {@code zone}.
     *
     * @param text the rules, such as {@code Mo-Fr 09:00-18:00; Sa 10:00-14:00; 12-25 off}
     * @param zone the resource's zone
     * @return the hours
     * @throws OpeningHoursFormatException pointing at the first bad token
     */
    public static OpeningHours parse(String text, ZoneId zone) {
        Require.nonNull(text, "text");
        Builder builder = builder(zone);
        OpeningHoursText.parse(text, builder);
        return builder.build();
    }

    /**
     * The zone in which the hours are read.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The longest window {@link #openIntervals} accepts.
     *
     * @return a positive duration; {@link #DEFAULT_MAX_WINDOW} unless set
     */
    public Duration maxWindow() {
        return maxWindow;
    }

    /**
     * The same hours with another {@link #maxWindow()}.
     *
     * @param maxWindow the new limit, positive
     * @return a copy with only the limit changed
     * @throws InvalidRequestException if {@code maxWindow} is not positive
     */
    public OpeningHours withMaxWindow(Duration maxWindow) {
        return new OpeningHours(this, Require.positive(maxWindow, "maxWindow"));
    }

    /**
     * The weekly hours in effect on {@code date}, ignoring overrides and closures.
     *
     * @param date the local date
     * @return the base week, or the latest week given from a date not after {@code date}
     */
    public WeeklyHours weeklyHoursOn(LocalDate date) {
        Require.nonNull(date, "date");
        Map.Entry<LocalDate, WeeklyHours> entry = weeks.floorEntry(date);
        return entry == null ? WeeklyHours.closed() : entry.getValue();
    }

    /**
     * The base week, in effect before any {@code from} date.
     *
     * @return the base week; closed when none was given
     */
    public WeeklyHours baseWeek() {
        return weeks.getOrDefault(LocalDate.MIN, WeeklyHours.closed());
    }

    /**
     * The weeks that take effect from a date, by that date.
     *
     * @return the weeks by their first date, unmodifiable; empty when there is only a base week
     */
    public NavigableMap<LocalDate, WeeklyHours> weeksFrom() {
        return weeks.tailMap(LocalDate.MIN, false);
    }

    /**
     * The dates with their own hours (an empty list means closed).
     *
     * @return the overrides by date, unmodifiable
     */
    public NavigableMap<LocalDate, List<TimeRange>> overrides() {
        return overrides;
    }

    /**
     * The month-days closed every year.
     *
     * @return the closures, unmodifiable
     */
    public SortedSet<MonthDay> yearlyClosures() {
        return yearlyClosures;
    }

    /**
     * The ranges that start on {@code date}, after overrides and closures; empty if closed.
     *
     * @param date the local date
     * @return the ranges, in order
     */
    public List<TimeRange> hoursOn(LocalDate date) {
        Require.nonNull(date, "date");
        List<TimeRange> override = overrides.get(date);
        if (override != null) {
            return override;
        }
        if (yearlyClosures.contains(MonthDay.from(date))) {
            return List.of();
        }
        return weeklyHoursOn(date).on(date.getDayOfWeek());
    }

    /**
     * The instants at which the resource is open within {@code window}.
     *
     * @param window a bounded interval
     * @return the open instants, clipped to the window
     * @throws InvalidRequestException if the window is unbounded or longer than {@link #maxWindow()}
     */
    public IntervalSet openIntervals(Interval window) {
        Require.bounded(window, "window");
        Require.maxLength(window, maxWindow, "window");
        if (window.isEmpty()) {
            return IntervalSet.empty();
        }
        // Start a day early: the previous day's ranges may run past midnight into the window.
        LocalDate first = window.getStart().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = window.getEnd().atZone(zone).toLocalDate();
        List<Interval> open = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (TimeRange range : hoursOn(date)) {
                open.add(range.on(date, zone));
            }
        }
        return IntervalSet.of(open).intersection(window);
    }

    /**
     * Whether the resource is open during the whole of {@code interval}.
     *
     * @param interval a bounded, non-empty interval no longer than {@link #maxWindow()}
     * @return true if the resource is open at every instant of it
     * @throws InvalidRequestException if the interval is unbounded, empty or too long
     */
    public boolean isOpenThroughout(Interval interval) {
        Require.boundedNonEmpty(interval, "interval");
        return openIntervals(interval).encloses(interval);
    }

    /**
     * The compact text form, which {@link #parse(String, ZoneId)} reads back to an equal value.
     *
     * @return the rules; {@code ""} when always closed
     */
    public String toText() {
        return OpeningHoursText.print(this);
    }

    /**
     * Equal when the zone and every rule are equal. {@link #maxWindow()} is a safety limit on
     * queries, not part of the schedule, and the text form does not carry it, so it is left out.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof OpeningHours other
                && zone.equals(other.zone)
                && weeks.equals(other.weeks)
                && overrides.equals(other.overrides)
                && yearlyClosures.equals(other.yearlyClosures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, weeks, overrides, yearlyClosures);
    }

    /** The zone and the compact text form. */
    @Override
    public String toString() {
        return "OpeningHours[" + zone + ": " + toText() + "]";
    }

    /** Collects weekly hours, overrides and closures. Not thread-safe. */
    public static final class Builder {
        private final ZoneId zone;
        private final TreeMap<LocalDate, WeeklyHours> weeks = new TreeMap<>();
        private final TreeMap<LocalDate, List<TimeRange>> overrides = new TreeMap<>();
        private final TreeSet<MonthDay> yearlyClosures = new TreeSet<>();
        private Duration maxWindow = DEFAULT_MAX_WINDOW;

        private Builder(ZoneId zone) {
            this.zone = Require.nonNull(zone, "zone");
        }

        /**
         * The base week, in effect on every date before the first {@link #weeklyFrom} date.
         *
         * @param week the regular week
         * @return this builder
         */
        public Builder weekly(WeeklyHours week) {
            weeks.put(LocalDate.MIN, Require.nonNull(week, "week"));
            return this;
        }

        /**
         * New weekly hours in effect from {@code firstDate} on (until a later one takes over).
         *
         * @param firstDate the first date the week applies to
         * @param week      the week
         * @return this builder
         * @throws InvalidRequestException if a week was already given from that date
         */
        public Builder weeklyFrom(LocalDate firstDate, WeeklyHours week) {
            Require.nonNull(firstDate, "firstDate");
            Require.nonNull(week, "week");
            if (firstDate.equals(LocalDate.MIN) || weeks.containsKey(firstDate)) {
                throw new InvalidRequestException("Weekly hours from " + firstDate + " are given twice");
            }
            weeks.put(firstDate, week);
            return this;
        }

        /**
         * Other hours on {@code date}; no ranges means closed that day.
         *
         * @param date   the date
         * @param ranges its opening ranges, in any order; none to close it
         * @return this builder
         * @throws InvalidRequestException if the date was already overridden or the ranges are invalid
         */
        public Builder override(LocalDate date, TimeRange... ranges) {
            Require.nonNull(date, "date");
            Require.nonNull(ranges, "ranges");
            if (overrides.containsKey(date)) {
                throw new InvalidRequestException("Date " + date + " is overridden twice");
            }
            // Reuse the weekly validation rules for one day's ranges.
            WeeklyHours day = WeeklyHours.builder().on(date.getDayOfWeek(), ranges).build();
            overrides.put(date, day.on(date.getDayOfWeek()));
            return this;
        }

        /**
         * Closed on {@code date}.
         *
         * @param date the date
         * @return this builder
         * @throws InvalidRequestException if the date was already overridden
         */
        public Builder closedOn(LocalDate date) {
            return override(date);
        }

        /**
         * Closed on this month and day every year (February 29 only in leap years).
         *
         * @param monthDay the month and day
         * @return this builder
         */
        public Builder closedEveryYear(MonthDay monthDay) {
            yearlyClosures.add(Require.nonNull(monthDay, "monthDay"));
            return this;
        }

        /**
         * The longest window {@link OpeningHours#openIntervals} accepts; 400 days by default.
         *
         * @param maxWindow the limit, positive
         * @return this builder
         * @throws InvalidRequestException if {@code maxWindow} is not positive
         */
        public Builder maxWindow(Duration maxWindow) {
            this.maxWindow = Require.positive(maxWindow, "maxWindow");
            return this;
        }

        /**
         * The zone the hours are read in.
         *
         * @return the zone given to {@link OpeningHours#builder(ZoneId)}
         */
        public ZoneId zone() {
            return zone;
        }

        /**
         * The hours as given so far.
         *
         * @return new opening hours
         */
        public OpeningHours build() {
            return new OpeningHours(this);
        }
    }
}
