package io.bookingkit.recurrence;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.recurrence.internal.Expander;
import io.bookingkit.recurrence.internal.RuleParser;
import io.bookingkit.time.WallClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.threeten.extra.Interval;

/**
 * A recurrence rule: the subset of RFC 5545's {@code RRULE} that describes appointments —
 * {@code FREQ} (DAILY, WEEKLY, MONTHLY, YEARLY), {@code INTERVAL}, {@code COUNT} or
 * {@code UNTIL}, {@code BYDAY} (with ordinals such as {@code 2TU} or {@code -1FR} in monthly and
 * yearly rules), {@code BYMONTHDAY} (negative counts from the month's end), {@code BYMONTH},
 * {@code BYSETPOS} and {@code WKST}. Immutable and thread-safe; equal rules mean the same
 * recurrence, and {@code parse(rule.toString())} equals {@code rule}.
 *
 * <p>Expansion works on the calendar first: every occurrence is the first start's local time of
 * day on a local date the rule selects. Dates that do not exist (30 February, a fifth Monday a
 * month lacks) are skipped, as RFC 5545 says, and do not count towards {@code COUNT}. Only then
 * does each local date-time become an instant, by the project's one daylight-saving rule
 * ({@link io.bookingkit.time.WallClock}): a start in a gap moves forward by the gap, a start in an
 * overlap takes the earlier offset. So 18:00 every Tuesday stays 18:00 local on both sides of a
 * change.
 *
 * <p>The first start must itself be an occurrence of the rule (RFC 5545 leaves the result
 * undefined otherwise); it is the first one counted. Expansion is linear in the periods between
 * the first start and the end of the window asked for, which may be at most {@link #MAX_SPAN}
 * apart.
 */
public final class RecurrenceRule {

    /** How far from the first start an expansion may reach: 100 years of 366 days. */
    public static final Duration MAX_SPAN = Duration.ofDays(36_600);

    /** The {@code FREQ} of a rule: the length of its periods. */
    public enum Frequency {
        /** Periods of one day. */
        DAILY,
        /** Periods of one week, starting on the rule's {@linkplain RecurrenceRule#weekStart() week start}. */
        WEEKLY,
        /** Periods of one calendar month. */
        MONTHLY,
        /** Periods of one calendar year. */
        YEARLY
    }

    /**
     * One {@code BYDAY} entry: a day of the week, and in monthly and yearly rules optionally
     * which one of the month's (or year's) such days, counted from the start (1, 2 …) or from
     * the end (-1, -2 …); 0 means every one.
     *
     * @param ordinal which of the period's such days, from -53 to 53; 0 for every one
     * @param day     the day of the week
     */
    public record WeekdayNum(int ordinal, DayOfWeek day) {
        /**
         * Validates the components.
         *
         * @param ordinal which of the period's such days, from -53 to 53; 0 for every one
         * @param day     the day of the week
         * @throws InvalidRequestException if the ordinal is outside -53 to 53
         */
        public WeekdayNum {
            Require.nonNull(day, "day");
            if (ordinal < -53 || ordinal > 53) {
                throw new InvalidRequestException("BYDAY ordinal " + ordinal + " must be between -53 and 53");
            }
        }

        /**
         * Every {@code day}, without an ordinal.
         *
         * @param day the day of the week
         * @return the entry, with ordinal 0
         */
        public static WeekdayNum every(DayOfWeek day) {
            return new WeekdayNum(0, day);
        }

        @Override
        public String toString() {
            return (ordinal == 0 ? "" : Integer.toString(ordinal)) + day.name().substring(0, 2);
        }
    }

    /**
     * An {@code UNTIL}: the last date ({@code 20261231}), the last local date-time
     * ({@code 20261231T180000}) or the last instant ({@code 20261231T170000Z}) an occurrence may
     * start at, inclusive.
     *
     * @param value    the date-time; at the start of the day for a date
     * @param dateOnly whether it is a date
     * @param utc      whether it is an instant, given at UTC
     */
    public record Until(LocalDateTime value, boolean dateOnly, boolean utc) {
        private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

