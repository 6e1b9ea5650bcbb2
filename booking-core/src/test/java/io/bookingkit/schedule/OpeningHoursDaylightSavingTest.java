package io.bookingkit.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.time.IntervalSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.threeten.extra.Interval;

/**
 * Opening hours across daylight-saving transitions. The rule (see {@code WallClock}): every
 * local time comes from its own date; a time in a gap moves forward by the gap's length; a time
 * in an overlap takes the earlier offset. So a 23-hour day offers one hour less and a 25-hour
 * day one more.
 *
 * <p>Expected instants are written by hand. {@link ZoneRules} is used only to check that the
 * hand-written transition dates are the ones the JDK's time-zone data has.
 */
class OpeningHoursDaylightSavingTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    static final ZoneId HAVANA = ZoneId.of("America/Havana");
    static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    static final List<ZoneId> RESOURCE_ZONES = List.of(BERLIN, NEW_YORK, LORD_HOWE, HAVANA, BUENOS_AIRES);

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static Interval iv(String start, String end) {
        return Interval.of(at(start), at(end));
    }

    static List<Interval> open(OpeningHours hours, String windowStart, String windowEnd) {
        return hours.openIntervals(iv(windowStart, windowEnd)).intervals();
    }

    /** The hand-written transition: a gap or overlap at {@code localDateTime} from one offset to another. */
    static void assertTransition(ZoneId zone, String localDateTime, String before, String after) {
        ZoneOffsetTransition t = zone.getRules().getTransition(LocalDateTime.parse(localDateTime));
        assertTrue(t != null, zone + " has no transition at " + localDateTime);
        assertEquals(LocalDateTime.parse(localDateTime), t.getDateTimeBefore().isBefore(t.getDateTimeAfter())
                ? t.getDateTimeBefore() : t.getDateTimeAfter(), zone + " transition time");
        assertEquals(ZoneOffset.of(before), t.getOffsetBefore(), zone + " offset before " + localDateTime);
        assertEquals(ZoneOffset.of(after), t.getOffsetAfter(), zone + " offset after " + localDateTime);
    }

    @Nested
    @DisplayName("Europe/Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00 (both Sundays)")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Berlin {

        @BeforeAll
        void the_transitions_are_on_the_expected_days() {
            assertTransition(BERLIN, "2026-03-29T02:00", "+01:00", "+02:00");
            assertTransition(BERLIN, "2026-10-25T02:00", "+02:00", "+01:00");
        }

        @Test
        void a_whole_day_lasts_23_hours_in_spring_and_25_in_autumn() {
            OpeningHours sundays = OpeningHours.parse("Su 00:00-24:00", BERLIN);

            List<Interval> spring = open(sundays, "2026-03-28T00:00+01:00", "2026-03-31T00:00+02:00");
            assertEquals(List.of(iv("2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00")), spring);
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"))),
                    spring);
            assertEquals(Duration.ofHours(23), spring.get(0).toDuration());

            List<Interval> autumn = open(sundays, "2026-10-24T00:00+02:00", "2026-10-27T00:00+01:00");
            assertEquals(List.of(iv("2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00")), autumn);
            assertEquals(List.of(Interval.of(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"))),
                    autumn);
            assertEquals(Duration.ofHours(25), autumn.get(0).toDuration());

            // An ordinary Sunday in between has 24 hours.
            assertEquals(List.of(iv("2026-06-07T00:00+02:00", "2026-06-08T00:00+02:00")),
                    open(sundays, "2026-06-06T00:00+02:00", "2026-06-09T00:00+02:00"));
        }

        @Test
        void one_to_four_is_2_hours_in_spring_and_4_in_autumn() {
            OpeningHours early = OpeningHours.parse("Su 01:00-04:00", BERLIN);
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T02:00:00Z"))),
                    open(early, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
            assertEquals(List.of(iv("2026-03-29T01:00+01:00", "2026-03-29T04:00+02:00")),
                    open(early, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
            assertEquals(List.of(Interval.of(Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-25T03:00:00Z"))),
                    open(early, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"));
            assertEquals(List.of(iv("2026-10-25T01:00+02:00", "2026-10-25T04:00+01:00")),
                    open(early, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"));
        }

        @Test
        void half_past_two_in_the_gap_is_half_past_three_summer_time() {
            OpeningHours hours = OpeningHours.parse("Su 02:30-05:00", BERLIN);
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-29T03:00:00Z"))),
                    open(hours, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
            assertEquals(List.of(iv("2026-03-29T03:30+02:00", "2026-03-29T05:00+02:00")),
                    open(hours, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
        }

        @Test
        void half_past_two_in_the_overlap_is_the_first_half_past_two() {
            OpeningHours hours = OpeningHours.parse("Su 02:30-05:00", BERLIN);
            assertEquals(List.of(Interval.of(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T04:00:00Z"))),
                    open(hours, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"));
            assertEquals(List.of(iv("2026-10-25T02:30+02:00", "2026-10-25T05:00+01:00")),
                    open(hours, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"));
        }

        @Test
        void the_missing_hour_offers_nothing_and_the_repeated_hour_offers_two() {
            OpeningHours hours = OpeningHours.parse("Su 02:00-03:00", BERLIN);
            assertEquals(List.of(), open(hours, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
            assertEquals(List.of(iv("2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00")),
                    open(hours, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"));
            assertEquals(Duration.ofHours(2), hours.openIntervals(
                    iv("2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00")).totalDuration());
        }

        @Test
        void a_night_shift_across_the_transition() {
            OpeningHours nights = OpeningHours.parse("Sa 22:00-04:00", BERLIN);
            // Saturday 22:00 CET to Sunday 04:00 CEST: 5 hours.
            assertEquals(List.of(iv("2026-03-28T22:00+01:00", "2026-03-29T04:00+02:00")),
                    open(nights, "2026-03-28T00:00+01:00", "2026-03-30T00:00+02:00"));
            assertEquals(Duration.ofHours(5), nights.openIntervals(
                    iv("2026-03-28T00:00+01:00", "2026-03-30T00:00+02:00")).totalDuration());
            // Saturday 22:00 CEST to Sunday 04:00 CET: 7 hours.
            assertEquals(List.of(iv("2026-10-24T22:00+02:00", "2026-10-25T04:00+01:00")),
                    open(nights, "2026-10-24T00:00+02:00", "2026-10-26T00:00+01:00"));
            assertEquals(Duration.ofHours(7), nights.openIntervals(
                    iv("2026-10-24T00:00+02:00", "2026-10-26T00:00+01:00")).totalDuration());
        }

        @Test
        void each_day_keeps_its_wall_clock_hours_on_both_sides_of_the_transition() {
            OpeningHours office = OpeningHours.parse("Mo-Su 09:00-17:00", BERLIN);
            List<Interval> expected = List.of(
                    iv("2026-03-27T09:00+01:00", "2026-03-27T17:00+01:00"),
                    iv("2026-03-28T09:00+01:00", "2026-03-28T17:00+01:00"),
                    iv("2026-03-29T09:00+02:00", "2026-03-29T17:00+02:00"),
                    iv("2026-03-30T09:00+02:00", "2026-03-30T17:00+02:00"),
                    iv("2026-03-31T09:00+02:00", "2026-03-31T17:00+02:00"));
            assertEquals(expected, open(office, "2026-03-27T00:00+01:00", "2026-04-01T00:00+02:00"));
            assertEquals(Instant.parse("2026-03-28T08:00:00Z"), expected.get(1).getStart());
            assertEquals(Instant.parse("2026-03-29T07:00:00Z"), expected.get(2).getStart());
        }
    }

    @Nested
    @DisplayName("America/New_York: 2026-03-08 02:00 -> 03:00, 2026-11-01 02:00 -> 01:00 (both Sundays)")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NewYork {

        @BeforeAll
        void the_transitions_are_on_the_expected_days() {
            assertTransition(NEW_YORK, "2026-03-08T02:00", "-05:00", "-04:00");
            assertTransition(NEW_YORK, "2026-11-01T01:00", "-04:00", "-05:00");
        }

        @Test
        void a_whole_day_lasts_23_hours_in_march_and_25_in_november() {
            OpeningHours sundays = OpeningHours.parse("Su 00:00-24:00", NEW_YORK);
            List<Interval> march = open(sundays, "2026-03-07T00:00-05:00", "2026-03-10T00:00-04:00");
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z"))),
                    march);
            assertEquals(List.of(iv("2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00")), march);
            assertEquals(Duration.ofHours(23), march.get(0).toDuration());

            List<Interval> november = open(sundays, "2026-10-31T00:00-04:00", "2026-11-03T00:00-05:00");
            assertEquals(List.of(Interval.of(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T05:00:00Z"))),
                    november);
            assertEquals(List.of(iv("2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00")), november);
            assertEquals(Duration.ofHours(25), november.get(0).toDuration());
        }

        @Test
        void one_to_four_is_2_hours_in_march_and_4_in_november() {
            OpeningHours early = OpeningHours.parse("Su 01:00-04:00", NEW_YORK);
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-08T08:00:00Z"))),
                    open(early, "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00"));
            assertEquals(List.of(Interval.of(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"))),
                    open(early, "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00"));
        }

        @Test
        void a_time_in_the_gap_moves_forward_and_a_time_in_the_overlap_takes_the_earlier_offset() {
            // 02:30 does not exist on March 8: it is 03:30 EDT.
            OpeningHours march = OpeningHours.parse("Su 02:30-05:00", NEW_YORK);
            assertEquals(List.of(iv("2026-03-08T03:30-04:00", "2026-03-08T05:00-04:00")),
                    open(march, "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00"));
            assertEquals(Instant.parse("2026-03-08T07:30:00Z"), at("2026-03-08T03:30-04:00"));
            // 01:30 happens twice on November 1: the first, EDT, is 05:30Z, not 06:30Z.
            OpeningHours november = OpeningHours.parse("Su 01:30-05:00", NEW_YORK);
            assertEquals(List.of(Interval.of(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T10:00:00Z"))),
                    open(november, "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00"));
            // 02:30 on November 1 is after the overlap, so it is plain EST.
            OpeningHours later = OpeningHours.parse("Su 02:30-05:00", NEW_YORK);
            assertEquals(List.of(Interval.of(Instant.parse("2026-11-01T07:30:00Z"), Instant.parse("2026-11-01T10:00:00Z"))),
                    open(later, "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00"));
        }
    }

    @Nested
    @DisplayName("Australia/Lord_Howe: a 30-minute shift")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class LordHowe {

        @BeforeAll
        void the_transitions_are_on_the_expected_days() {
            // Daylight saving ends on the first Sunday of April (02:00 +11:00 -> 01:30 +10:30)
            // and starts on the first Sunday of October (02:00 +10:30 -> 02:30 +11:00).
            assertTransition(LORD_HOWE, "2026-04-05T01:30", "+11:00", "+10:30");
            assertTransition(LORD_HOWE, "2026-10-04T02:00", "+10:30", "+11:00");
            ZoneRules rules = LORD_HOWE.getRules();
            ZoneOffsetTransition april = rules.nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
            ZoneOffsetTransition october = rules.nextTransition(april.getInstant());
            assertEquals(LocalDate.of(2026, 4, 5), april.getDateTimeBefore().toLocalDate());
            assertEquals(LocalDate.of(2026, 10, 4), october.getDateTimeBefore().toLocalDate());
            assertEquals(Duration.ofMinutes(-30), april.getDuration());
            assertEquals(Duration.ofMinutes(30), october.getDuration());
        }

        @Test
        void a_whole_day_lasts_24_and_a_half_hours_in_april_and_23_and_a_half_in_october() {
            OpeningHours sundays = OpeningHours.parse("Su 00:00-24:00", LORD_HOWE);
            List<Interval> april = open(sundays, "2026-04-04T00:00+11:00", "2026-04-07T00:00+10:30");
            assertEquals(List.of(Interval.of(Instant.parse("2026-04-04T13:00:00Z"), Instant.parse("2026-04-05T13:30:00Z"))),
                    april);
            assertEquals(List.of(iv("2026-04-05T00:00+11:00", "2026-04-06T00:00+10:30")), april);
            assertEquals(Duration.ofMinutes(24 * 60 + 30), april.get(0).toDuration());

            List<Interval> october = open(sundays, "2026-10-03T00:00+10:30", "2026-10-06T00:00+11:00");
            assertEquals(List.of(Interval.of(Instant.parse("2026-10-03T13:30:00Z"), Instant.parse("2026-10-04T13:00:00Z"))),
                    october);
            assertEquals(List.of(iv("2026-10-04T00:00+10:30", "2026-10-05T00:00+11:00")), october);
            assertEquals(Duration.ofMinutes(23 * 60 + 30), october.get(0).toDuration());
        }

        @Test
        void a_time_in_the_half_hour_overlap_takes_the_earlier_offset() {
            // 01:45 happens twice on 2026-04-05; the first is +11:00.
            OpeningHours hours = OpeningHours.parse("Su 01:45-03:00", LORD_HOWE);
            assertEquals(List.of(Interval.of(Instant.parse("2026-04-04T14:45:00Z"), Instant.parse("2026-04-04T16:30:00Z"))),
                    open(hours, "2026-04-05T00:00+11:00", "2026-04-06T00:00+10:30"));
            assertEquals(List.of(iv("2026-04-05T01:45+11:00", "2026-04-05T03:00+10:30")),
                    open(hours, "2026-04-05T00:00+11:00", "2026-04-06T00:00+10:30"));
        }

        @Test
        void a_time_in_the_half_hour_gap_moves_forward_by_half_an_hour() {
            // 02:15 does not exist on 2026-10-04; it becomes 02:45 +11:00.
            OpeningHours hours = OpeningHours.parse("Su 02:15-03:00", LORD_HOWE);
            assertEquals(List.of(Interval.of(Instant.parse("2026-10-03T15:45:00Z"), Instant.parse("2026-10-03T16:00:00Z"))),
                    open(hours, "2026-10-04T00:00+10:30", "2026-10-05T00:00+11:00"));
            assertEquals(List.of(iv("2026-10-04T02:45+11:00", "2026-10-04T03:00+11:00")),
                    open(hours, "2026-10-04T00:00+10:30", "2026-10-05T00:00+11:00"));
        }
    }

    @Nested
    @DisplayName("America/Havana: the clocks change at midnight")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Havana {

        @BeforeAll
        void the_transitions_are_on_the_expected_days() {
            // 2026-03-08 (a Sunday) starts at 01:00: 00:00-00:59 does not exist.
            assertTransition(HAVANA, "2026-03-08T00:00", "-05:00", "-04:00");
            assertTrue(HAVANA.getRules().getValidOffsets(LocalDateTime.parse("2026-03-08T00:00")).isEmpty());
            // 2026-11-01 (a Sunday) has 00:00-00:59 twice.
            assertTransition(HAVANA, "2026-11-01T00:00", "-04:00", "-05:00");
            assertEquals(2, HAVANA.getRules().getValidOffsets(LocalDateTime.parse("2026-11-01T00:30")).size());
        }

        @Test
        void the_day_without_midnight_opens_at_one_and_lasts_23_hours() {
            OpeningHours sundays = OpeningHours.parse("Su 00:00-24:00", HAVANA);
            List<Interval> march = open(sundays, "2026-03-07T00:00-05:00", "2026-03-10T00:00-04:00");
            assertEquals(List.of(iv("2026-03-08T01:00-04:00", "2026-03-09T00:00-04:00")), march);
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z"))),
                    march);
            assertEquals(Duration.ofHours(23), march.get(0).toDuration());
        }

        @Test
        void the_day_before_ends_at_the_first_instant_of_the_next_day() {
            // Saturday's 24:00 is Sunday's 00:00, which does not exist: it is 01:00 -04:00.
            OpeningHours saturdays = OpeningHours.parse("Sa 00:00-24:00", HAVANA);
            assertEquals(List.of(iv("2026-03-07T00:00-05:00", "2026-03-08T01:00-04:00")),
                    open(saturdays, "2026-03-06T00:00-05:00", "2026-03-10T00:00-04:00"));
            assertEquals(Duration.ofHours(24), saturdays.openIntervals(
                    iv("2026-03-06T00:00-05:00", "2026-03-10T00:00-04:00")).totalDuration());
            // A night shift into that Sunday: 22:00 -05:00 to 02:00 -04:00 is 3 hours.
            OpeningHours nights = OpeningHours.parse("Sa 22:00-02:00", HAVANA);
            assertEquals(List.of(Interval.of(Instant.parse("2026-03-08T03:00:00Z"), Instant.parse("2026-03-08T06:00:00Z"))),
                    open(nights, "2026-03-07T00:00-05:00", "2026-03-09T00:00-04:00"));
        }

        @Test
        void the_autumn_day_has_its_first_hour_twice_and_lasts_25_hours() {
            OpeningHours sundays = OpeningHours.parse("Su 00:00-24:00", HAVANA);
            List<Interval> november = open(sundays, "2026-10-31T00:00-04:00", "2026-11-03T00:00-05:00");
            assertEquals(List.of(iv("2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00")), november);
            assertEquals(List.of(Interval.of(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T05:00:00Z"))),
                    november);
            assertEquals(Duration.ofHours(25), november.get(0).toDuration());
        }

        @Test
        void every_day_open_all_day_covers_the_weeks_around_both_transitions_without_holes() {
            OpeningHours always = OpeningHours.parse("Mo-Su 00:00-24:00", HAVANA);
            assertEquals(List.of(iv("2026-03-05T00:00-05:00", "2026-03-12T00:00-04:00")),
                    open(always, "2026-03-05T00:00-05:00", "2026-03-12T00:00-04:00"));
            assertEquals(List.of(iv("2026-10-29T00:00-04:00", "2026-11-05T00:00-05:00")),
                    open(always, "2026-10-29T00:00-04:00", "2026-11-05T00:00-05:00"));
        }
    }

    @Nested
    @DisplayName("America/Argentina/Buenos_Aires: no daylight saving")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BuenosAires {

        static final ZoneOffset MINUS_THREE = ZoneOffset.ofHours(-3);

        @BeforeAll
        void no_transition_in_2026() {
            ZoneRules rules = BUENOS_AIRES.getRules();
            ZoneOffsetTransition next = rules.nextTransition(Instant.parse("2025-12-31T00:00:00Z"));
            assertTrue(next == null || next.getInstant().isAfter(Instant.parse("2027-01-02T00:00:00Z")),
                    "unexpected transition " + next);
            assertEquals(MINUS_THREE, rules.getOffset(Instant.parse("2026-07-01T00:00:00Z")));
        }

        /** Brute force: a day is [date 00:00, next date 00:00) at the fixed offset -03:00. */
        static Interval bruteForceDay(LocalDate date) {
            return Interval.of(date.atStartOfDay().toInstant(MINUS_THREE),
                    date.plusDays(1).atStartOfDay().toInstant(MINUS_THREE));
        }

        @Test
        void every_day_of_2026_is_24_hours() {
            Interval year = iv("2026-01-01T00:00-03:00", "2027-01-01T00:00-03:00");
            for (DayOfWeek day : DayOfWeek.values()) {
                OpeningHours oneDay = OpeningHours.builder(BUENOS_AIRES)
                        .weekly(WeeklyHours.builder().on(day, TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)).build())
                        .build();
                List<Interval> expected = new ArrayList<>();
                for (LocalDate date = LocalDate.of(2026, 1, 1); date.getYear() == 2026; date = date.plusDays(1)) {
                    if (date.getDayOfWeek() == day) {
                        expected.add(bruteForceDay(date));
                    }
                }
                List<Interval> actual = oneDay.openIntervals(year).intervals();
                assertEquals(expected, actual, day.toString());
                for (Interval interval : actual) {
                    assertEquals(Duration.ofHours(24), interval.toDuration(), interval.toString());
                }
            }
            OpeningHours always = OpeningHours.parse("Mo-Su 00:00-24:00", BUENOS_AIRES);
            assertEquals(List.of(year), always.openIntervals(year).intervals());
            assertEquals(Duration.ofHours(365 * 24), always.openIntervals(year).totalDuration());
        }

        @Test
        void every_date_of_2026_overridden_alone_is_24_hours() {
            for (LocalDate date = LocalDate.of(2026, 1, 1); date.getYear() == 2026; date = date.plusDays(1)) {
                OpeningHours oneDate = OpeningHours.builder(BUENOS_AIRES)
                        .override(date, TimeRange.parse("00:00-24:00"))
                        .build();
                Interval around = Interval.of(bruteForceDay(date.minusDays(1)).getStart(),
                        bruteForceDay(date.plusDays(1)).getEnd());
                assertEquals(List.of(bruteForceDay(date)), oneDate.openIntervals(around).intervals(), date.toString());
            }
        }
    }

    @Nested
    @DisplayName("The JVM default zone plays no part")
    class DefaultZone {

        @Test
        void the_default_zone_is_none_of_the_resource_zones() {
            // Surefire's argLine sets -Duser.timezone=Asia/Kathmandu (UTC+05:45).
            ZoneId jvmDefault = TimeZone.getDefault().toZoneId();
            for (ZoneId zone : RESOURCE_ZONES) {
                assertNotEquals(zone, jvmDefault);
                assertNotEquals(zone.getId(), TimeZone.getDefault().getID());
            }
            assertNotEquals(ZoneOffset.UTC, jvmDefault.normalized(), "the build should not run in UTC");
        }

        @Test
        @ResourceLock(Resources.TIME_ZONE)
        void changing_the_default_zone_changes_nothing() {
            String text = "Mo-Fr 09:00-17:00; Sa 22:00-04:00; Su 00:00-24:00";
            OpeningHours hours = OpeningHours.parse(text, BERLIN);
            Interval window = iv("2026-03-27T00:00+01:00", "2026-03-31T00:00+02:00");
            List<Interval> expected = List.of(
                    iv("2026-03-27T09:00+01:00", "2026-03-27T17:00+01:00"),
                    iv("2026-03-28T22:00+01:00", "2026-03-30T00:00+02:00"), // Sa night runs into all-day Sunday
                    iv("2026-03-30T09:00+02:00", "2026-03-30T17:00+02:00"));
            IntervalSet before = hours.openIntervals(window);
            assertEquals(expected, before.intervals());

            TimeZone original = TimeZone.getDefault();
            try {
                for (String id : List.of("UTC", "Europe/Berlin", "America/Havana", "Pacific/Kiritimati",
                        "Australia/Lord_Howe", "Pacific/Pago_Pago")) {
                    TimeZone.setDefault(TimeZone.getTimeZone(id));
                    assertEquals(id, ZoneId.systemDefault().getId());
                    OpeningHours reparsed = OpeningHours.parse(text, BERLIN);
                    assertEquals(hours, reparsed, id);
                    assertEquals(expected, reparsed.openIntervals(window).intervals(), id);
                    assertEquals(before, hours.openIntervals(window), id);
                    assertEquals(text, reparsed.toText(), id);
                }
            } finally {
                TimeZone.setDefault(original);
            }
            assertEquals(original, TimeZone.getDefault());
        }
    }

    @Test
    void a_range_wholly_inside_the_gap_is_empty_and_a_range_ending_in_it_ends_where_the_gap_ends() {
        // Berlin 2026-03-29: 02:00-03:00 does not exist.
        OpeningHours endsInGap = OpeningHours.parse("Su 01:00-02:30", BERLIN);
        // 02:30 moves forward to 03:30 CEST, so 01:00 CET to 03:30 CEST: 1.5 hours.
        assertEquals(List.of(iv("2026-03-29T01:00+01:00", "2026-03-29T03:30+02:00")),
                open(endsInGap, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
        OpeningHours inGap = OpeningHours.parse("Su 02:30-03:00", BERLIN);
        // 02:30 becomes 03:30 CEST, after the end 03:00 CEST: nothing.
        assertEquals(List.of(), open(inGap, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"));
    }
}
