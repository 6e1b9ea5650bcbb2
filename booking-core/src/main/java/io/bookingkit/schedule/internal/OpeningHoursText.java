package io.bookingkit.schedule.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.schedule.OpeningHoursFormatException;
import io.bookingkit.schedule.TimeRange;
import io.bookingkit.schedule.WeeklyHours;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the compact opening hours text form documented on {@link OpeningHours}. */
public final class OpeningHoursText {

    private static final String[] DAY_NAMES = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH_DAY = Pattern.compile("\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private OpeningHoursText() {
    }

    /** Adds every rule of {@code text} to {@code builder}, or fails at the first bad token. */
    public static void parse(String text, OpeningHours.Builder builder) {
        new Reader(text).read(builder);
    }

    /** The canonical text of {@code hours}. */
    public static String print(OpeningHours hours) {
        List<String> rules = new ArrayList<>();
        printWeek(hours.baseWeek(), rules);
        hours.yearlyClosures().forEach(md -> rules.add(String.format(Locale.ROOT, "%02d-%02d off",
                md.getMonthValue(), md.getDayOfMonth())));
        hours.overrides().forEach((date, ranges) -> rules.add(date + " " + printRanges(ranges)));
        hours.weeksFrom().forEach((date, week) -> {
            List<String> weekRules = new ArrayList<>();
            printWeek(week, weekRules);
            rules.add(("from " + date + ": " + String.join("; ", weekRules)).trim());
        });
        return String.join("; ", rules);
    }

    private static void printWeek(WeeklyHours week, List<String> rules) {
        DayOfWeek[] days = DayOfWeek.values();
        int i = 0;
        while (i < days.length) {
            List<TimeRange> ranges = week.on(days[i]);
            int j = i;
            while (j + 1 < days.length && week.on(days[j + 1]).equals(ranges)) {
                j++;
            }
            if (!ranges.isEmpty()) {
                String selector = i == j ? dayName(days[i]) : dayName(days[i]) + "-" + dayName(days[j]);
                rules.add(selector + " " + printRanges(ranges));
            }
            i = j + 1;
        }
    }

    private static String printRanges(List<TimeRange> ranges) {
        if (ranges.isEmpty()) {
            return "off";
        }
        List<String> parts = new ArrayList<>();
        ranges.forEach(r -> parts.add(r.toString()));
        return String.join(",", parts);
    }

    private static String dayName(DayOfWeek day) {
        return DAY_NAMES[day.ordinal()];
    }

    /** One pass over the text, tracking columns for error messages. */
    private static final class Reader {
        private final String text;
        private final Map<LocalDate, WeeklyHours.Builder> weeks = new LinkedHashMap<>();
        private LocalDate currentWeek = LocalDate.MIN;

        Reader(String text) {
            this.text = text;
            weeks.put(LocalDate.MIN, WeeklyHours.builder());
        }

        void read(OpeningHours.Builder builder) {
            if (!text.isBlank()) {
                int segmentStart = 0;
                while (true) {
                    int semicolon = text.indexOf(';', segmentStart);
                    int segmentEnd = semicolon < 0 ? text.length() : semicolon;
                    readRule(segmentStart, segmentEnd, builder);
                    if (semicolon < 0) {
                        break;
                    }
                    segmentStart = semicolon + 1;
                }
            }
            weeks.forEach((from, week) -> {
                if (from.equals(LocalDate.MIN)) {
                    builder.weekly(week.build());
                } else {
                    builder.weeklyFrom(from, week.build());
                }
            });
        }

        private void readRule(int from, int to, OpeningHours.Builder builder) {
            List<Token> tokens = tokens(from, to);
            if (tokens.isEmpty()) {
                throw error(from + 1, "", "empty rule; expected days, a date or 'from'");
            }
            Token head = tokens.get(0);
            if (head.text.equalsIgnoreCase("from")) {
                readFrom(tokens, to, builder);
                return;
            }
            readDatedOrWeekly(tokens, to, builder);
        }