        /**
         * Validates the components.
         *
         * @param value    the date-time; at the start of the day for a date
         * @param dateOnly whether it is a date
         * @param utc      whether it is an instant, given at UTC
         * @throws InvalidRequestException if it is both a date and at UTC, or a date not at the
         *                                 start of its day
         */
        public Until {
            Require.nonNull(value, "value");
            if (dateOnly && utc) {
                throw new InvalidRequestException("UNTIL is either a date or a UTC date-time, not both");
            }
            if (dateOnly && !value.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                throw new InvalidRequestException("UNTIL date " + value + " must be at the start of its day");
            }
        }

        /**
         * The last day on which an occurrence may start.
         *
         * @param lastDay the last day
         * @return a date {@code UNTIL}
         */
        public static Until date(LocalDate lastDay) {
            return new Until(Require.nonNull(lastDay, "lastDay").atStartOfDay(), true, false);
        }

        /**
         * Whether an occurrence at local {@code start}, at {@code instant}, lies within it.
         *
         * @param start   the occurrence's local start
         * @param instant the same start as an instant
         * @return true if the occurrence starts on or before the {@code UNTIL}
         */
        public boolean admits(LocalDateTime start, Instant instant) {
            if (dateOnly) {
                return !start.toLocalDate().isAfter(value.toLocalDate());
            }
            return utc ? !instant.isAfter(value.toInstant(ZoneOffset.UTC)) : !start.isAfter(value);
        }

        @Override
        public String toString() {
            return dateOnly ? DATE.format(value) : DATE_TIME.format(value) + (utc ? "Z" : "");
        }
    }

    private static final Comparator<WeekdayNum> WEEKDAY_ORDER =
            Comparator.comparing(WeekdayNum::day).thenComparingInt(WeekdayNum::ordinal);

    private final Frequency frequency;
    private final int interval;
    private final OptionalInt count;
    private final Optional<Until> until;
    private final List<WeekdayNum> byDay;
    private final List<Integer> byMonthDay;
    private final List<Integer> byMonth;
    private final List<Integer> bySetPos;
    private final DayOfWeek weekStart;

    /**
     * A rule from its parts, checked as {@link #parse} checks them; lists may be in any order and
     * are kept sorted, without repeats.
     *
     * @param frequency  the {@code FREQ}
     * @param interval   the {@code INTERVAL}, at least 1
     * @param count      the {@code COUNT}, at least 1; empty for none
     * @param until      the {@code UNTIL}; empty for none, and empty when there is a count
     * @param byDay      the {@code BYDAY} entries; ordinals only in monthly (at most 5 either way)
     *                   and yearly rules
     * @param byMonthDay the {@code BYMONTHDAY} entries, 1 to 31 or -31 to -1; none in a weekly rule
     * @param byMonth    the {@code BYMONTH} entries, 1 to 12
     * @param bySetPos   the {@code BYSETPOS} entries, 1 to 366 or -366 to -1; only with another
     *                   {@code BYxxx} part
     * @param weekStart  the {@code WKST}
     * @throws InvalidRequestException naming the part that RFC 5545 or this subset refuses
     */
    public RecurrenceRule(Frequency frequency, int interval, OptionalInt count, Optional<Until> until,
                          Collection<WeekdayNum> byDay, Collection<Integer> byMonthDay, Collection<Integer> byMonth,
                          Collection<Integer> bySetPos, DayOfWeek weekStart) {
        this.frequency = Require.nonNull(frequency, "frequency");
        this.interval = interval;
        this.count = Require.nonNull(count, "count");
        this.until = Require.nonNull(until, "until");
        this.byDay = sorted(Require.elements(byDay, "byDay"), WEEKDAY_ORDER);
        this.byMonthDay = sorted(Require.elements(byMonthDay, "byMonthDay"), Comparator.naturalOrder());
        this.byMonth = sorted(Require.elements(byMonth, "byMonth"), Comparator.naturalOrder());
        this.bySetPos = sorted(Require.elements(bySetPos, "bySetPos"), Comparator.naturalOrder());
        this.weekStart = Require.nonNull(weekStart, "weekStart");
        check();
    }

