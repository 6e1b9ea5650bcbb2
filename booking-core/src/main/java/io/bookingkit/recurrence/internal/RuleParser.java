package io.bookingkit.recurrence.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.RecurrenceRule.Frequency;
import io.bookingkit.recurrence.RecurrenceRule.Until;
import io.bookingkit.recurrence.RecurrenceRule.WeekdayNum;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code RRULE} subset of {@link RecurrenceRule}; every refusal names the part and its column. */
public final class RuleParser {

    private static final Set<String> OUTSIDE = Set.of("BYSECOND", "BYMINUTE", "BYHOUR", "BYWEEKNO", "BYYEARDAY",
            "RSCALE", "SKIP");
    private static final Map<String, DayOfWeek> DAYS = Map.of("MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY,
            "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY, "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY,
            "SU", DayOfWeek.SUNDAY);
    private static final Pattern WEEKDAY_NUM = Pattern.compile("([+-]?\\d{1,2})?([A-Z]{2})");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String PREFIX = "RRULE:";

    private RuleParser() {
    }

    /** See {@link RecurrenceRule#parse}. */
    public static RecurrenceRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("RRULE must not be blank");
        }
        int offset = text.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? PREFIX.length() : 0;
        Frequency frequency = null;
        int interval = 1;
        OptionalInt count = OptionalInt.empty();
        Optional<Until> until = Optional.empty();
        List<WeekdayNum> byDay = List.of();
        List<Integer> byMonthDay = List.of();
        List<Integer> byMonth = List.of();
        List<Integer> bySetPos = List.of();
        DayOfWeek weekStart = DayOfWeek.MONDAY;
        Map<String, Integer> columns = new java.util.HashMap<>();
        int column = offset + 1;
        for (String part : text.substring(offset).split(";", -1)) {
            Part p = Part.of(part, column);
            if (columns.putIfAbsent(p.name, column) != null) {
                throw p.refused("is repeated; each part may appear once");
            }
            switch (p.name) {
                case "FREQ" -> frequency = p.frequency();
                case "INTERVAL" -> interval = p.integer();
                case "COUNT" -> count = OptionalInt.of(p.integer());
                case "UNTIL" -> until = Optional.of(p.until());
                case "BYDAY" -> byDay = p.list(p::weekdayNum);
                case "BYMONTHDAY" -> byMonthDay = p.list(p::integerOf);
                case "BYMONTH" -> byMonth = p.list(p::integerOf);
                case "BYSETPOS" -> bySetPos = p.list(p::integerOf);
                case "WKST" -> weekStart = p.day(p.value);
                default -> throw OUTSIDE.contains(p.name)
                        ? p.refused("is outside the subset bookingkit reads (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
                                + "BYMONTHDAY, BYMONTH, BYSETPOS, WKST)")
                        : p.refused("is not an RRULE part");
            }
            column += part.length() + 1;
        }
        if (frequency == null) {
            throw new InvalidRequestException("RRULE '" + text + "' has no FREQ");
        }
        try {
            return new RecurrenceRule(frequency, interval, count, until, byDay, byMonthDay, byMonth, bySetPos, weekStart);
        } catch (InvalidRequestException e) {
            // The rule's own checks name the part first ("INTERVAL=0 must be …"); say where it is.
            String name = e.getMessage().split("[= ]", 2)[0];
            String where = columns.containsKey(name) ? " (the part at column " + columns.get(name) + ")" : "";
            throw new InvalidRequestException("RRULE '" + text + "': " + e.getMessage() + where, e);
        }
    }

    /** One {@code NAME=VALUE} of the rule, and where it starts. */
    private record Part(String text, String name, String value, int column) {

        static Part of(String text, int column) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new InvalidRequestException("RRULE part '" + text + "' at column " + column
                        + " is not NAME=VALUE");
            }
            return new Part(text, text.substring(0, eq).trim().toUpperCase(Locale.ROOT),
                    text.substring(eq + 1).trim().toUpperCase(Locale.ROOT), column);
        }

        InvalidRequestException refused(String why) {
            return new InvalidRequestException("RRULE part '" + text + "' at column " + column + " " + why);
        }

        Frequency frequency() {
            try {
                return Frequency.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw refused("is outside the subset bookingkit reads (DAILY, WEEKLY, MONTHLY, YEARLY)");
            }
        }

        int integer() {
            return integerOf(value);
        }

        int integerOf(String v) {
            if (!INTEGER.matcher(v).matches()) {
                throw refused("has '" + v + "', which is not a whole number");
            }
            return Integer.parseInt(v);
        }

        DayOfWeek day(String v) {
            DayOfWeek day = DAYS.get(v);
            if (day == null) {
                throw refused("has '" + v + "', which is not a day (MO, TU, WE, TH, FR, SA, SU)");
            }
            return day;
        }

        WeekdayNum weekdayNum(String v) {
            Matcher m = WEEKDAY_NUM.matcher(v);
            if (!m.matches()) {
                throw refused("has '" + v + "', which is not a day with an optional ordinal such as TU, 2TU or -1FR");
            }
            int ordinal = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            if (m.group(1) != null && ordinal == 0) {
                throw refused("has '" + v + "', whose ordinal must not be 0");
            }
            try {
                return new WeekdayNum(ordinal, day(m.group(2)));
            } catch (InvalidRequestException e) {
                throw refused("has '" + v + "': " + e.getMessage());
            }
        }

        Until until() {
            try {
                if (value.length() == 8) {
                    return Until.date(LocalDate.parse(value, DATE));
                }
                boolean utc = value.endsWith("Z");
                LocalDateTime at = LocalDateTime.parse(utc ? value.substring(0, value.length() - 1) : value, DATE_TIME);
                return new Until(at, false, utc);
            } catch (DateTimeException e) {
                throw refused("has '" + value + "', which is not a date (20261231) or a date-time (20261231T180000, "
                        + "or 20261231T170000Z at UTC)");
            }
        }

        <T> List<T> list(Function<String, T> element) {
            List<T> values = new ArrayList<>();
            for (String v : value.split(",", -1)) {
                if (v.isBlank()) {
                    throw refused("has an empty entry");
                }
                values.add(element.apply(v.trim()));
            }
            return values;
        }
    }
}
