package io.bookingkit.recurrence.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.RecurrenceRule.WeekdayNum;
import io.bookingkit.time.WallClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.threeten.extra.Interval;

/**
 * Expands a {@link RecurrenceRule}: period by period from the first start's period, the local
 * dates the rule selects in each, then each date at the first start's time of day, then that
 * local date-time as an instant by {@link WallClock}. Work is linear in the periods up to the
 * end of the window.
 */
public final class Expander {

    /**
     * One occurrence.
     *
     * @param index its place in the rule's sequence, from 0 (excepted occurrences keep theirs)
     * @param local its local start
     * @param start its start instant
     */
    public record Occurrence(int index, LocalDateTime local, Instant start) {
    }

    private final RecurrenceRule rule;
    private final LocalDate firstDate;
    private final LocalTime time;

    private Expander(RecurrenceRule rule, LocalDateTime first) {
        this.rule = rule;
        this.firstDate = first.toLocalDate();
        this.time = first.toLocalTime();
    }

    /**
     * The occurrences of {@code rule} from {@code first} whose start lies in {@code window} and
     * whose local start is not in {@code exceptions}.
     *
     * @throws InvalidRequestException if {@code first} is not an occurrence of the rule, or the
     *                                 window ends more than {@link RecurrenceRule#MAX_SPAN} after it
     */
    public static List<Occurrence> expand(RecurrenceRule rule, LocalDateTime first, ZoneId zone, Interval window,
                                          Set<LocalDateTime> exceptions) {
        Require.nonNull(rule, "rule");
        Require.nonNull(first, "first");
        Require.nonNull(zone, "zone");
        Require.nonNull(window, "window");
        Instant firstStart = WallClock.toInstant(first.toLocalDate(), first.toLocalTime(), zone);
        if (Duration.between(firstStart, window.getEnd()).compareTo(RecurrenceRule.MAX_SPAN) > 0) {
            throw new InvalidRequestException("The window " + window + " ends more than " + RecurrenceRule.MAX_SPAN.toDays()
                    + " days after the first start " + first + "; ask for a window closer to it");
        }
        Expander expander = new Expander(rule, first);
        if (!expander.dates(0).contains(first.toLocalDate())) {
            throw new InvalidRequestException("The first start " + first + " (a " + first.getDayOfWeek()
                    + ") is not an occurrence of " + rule + "; start the series on a day the rule selects");
        }
        List<Occurrence> result = new ArrayList<>();
        if (!window.getEnd().isAfter(firstStart)) {
            return result;
        }
        // An instant just before the window's end can carry a later local time than the end's
        // own (the earlier 01:30 of a repeated hour lies before the later 01:15), hence a day more.
        LocalDate lastDate = LocalDateTime.ofInstant(window.getEnd(), zone).toLocalDate().plusDays(1);
        int produced = 0;
        for (long k = 0; ; k++) {
            if (expander.periodStart(k).isAfter(lastDate)) {
                return result;
            }
            for (LocalDate date : expander.dates(k)) {
                LocalDateTime local = date.atTime(expander.time);
                if (local.isBefore(first)) {
                    continue;
                }
                Instant start = WallClock.toInstant(date, expander.time, zone);
                if (rule.until().isPresent() && !rule.until().get().admits(local, start)) {
                    return result;
                }
                if (rule.count().isPresent() && produced >= rule.count().getAsInt()) {
                    return result;
                }
                if (!start.isBefore(window.getEnd())) {
                    return result;
                }
                if (!start.isBefore(window.getStart()) && !exceptions.contains(local)) {
                    result.add(new Occurrence(produced, local, start));
                }
                produced++;
            }
        }
    }

    /**
     * The first day of period {@code k}; periods begin with the one that holds the first start.
     * A period beyond the calendar's end (an INTERVAL of a billion years) starts at
     * {@link LocalDate#MAX}, after any window.
     */
    private LocalDate periodStart(long k) {
        long step = k * rule.interval();
        try {
            return switch (rule.frequency()) {
                case DAILY -> firstDate.plusDays(step);
                case WEEKLY -> weekOf(firstDate).plusWeeks(step);
                case MONTHLY -> YearMonth.from(firstDate).plusMonths(step).atDay(1);
                case YEARLY -> LocalDate.of(Math.toIntExact(firstDate.getYear() + step), 1, 1);
            };
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return LocalDate.MAX;
        }
    }