    private void check() {
        if (interval < 1) {
            throw new InvalidRequestException("INTERVAL=" + interval + " must be at least 1");
        }
        if (count.isPresent() && count.getAsInt() < 1) {
            throw new InvalidRequestException("COUNT=" + count.getAsInt() + " must be at least 1");
        }
        if (count.isPresent() && until.isPresent()) {
            throw new InvalidRequestException("COUNT and UNTIL must not both be given (RFC 5545, 3.3.10)");
        }
        for (WeekdayNum d : byDay) {
            if (d.ordinal() != 0 && frequency != Frequency.MONTHLY && frequency != Frequency.YEARLY) {
                throw new InvalidRequestException("BYDAY=" + d + " has an ordinal, which only MONTHLY and YEARLY rules "
                        + "may have, not " + frequency);
            }
            if (frequency == Frequency.MONTHLY && Math.abs(d.ordinal()) > 5) {
                throw new InvalidRequestException("BYDAY=" + d + " asks for more weekdays than a month has (at most 5)");
            }
        }
        for (int day : byMonthDay) {
            if (day == 0 || day < -31 || day > 31) {
                throw new InvalidRequestException("BYMONTHDAY=" + day + " must be between 1 and 31 or -31 and -1");
            }
        }
        if (!byMonthDay.isEmpty() && frequency == Frequency.WEEKLY) {
            throw new InvalidRequestException("BYMONTHDAY must not be given in a WEEKLY rule (RFC 5545, 3.3.10)");
        }
        for (int month : byMonth) {
            if (month < 1 || month > 12) {
                throw new InvalidRequestException("BYMONTH=" + month + " must be between 1 and 12");
            }
        }
        for (int pos : bySetPos) {
            if (pos == 0 || pos < -366 || pos > 366) {
                throw new InvalidRequestException("BYSETPOS=" + pos + " must be between 1 and 366 or -366 and -1");
            }
        }
        if (!bySetPos.isEmpty() && byDay.isEmpty() && byMonthDay.isEmpty() && byMonth.isEmpty()) {
            throw new InvalidRequestException("BYSETPOS needs another BYxxx part to pick from (RFC 5545, 3.3.10)");
        }
    }

    private static <T> List<T> sorted(Collection<T> values, Comparator<? super T> order) {
        TreeSet<T> set = new TreeSet<>(order);
        set.addAll(values);
        return List.copyOf(set);
    }

    /**
     * Reads an {@code RRULE} value such as {@code FREQ=WEEKLY;BYDAY=TU;COUNT=10}, with or without
     * the {@code RRULE:} prefix; names and values are case-insensitive.
     *
     * @param rrule the rule's text
     * @return the rule
     * @throws InvalidRequestException naming the part, and the column (from 1) where it starts,
     *                                 that is malformed, repeated or outside the subset
     */
    public static RecurrenceRule parse(String rrule) {
        return RuleParser.parse(rrule);
    }

    /**
     * Every day, {@code count} times.
     *
     * @param count the number of occurrences, at least 1
     * @return the rule
     * @throws InvalidRequestException if {@code count} is below 1
     */
    public static RecurrenceRule daily(int count) {
        return simple(Frequency.DAILY, 1, List.of()).count(count);
    }

    /**
     * Every week on {@code days} (the first start's day when none is given); unbounded until
     * {@link #count} or {@link #until}.
     *
     * @param days the days of the week; none for the first start's day
     * @return the rule
     */
    public static RecurrenceRule weekly(DayOfWeek... days) {
        return simple(Frequency.WEEKLY, 1, weekdays(days));
    }

    /**
     * Every other week on {@code days} (the first start's day when none is given).
     *
     * @param days the days of the week; none for the first start's day
     * @return the rule
     */
    public static RecurrenceRule everyOtherWeek(DayOfWeek... days) {
        return simple(Frequency.WEEKLY, 2, weekdays(days));
    }

    /**
     * Every month on day {@code dayOfMonth} (-1 is the last day); months without that day are
     * skipped.
     *
     * @param dayOfMonth 1 to 31, or -31 to -1 counted from the month's end
     * @return the rule, unbounded until {@link #count} or {@link #until}
     * @throws InvalidRequestException if {@code dayOfMonth} is 0 or outside those ranges
     */
    public static RecurrenceRule monthlyOnDay(int dayOfMonth) {
        return new RecurrenceRule(Frequency.MONTHLY, 1, OptionalInt.empty(), Optional.empty(), List.of(),
                List.of(dayOfMonth), List.of(), List.of(), DayOfWeek.MONDAY);
    }