        private void readFrom(List<Token> tokens, int to, OpeningHours.Builder builder) {
            Token head = tokens.get(0);
            if (tokens.size() < 2) {
                throw error(head.end(), "", "expected a date after 'from', like 'from 2027-03-01:'");
            }
            Token dateToken = tokens.get(1);
            String dateText = dateToken.text.endsWith(":")
                    ? dateToken.text.substring(0, dateToken.text.length() - 1) : dateToken.text;
            int rest = 2;
            boolean colon = dateToken.text.endsWith(":");
            if (!colon && tokens.size() > 2 && tokens.get(2).text.startsWith(":")) {
                Token colonToken = tokens.get(2);
                colon = true;
                if (colonToken.text.length() > 1) {
                    tokens.set(2, new Token(colonToken.text.substring(1), colonToken.column + 1));
                } else {
                    rest = 3;
                }
            }
            if (!colon) {
                throw error(dateToken.end(), "", "expected ':' after the date of 'from'");
            }
            LocalDate date = date(dateText, dateToken);
            if (weeks.containsKey(date)) {
                throw error(dateToken.column, dateText, "weekly hours from " + date + " are given twice");
            }
            weeks.put(date, WeeklyHours.builder());
            currentWeek = date;
            if (rest < tokens.size()) {
                readDatedOrWeekly(tokens.subList(rest, tokens.size()), to, builder);
            }
        }

        private void readDatedOrWeekly(List<Token> tokens, int to, OpeningHours.Builder builder) {
            Token head = tokens.get(0);
            if (tokens.size() < 2) {
                throw error(head.end(), "", "expected time ranges like 09:00-17:00, or 'off', after '" + head.text + "'");
            }
            // Read the head before the ranges, so that an error points at the first bad token.
            boolean dated = DATE.matcher(head.text).matches();
            boolean yearly = !dated && MONTH_DAY.matcher(head.text).matches();
            LocalDate date = dated ? date(head.text, head) : null;
            MonthDay monthDay = yearly ? monthDay(head) : null;
            List<DayOfWeek[]> days = dated || yearly ? List.of() : days(head);
            int rangesFrom = tokens.get(1).column - 1;
            List<Token> pieces = new ArrayList<>();
            List<TimeRange> ranges = ranges(rangesFrom, to, pieces);
            if (!yearly) {
                checkRangesFit(dated ? date.getDayOfWeek() : days.get(0)[0], ranges, pieces);
            }
            TimeRange[] array = ranges.toArray(new TimeRange[0]);
            try {
                if (dated) {
                    builder.override(date, array);
                } else if (yearly) {
                    if (!ranges.isEmpty()) {
                        throw error(rangesFrom + 1, text.substring(rangesFrom, to).trim(),
                                "a yearly rule (month-day) can only be 'off'");
                    }
                    builder.closedEveryYear(monthDay);
                } else {
                    WeeklyHours.Builder week = weeks.get(currentWeek);
                    for (DayOfWeek[] span : days) {
                        week.on(span[0], span[1], array);
                    }
                }
            } catch (OpeningHoursFormatException e) {
                throw e;
            } catch (InvalidRequestException e) {
                throw error(head.column, head.text, e.getMessage());
            }
        }

        /**
         * Fails at the first range, in the order written, that cannot share a day with the ranges
         * before it (they overlap, or one before it runs past midnight).
         */
        private void checkRangesFit(DayOfWeek day, List<TimeRange> ranges, List<Token> pieces) {
            for (int k = 2; k <= ranges.size(); k++) {
                try {
                    WeeklyHours.builder().on(day, ranges.subList(0, k).toArray(new TimeRange[0]));
                } catch (InvalidRequestException e) {
                    Token bad = pieces.get(k - 1);
                    throw error(bad.column, bad.text, e.getMessage());
                }
            }
        }