    private LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(rule.weekStart()));
    }

    /** The dates period {@code k} selects, in order, after {@code BYSETPOS}. */
    private List<LocalDate> dates(long k) {
        LocalDate start = periodStart(k);
        TreeSet<LocalDate> dates = new TreeSet<>();
        switch (rule.frequency()) {
            case DAILY -> {
                if (inMonths(start) && matchesMonthDay(start) && matchesPlainDay(start)) {
                    dates.add(start);
                }
            }
            case WEEKLY -> {
                for (int i = 0; i < 7; i++) {
                    LocalDate date = start.plusDays(i);
                    boolean day = rule.byDay().isEmpty() ? date.getDayOfWeek() == firstDate.getDayOfWeek()
                            : matchesPlainDay(date);
                    if (day && inMonths(date)) {
                        dates.add(date);
                    }
                }
            }
            case MONTHLY -> {
                if (inMonths(start)) {
                    dates.addAll(monthDates(YearMonth.from(start)));
                }
            }
            case YEARLY -> dates.addAll(yearDates(start.getYear()));
        }
        return setPositions(new ArrayList<>(dates));
    }

    private List<LocalDate> yearDates(int year) {
        List<LocalDate> dates = new ArrayList<>();
        if (!rule.byMonth().isEmpty()) {
            for (int month : rule.byMonth()) {
                dates.addAll(monthDates(YearMonth.of(year, month)));
            }
        } else if (!rule.byMonthDay().isEmpty()) {
            LocalDate jan1 = LocalDate.of(year, 1, 1);
            LocalDate dec31 = LocalDate.of(year, 12, 31);
            for (int month = 1; month <= 12; month++) {
                for (LocalDate date : monthDays(YearMonth.of(year, month))) {
                    if (rule.byDay().isEmpty() || matchesDay(date, jan1, dec31)) {
                        dates.add(date);
                    }
                }
            }
        } else if (!rule.byDay().isEmpty()) {
            dates.addAll(weekdays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), rule.byDay()));
        } else if (firstDate.getMonthValue() != 2 || firstDate.getDayOfMonth() != 29 || Year.isLeap(year)) {
            dates.add(LocalDate.of(year, firstDate.getMonth(), firstDate.getDayOfMonth()));
        }
        return dates;
    }

    private List<LocalDate> monthDates(YearMonth month) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        if (!rule.byMonthDay().isEmpty()) {
            return monthDays(month).stream().filter(d -> rule.byDay().isEmpty() || matchesDay(d, from, to)).toList();
        }
        if (!rule.byDay().isEmpty()) {
            return weekdays(from, to, rule.byDay());
        }
        return firstDate.getDayOfMonth() <= month.lengthOfMonth() ? List.of(month.atDay(firstDate.getDayOfMonth()))
                : List.of();
    }

    /** The {@code BYMONTHDAY} days that {@code month} has, in order. */
    private List<LocalDate> monthDays(YearMonth month) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int day : rule.byMonthDay()) {
            int resolved = day > 0 ? day : month.lengthOfMonth() + 1 + day;
            if (resolved >= 1 && resolved <= month.lengthOfMonth()) {
                days.add(month.atDay(resolved));
            }
        }
        return new ArrayList<>(days);
    }

    /** The days from {@code from} to {@code to} (inclusive) that {@code byDay} selects, ordinals counted in that range. */
    private static List<LocalDate> weekdays(LocalDate from, LocalDate to, List<WeekdayNum> byDay) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (WeekdayNum w : byDay) {
            List<LocalDate> all = new ArrayList<>();
            for (LocalDate d = from.with(TemporalAdjusters.nextOrSame(w.day())); !d.isAfter(to); d = d.plusWeeks(1)) {
                all.add(d);
            }
            if (w.ordinal() == 0) {
                dates.addAll(all);
            } else {
                int index = w.ordinal() > 0 ? w.ordinal() - 1 : all.size() + w.ordinal();
                if (index >= 0 && index < all.size()) {
                    dates.add(all.get(index));
                }
            }
        }
        return new ArrayList<>(dates);
    }

    private boolean matchesDay(LocalDate date, LocalDate scopeFrom, LocalDate scopeTo) {
        for (WeekdayNum w : rule.byDay()) {
            if (w.day() == date.getDayOfWeek()
                    && (w.ordinal() == 0 || weekdays(scopeFrom, scopeTo, List.of(w)).contains(date))) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesPlainDay(LocalDate date) {
        if (rule.byDay().isEmpty()) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return rule.byDay().stream().anyMatch(w -> w.day() == day);
    }

    private boolean inMonths(LocalDate date) {
        return rule.byMonth().isEmpty() || rule.byMonth().contains(date.getMonthValue());
    }

    private boolean matchesMonthDay(LocalDate date) {
        if (rule.byMonthDay().isEmpty()) {
            return true;
        }
        int length = date.lengthOfMonth();
        int day = date.getDayOfMonth();
        return rule.byMonthDay().stream().anyMatch(d -> d > 0 ? d == day : length + 1 + d == day);
    }

    private List<LocalDate> setPositions(List<LocalDate> dates) {
        if (rule.bySetPos().isEmpty()) {
            return dates;
        }
        TreeSet<LocalDate> picked = new TreeSet<>();
        for (int pos : rule.bySetPos()) {
            int index = pos > 0 ? pos - 1 : dates.size() + pos;
            if (index >= 0 && index < dates.size()) {
                picked.add(dates.get(index));
            }
        }
        return new ArrayList<>(picked);
    }
}