    /**
     * Every month on the {@code ordinal}-th {@code day} (-1 is the last); months without it are
     * skipped.
     *
     * @param ordinal 1 to 5 from the start of the month, or -1 to -5 from its end
     * @param day     the day of the week
     * @return the rule, unbounded until {@link #count} or {@link #until}
     * @throws InvalidRequestException if {@code ordinal} is 0 or outside those ranges
     */
    public static RecurrenceRule monthlyOnWeekday(int ordinal, DayOfWeek day) {
        if (ordinal == 0) {
            throw new InvalidRequestException("ordinal must not be 0: say which of the month's " + day
                    + "s, 1 to 5 from the start or -1 to -5 from the end");
        }
        return simple(Frequency.MONTHLY, 1, List.of(new WeekdayNum(ordinal, day)));
    }

    private static RecurrenceRule simple(Frequency frequency, int interval, List<WeekdayNum> days) {
        return new RecurrenceRule(frequency, interval, OptionalInt.empty(), Optional.empty(), days, List.of(),
                List.of(), List.of(), DayOfWeek.MONDAY);
    }

    private static List<WeekdayNum> weekdays(DayOfWeek... days) {
        return Arrays.stream(Require.nonNull(days, "days")).map(d -> WeekdayNum.every(Require.nonNull(d, "day")))
                .toList();
    }

    /**
     * This rule ending after {@code n} occurrences.
     *
     * @param n the number of occurrences, at least 1
     * @return a new rule
     * @throws InvalidRequestException if it has an {@code UNTIL} already, or {@code n} is below 1
     */
    public RecurrenceRule count(int n) {
        if (until.isPresent()) {
            throw new InvalidRequestException("This rule ends with UNTIL=" + until.get()
                    + " already; COUNT and UNTIL must not both be given");
        }
        return new RecurrenceRule(frequency, interval, OptionalInt.of(n), until, byDay, byMonthDay, byMonth, bySetPos,
                weekStart);
    }

    /**
     * This rule ending with the last occurrence on or before {@code lastDay}.
     *
     * @param lastDay the last local date an occurrence may start on
     * @return a new rule
     * @throws InvalidRequestException if it has a {@code COUNT} already
     */
    public RecurrenceRule until(LocalDate lastDay) {
        if (count.isPresent()) {
            throw new InvalidRequestException("This rule ends with COUNT=" + count.getAsInt()
                    + " already; COUNT and UNTIL must not both be given");
        }
        return new RecurrenceRule(frequency, interval, count, Optional.of(Until.date(lastDay)), byDay, byMonthDay,
                byMonth, bySetPos, weekStart);
    }

    /**
     * The start instants of the occurrences that lie in {@code window}, in order.
     *
     * @param first  the first occurrence, as local date and time of day in {@code zone}
     * @param window the half-open range of instants to return occurrences from
     * @param zone   the zone of the local times
     * @return the start instants, in order
     * @throws InvalidRequestException if {@code first} is not an occurrence of this rule, or the
     *                                 window ends more than {@link #MAX_SPAN} after it
     */
    public List<Instant> occurrences(LocalDateTime first, ZoneId zone, Interval window) {
        return occurrences(first, zone, window, Set.of());
    }

    /**
     * As {@link #occurrences(LocalDateTime, ZoneId, Interval)}, without the occurrences whose
     * local start is in {@code exceptions} (iCalendar's {@code EXDATE}); excepted occurrences
     * still count towards {@code COUNT}, as in RFC 5545.
     *
     * @param first      the first occurrence, as local date and time of day in {@code zone}
     * @param zone       the zone of the local times
     * @param window     the half-open range of instants to return occurrences from
     * @param exceptions the local starts to leave out
     * @return the start instants, in order
     * @throws InvalidRequestException as {@link #occurrences(LocalDateTime, ZoneId, Interval)}, or
     *                                 if the window is unbounded
     */
    public List<Instant> occurrences(LocalDateTime first, ZoneId zone, Interval window,
                                     Collection<LocalDateTime> exceptions) {
        Require.nonNull(window, "window");
        Require.bounded(window, "window");
        return Expander.expand(this, first, zone, window, Set.copyOf(Require.elements(exceptions, "exceptions")))
                .stream().map(Expander.Occurrence::start).toList();
    }