        private List<DayOfWeek[]> days(Token selector) {
            List<DayOfWeek[]> spans = new ArrayList<>();
            int column = selector.column;
            for (String part : selector.text.split(",", -1)) {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    DayOfWeek day = day(part, column);
                    spans.add(new DayOfWeek[] {day, day});
                } else {
                    spans.add(new DayOfWeek[] {day(part.substring(0, dash), column),
                            day(part.substring(dash + 1), column + dash + 1)});
                }
                column += part.length() + 1;
            }
            return spans;
        }

        private DayOfWeek day(String name, int column) {
            for (int i = 0; i < DAY_NAMES.length; i++) {
                if (DAY_NAMES[i].equalsIgnoreCase(name)) {
                    return DayOfWeek.of(i + 1);
                }
            }
            throw error(column, name, "expected a day (Mo Tu We Th Fr Sa Su), a date (2026-12-25), "
                    + "a yearly date (12-25) or 'from'");
        }

        private List<TimeRange> ranges(int from, int to, List<Token> pieces) {
            String body = text.substring(from, to).trim();
            if (body.equalsIgnoreCase("off")) {
                return List.of();
            }
            List<TimeRange> ranges = new ArrayList<>();
            int cursor = from;
            while (cursor <= to) {
                int comma = text.indexOf(',', cursor);
                int end = comma < 0 || comma > to ? to : comma;
                ranges.add(range(cursor, end, pieces));
                cursor = end + 1;
            }
            return ranges;
        }

        private TimeRange range(int from, int to, List<Token> pieces) {
            String raw = text.substring(from, to);
            int lead = raw.length() - raw.stripLeading().length();
            String piece = raw.trim();
            int column = from + lead + 1;
            int dash = piece.indexOf('-');
            if (piece.isEmpty() || dash < 0) {
                throw error(column, piece, "expected a time range like 09:00-17:00, or 'off'");
            }
            String startText = piece.substring(0, dash).trim();
            String endText = piece.substring(dash + 1).trim();
            if (startText.equals("24:00")) {
                throw error(column, startText, "24:00 can only end a range; start the day at 00:00");
            }
            LocalTime start = time(startText, column);
            LocalTime end = time(endText, column + piece.indexOf(endText, dash));
            pieces.add(new Token(piece, column));
            return TimeRange.of(start, end);
        }

        private LocalTime time(String value, int column) {
            if (value.equals("24:00")) {
                return LocalTime.MIDNIGHT;
            }
            if (!TIME.matcher(value).matches()) {
                throw error(column, value, "expected a time HH:mm between 00:00 and 24:00");
            }
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                throw error(column, value, "not a time of day; hours run 00-24 and minutes 00-59");
            }
        }

        private LocalDate date(String value, Token token) {
            if (!DATE.matcher(value).matches()) {
                throw error(token.column, value, "expected a date like 2027-03-01");
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw error(token.column, value, "not a date in the calendar");
            }
        }

        private MonthDay monthDay(Token token) {
            Matcher m = MONTH_DAY.matcher(token.text);
            if (!m.matches()) {
                throw error(token.column, token.text, "expected a month-day like 12-25");
            }
            try {
                return MonthDay.of(Integer.parseInt(token.text.substring(0, 2)),
                        Integer.parseInt(token.text.substring(3)));
            } catch (DateTimeException e) {
                throw error(token.column, token.text, "not a day of the year");
            }
        }

        private List<Token> tokens(int from, int to) {
            List<Token> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(text).region(from, to);
            while (m.find()) {
                tokens.add(new Token(m.group(), m.start() + 1));
            }
            return tokens;
        }

        private OpeningHoursFormatException error(int column, String token, String reason) {
            return new OpeningHoursFormatException(text, column, token, reason);
        }
    }

    /** A token and its 1-based column. */
    private record Token(String text, int column) {
        int end() {
            return column + text.length();
        }
    }
}
