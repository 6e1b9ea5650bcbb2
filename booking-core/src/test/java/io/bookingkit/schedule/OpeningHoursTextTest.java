package io.bookingkit.schedule;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact text form: parse, print, round trip, and errors that point at the bad token. */
class OpeningHoursTextTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    static OpeningHours parse(String text) {
        return OpeningHours.parse(text, ZONE);
    }

    static TimeRange range(String text) {
        return TimeRange.parse(text);
    }

    // ---------------------------------------------------------------- round trip

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "Mo-Fr 09:00-17:00",
        "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00",
        "Fr 22:00-02:00",
        "Mo 09:00-17:00; We 09:00-17:00; Fr 09:00-17:00",
        "Mo-Su 00:00-24:00",
        "Mo 09:00-24:00; Tu 10:00-10:00",
        "Mo-Sa 09:00-18:00; 12-25 off",
        "Mo-Sa 09:00-18:00; 01-01 off; 12-25 off; 12-26 off; 2026-12-24 09:00-13:00; 2026-12-31 off",
        "12-25 off; 2027-12-25 10:00-12:00",
        "Mo-Fr 09:00-17:00; from 2027-03-01: Mo-Fr 10:00-18:00; Sa 10:00-14:00",
        "from 2027-03-01: Mo-Fr 10:00-18:00; Sa 10:00-14:00",
        "Mo-Fr 09:00-17:00; from 2027-03-01: Mo-Fr 10:00-18:00; from 2028-01-01: Sa 10:00-14:00",
        "Mo-Fr 09:00-17:00; from 2027-03-01:",
        "02-29 off; 2028-02-29 09:00-10:00",
        ""
    })
    void canonical_text_prints_back_unchanged(String text) {
        OpeningHours hours = parse(text);
        assertEquals(text, hours.toText());
        assertEquals(hours, parse(hours.toText()));
        assertEquals(hours.hashCode(), parse(hours.toText()).hashCode());
    }

    static Stream<Arguments> nonCanonical() {
        return Stream.of(
                Arguments.of("Mo,Tu,We,Th,Fr 09:00-17:00", "Mo-Fr 09:00-17:00"),
                Arguments.of("Mo-We 09:00-17:00; Th,Fr 09:00-17:00", "Mo-Fr 09:00-17:00"),
                Arguments.of("mo-fr 09:00-17:00; SA 10:00-14:00; su OFF", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
                Arguments.of("Mo 14:00-19:00,09:00-13:00", "Mo 09:00-13:00,14:00-19:00"),
                Arguments.of("Mo 09:00-10:00, 11:00-12:00", "Mo 09:00-10:00,11:00-12:00"),
                Arguments.of("Mo 09:00-00:00", "Mo 09:00-24:00"),
                Arguments.of("Mo 00:00-00:00", "Mo 00:00-24:00"),
                Arguments.of("  Sa 10:00-14:00 ;  Mo-Fr   09:00-17:00  ", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
                Arguments.of("2026-12-31 off; 12-25 off; Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00; 12-25 off; 2026-12-31 off"),
                Arguments.of("Fr-Mo 10:00-12:00", "Mo 10:00-12:00; Fr-Su 10:00-12:00"),
                Arguments.of("Mo-Fr 09:00-17:00; Sa off", "Mo-Fr 09:00-17:00"),
                Arguments.of("Mo off", ""),
                Arguments.of("   ", ""),
                Arguments.of("FROM 2027-03-01 : Mo-Fr 10:00-18:00", "from 2027-03-01: Mo-Fr 10:00-18:00"),
                Arguments.of("from 2027-03-01 :Mo-Fr 10:00-18:00", "from 2027-03-01: Mo-Fr 10:00-18:00"),
                Arguments.of("from 2027-03-01:; Mo-Fr 10:00-18:00", "from 2027-03-01: Mo-Fr 10:00-18:00"),
                Arguments.of("from 2028-01-01: Sa 10:00-14:00; from 2027-03-01: Mo 10:00-18:00",
                        "from 2027-03-01: Mo 10:00-18:00; from 2028-01-01: Sa 10:00-14:00"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" prints \"{1}\"")
    @MethodSource("nonCanonical")
    void non_canonical_text_prints_canonically(String text, String canonical) {
        OpeningHours hours = parse(text);
        assertEquals(canonical, hours.toText());
        assertEquals(hours, parse(canonical));
        assertEquals(canonical, parse(canonical).toText());
    }

    @Test
    void twenty_four_hundred_is_the_midnight_that_ends_the_day() {
        OpeningHours hours = parse("Mo 09:00-24:00");
        TimeRange late = hours.baseWeek().on(DayOfWeek.MONDAY).get(0);
        assertEquals(TimeRange.of(LocalTime.of(9, 0), LocalTime.MIDNIGHT), late);
        assertTrue(late.crossesMidnight());
        assertEquals(Duration.ofHours(15), late.length());
        assertEquals("09:00-24:00", late.toString());
        assertEquals(Duration.ofHours(24), range("00:00-24:00").length());
    }

    @Test
    void parsed_text_equals_the_builder_form() {
        OpeningHours built = OpeningHours.builder(ZONE)
                .weekly(WeeklyHours.builder()
                        .on(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, range("09:00-13:00"), range("14:00-19:00"))
                        .on(DayOfWeek.FRIDAY.plus(1), range("10:00-14:00"))
                        .build())
                .closedEveryYear(MonthDay.of(12, 25))
                .override(LocalDate.of(2026, 12, 24), range("09:00-12:00"))
                .closedOn(LocalDate.of(2026, 12, 31))
                .weeklyFrom(LocalDate.of(2027, 3, 1), WeeklyHours.builder()
                        .on(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, range("10:00-18:00"))
                        .build())
                .build();
        String text = "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off; 2026-12-24 09:00-12:00; "
                + "2026-12-31 off; from 2027-03-01: Mo-Fr 10:00-18:00";
        assertEquals(built, parse(text));
        assertEquals(text, built.toText());
        assertEquals("OpeningHours[Europe/Berlin: " + text + "]", built.toString());
    }

    @Test
    void the_zone_is_part_of_the_value() {
        assertNotEquals(parse("Mo 09:00-10:00"), OpeningHours.parse("Mo 09:00-10:00", ZoneId.of("UTC")));
    }

    /** Generated hours, printed and read back, are equal; printing the result again changes nothing. */
    @Test
    void generated_hours_round_trip() {
        Random random = new Random(20260329L);
        for (int n = 0; n < 2_000; n++) {
            OpeningHours.Builder builder = OpeningHours.builder(ZONE);
            if (random.nextInt(4) > 0) {
                builder.weekly(randomWeek(random));
            }
            int froms = random.nextInt(3);
            TreeSet<LocalDate> fromDates = new TreeSet<>();
            while (fromDates.size() < froms) {
                fromDates.add(randomDate(random));
            }
            for (LocalDate from : fromDates) {
                builder.weeklyFrom(from, randomWeek(random));
            }
            int overrides = random.nextInt(4);
            TreeSet<LocalDate> overrideDates = new TreeSet<>();
            while (overrideDates.size() < overrides) {
                overrideDates.add(randomDate(random));
            }
            for (LocalDate date : overrideDates) {
                builder.override(date, randomDay(random).toArray(new TimeRange[0]));
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                LocalDate any = LocalDate.of(2028, 1, 1).plusDays(random.nextInt(366)); // leap year: 02-29 too
                builder.closedEveryYear(MonthDay.from(any));
            }
            OpeningHours hours = builder.build();
            String text = hours.toText();
            OpeningHours read = parse(text);
            assertEquals(hours, read, text);
            assertEquals(text, read.toText());
        }
    }

    static LocalDate randomDate(Random random) {
        return LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3_000));
    }

    static WeeklyHours randomWeek(Random random) {
        WeeklyHours.Builder week = WeeklyHours.builder();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (random.nextBoolean()) {
                week.on(day, randomDay(random).toArray(new TimeRange[0]));
            }
        }
        return week.build();
    }

    /** Up to three disjoint ranges on a quarter-hour grid; the last may run past midnight. */
    static List<TimeRange> randomDay(Random random) {
        int count = random.nextInt(4);
        TreeSet<Integer> points = new TreeSet<>();
        while (points.size() < 2 * count) {
            points.add(15 * random.nextInt(24 * 4 + 1)); // 0 .. 1440 minutes
        }
        List<Integer> sorted = new ArrayList<>(points);
        List<TimeRange> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i += 2) {
            int start = sorted.get(i);
            int end = sorted.get(i + 1);
            if (start == 24 * 60) {
                break;
            }
            boolean last = i + 2 >= sorted.size();
            if (last && random.nextInt(4) == 0) {
                end = 15 * random.nextInt(start / 15 + 1); // not after start: runs past midnight
            }
            ranges.add(TimeRange.of(minutes(start), minutes(end)));
            if (!ranges.get(ranges.size() - 1).end().isAfter(ranges.get(ranges.size() - 1).start())) {
                break;
            }
        }
        return ranges;
    }

    static LocalTime minutes(int minutes) {
        return minutes == 24 * 60 ? LocalTime.MIDNIGHT : LocalTime.of(minutes / 60, minutes % 60);
    }

    // ---------------------------------------------------------------- errors

    static Stream<Arguments> badText() {
        return Stream.of(
                // text, column (1-based), token
                Arguments.of("Mo 25:00-26:00", 4, "25:00"),
                Arguments.of("Mo 09:00-26:00", 10, "26:00"),
                Arguments.of("Mo 9:00-10:00", 4, "9:00"),
                Arguments.of("Mo 09:00-10:00; Tu 09:00-25:00", 26, "25:00"),
                Arguments.of("Xx 09:00-10:00", 1, "Xx"),
                Arguments.of("Mo,Xx 09:00-10:00", 4, "Xx"),
                Arguments.of("Mo-Xx 09:00-10:00", 4, "Xx"),
                Arguments.of("Mo 09:00", 4, "09:00"),
                Arguments.of("Mo", 3, ""),
                Arguments.of("Mo-Fr 09:00-12:00; Mo 13:00-14:00", 20, "Mo"),
                Arguments.of("Mo 09:00-12:00,11:00-13:00", 16, "11:00-13:00"),
                Arguments.of("Mo 09:00-12:00, 11:00-13:00", 17, "11:00-13:00"),
                Arguments.of("Mo-Fr 09:00-12:00,11:00-13:00", 19, "11:00-13:00"),
                Arguments.of("Mo 11:00-13:00,09:00-12:00", 16, "09:00-12:00"),
                Arguments.of("Mo 22:00-02:00,23:00-23:30", 16, "23:00-23:30"),
                Arguments.of("2026-12-24 09:00-12:00,11:00-13:00", 24, "11:00-13:00"),
                Arguments.of("2026-02-30 off", 1, "2026-02-30"),
                Arguments.of("2026-12-24 off; 2026-12-24 09:00-10:00", 17, "2026-12-24"),
                Arguments.of("12-25 09:00-10:00", 7, "09:00-10:00"),
                Arguments.of("02-30 off", 1, "02-30"),
                Arguments.of("from 2027-03-01 Mo 09:00-10:00", 16, ""),
                Arguments.of("from 2027-02-30: Mo 09:00-10:00", 6, "2027-02-30"),
                Arguments.of("from", 5, ""),
                Arguments.of("from 2027-03-01: Mo 09:00-10:00; from 2027-03-01: Tu 09:00-10:00", 39, "2027-03-01"),
                Arguments.of("Mo 09:00-10:00;;", 16, ""),
                Arguments.of("; Mo 09:00-10:00", 1, ""),
                Arguments.of("Mo 09:00-10:00,", 16, ""),
                // The first bad token wins, even when a later one is bad too.
                Arguments.of("Xx 25:00-26:00", 1, "Xx"),
                Arguments.of("2026-02-30 25:00-26:00", 1, "2026-02-30"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" fails at column {1} (''{2}'')")
    @MethodSource("badText")
    void an_error_points_at_the_bad_token(String text, int column, String token) {
        OpeningHoursFormatException e = assertThrows(OpeningHoursFormatException.class, () -> parse(text));
        assertAll(
                () -> assertEquals(column, e.column(), "column; " + e.getMessage()),
                () -> assertEquals(token, e.token(), "token; " + e.getMessage()),
                () -> assertEquals(text, e.text()),
                () -> assertTrue(e.getMessage().contains("column " + column), e.getMessage()),
                () -> assertTrue(e.getMessage().endsWith("\n  " + text + "\n  " + " ".repeat(column - 1) + "^"),
                        e.getMessage()));
        // The token really is at that column of the text.
        assertTrue(text.startsWith(token, column - 1), "token '" + token + "' at column " + column + " of '" + text + "'");
    }

    @Test
    void errors_say_what_was_expected() {
        assertMessage("Mo 25:00-26:00", "not a time of day");
        assertMessage("Xx 09:00-10:00", "expected a day");
        assertMessage("Mo 09:00", "expected a time range");
        assertMessage("Mo-Fr 09:00-12:00; Mo 13:00-14:00", "given twice");
        assertMessage("Mo 09:00-12:00,11:00-13:00", "overlap");
        assertMessage("Mo 22:00-02:00,23:00-23:30", "past midnight");
        assertMessage("2026-02-30 off", "not a date");
        assertMessage("12-25 09:00-10:00", "can only be 'off'");
        assertMessage("from 2027-03-01 Mo 09:00-10:00", "expected ':'");
        assertMessage("Mo 09:00-10:00;;", "empty rule");
    }

    static void assertMessage(String text, String fragment) {
        OpeningHoursFormatException e = assertThrows(OpeningHoursFormatException.class, () -> parse(text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void a_format_error_is_an_invalid_request() {
        assertTrue(InvalidRequestException.class.isInstance(
                assertThrows(OpeningHoursFormatException.class, () -> parse("Mo 09:00"))));
    }
}