    /**
     * The local start date-times of the occurrences from {@code first} up to {@code end}
     * (exclusive), in order, for calendars that show a series in local terms.
     *
     * @param first the first occurrence, as local date and time of day in {@code zone}
     * @param zone  the zone of the local times
     * @param end   the local date-time before which occurrences are returned
     * @return the local starts, in order
     * @throws InvalidRequestException as {@link #occurrences(LocalDateTime, ZoneId, Interval)}
     */
    public List<LocalDateTime> localOccurrences(LocalDateTime first, ZoneId zone, LocalDateTime end) {
        Require.nonNull(end, "end");
        Require.nonNull(zone, "zone");
        Require.nonNull(first, "first");
        // The cut is by local time: a start in a gap maps to a later instant than its local time
        // says, so the window reaches a day past the end and the local times are cut after.
        Instant from = WallClock.toInstant(first.toLocalDate(), first.toLocalTime(), zone);
        LocalDateTime past = end.plusDays(1);
        Instant to = WallClock.toInstant(past.toLocalDate(), past.toLocalTime(), zone);
        Interval window = Interval.of(from, to.isAfter(from) ? to : from);
        return Expander.expand(this, first, zone, window, Set.of()).stream()
                .map(Expander.Occurrence::local).filter(local -> local.isBefore(end)).toList();
    }

    /**
     * The {@code FREQ}: the length of the rule's periods.
     *
     * @return the frequency
     */
    public Frequency frequency() {
        return frequency;
    }

    /**
     * How many periods apart the occurrences' periods are; 1 unless {@code INTERVAL} says
     * otherwise.
     *
     * @return the interval, at least 1
     */
    public int interval() {
        return interval;
    }

    /**
     * The {@code COUNT}: how many occurrences there are in all, the excepted ones included.
     *
     * @return the count, or empty when there is none
     */
    public OptionalInt count() {
        return count;
    }

    /**
     * The {@code UNTIL}: the last date, local date-time or instant an occurrence may start at.
     *
     * @return the until, or empty when there is none
     */
    public Optional<Until> until() {
        return until;
    }

    /**
     * The {@code BYDAY} entries, sorted by day and ordinal.
     *
     * @return the entries; empty when there are none
     */
    public List<WeekdayNum> byDay() {
        return byDay;
    }

    /**
     * The {@code BYMONTHDAY} entries, sorted.
     *
     * @return the entries; empty when there are none
     */
    public List<Integer> byMonthDay() {
        return byMonthDay;
    }

    /**
     * The {@code BYMONTH} entries, sorted.
     *
     * @return the entries; empty when there are none
     */
    public List<Integer> byMonth() {
        return byMonth;
    }

    /**
     * The {@code BYSETPOS} entries, sorted.
     *
     * @return the entries; empty when there are none
     */
    public List<Integer> bySetPos() {
        return bySetPos;
    }

    /**
     * The first day of the week ({@code WKST}); Monday unless the rule says otherwise.
     *
     * @return the day
     */
    public DayOfWeek weekStart() {
        return weekStart;
    }

    /** The {@code RRULE} value, parts in a fixed order, defaults left out; {@link #parse} reads it back. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("FREQ=" + frequency);
        if (interval != 1) {
            parts.add("INTERVAL=" + interval);
        }
        count.ifPresent(n -> parts.add("COUNT=" + n));
        until.ifPresent(u -> parts.add("UNTIL=" + u));
        join(parts, "BYMONTH", byMonth);
        join(parts, "BYMONTHDAY", byMonthDay);
        join(parts, "BYDAY", byDay);
        join(parts, "BYSETPOS", bySetPos);
        if (weekStart != DayOfWeek.MONDAY) {
            parts.add("WKST=" + weekStart.name().substring(0, 2));
        }
        return String.join(";", parts);
    }

    private static void join(List<String> parts, String name, List<?> values) {
        if (!values.isEmpty()) {
            parts.add(name + "=" + values.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrenceRule r && frequency == r.frequency && interval == r.interval
                && count.equals(r.count) && until.equals(r.until) && byDay.equals(r.byDay)
                && byMonthDay.equals(r.byMonthDay) && byMonth.equals(r.byMonth) && bySetPos.equals(r.bySetPos)
                && weekStart == r.weekStart;
    }

    @Override
    public int hashCode() {
        return Objects.hash(frequency, interval, count, until, byDay, byMonthDay, byMonth, bySetPos, weekStart);
    }
}
