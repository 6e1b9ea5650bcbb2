package io.bookingkit.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.time.IntervalSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Opening hours by example. Every expected instant is written out by hand as a local time with
 * its offset (and sometimes in UTC too), never computed with the code under test.
 */
class OpeningHoursExamplesTest {

    static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires"); // UTC-3, no DST
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static Interval iv(String start, String end) {
        return Interval.of(at(start), at(end));
    }

    static List<Interval> open(OpeningHours hours, String windowStart, String windowEnd) {
        return hours.openIntervals(iv(windowStart, windowEnd)).intervals();
    }

    static TimeRange range(String text) {
        return TimeRange.parse(text);
    }

    @Nested
    @DisplayName("A barber in Buenos Aires with a lunch break")
    class Barber {

        final OpeningHours barber = OpeningHours.parse("Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00", BUENOS_AIRES);

        @Test
        void text_and_builder_describe_the_same_hours() {
            OpeningHours built = OpeningHours.builder(BUENOS_AIRES)
                    .weekly(WeeklyHours.builder()
                            .on(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, range("09:00-13:00"), range("14:00-19:00"))
                            .on(DayOfWeek.SATURDAY, range("10:00-14:00"))
                            .build())
                    .build();
            assertEquals(built, barber);
            assertEquals(List.of(range("09:00-13:00"), range("14:00-19:00")),
                    barber.hoursOn(LocalDate.of(2026, 3, 4)));
            assertEquals(List.of(), barber.hoursOn(LocalDate.of(2026, 3, 8)), "Sunday is closed");
        }

        @Test
        void one_week_monday_to_monday() {
            // 2026-03-02 is a Monday; Buenos Aires is UTC-3 all year.
            List<Interval> week = open(barber, "2026-03-02T00:00-03:00", "2026-03-09T00:00-03:00");
            assertEquals(List.of(
                    iv("2026-03-02T09:00-03:00", "2026-03-02T13:00-03:00"),
                    iv("2026-03-02T14:00-03:00", "2026-03-02T19:00-03:00"),
                    iv("2026-03-03T09:00-03:00", "2026-03-03T13:00-03:00"),
                    iv("2026-03-03T14:00-03:00", "2026-03-03T19:00-03:00"),
                    iv("2026-03-04T09:00-03:00", "2026-03-04T13:00-03:00"),
                    iv("2026-03-04T14:00-03:00", "2026-03-04T19:00-03:00"),
                    iv("2026-03-05T09:00-03:00", "2026-03-05T13:00-03:00"),
                    iv("2026-03-05T14:00-03:00", "2026-03-05T19:00-03:00"),
                    iv("2026-03-06T09:00-03:00", "2026-03-06T13:00-03:00"),
                    iv("2026-03-06T14:00-03:00", "2026-03-06T19:00-03:00"),
                    iv("2026-03-07T10:00-03:00", "2026-03-07T14:00-03:00")), week);
            // The same first morning, in UTC.
            assertEquals(Interval.of(Instant.parse("2026-03-02T12:00:00Z"), Instant.parse("2026-03-02T16:00:00Z")),
                    week.get(0));
            // 5 x (4 h + 5 h) + 4 h on Saturday.
            assertEquals(Duration.ofHours(49), barber.openIntervals(
                    iv("2026-03-02T00:00-03:00", "2026-03-09T00:00-03:00")).totalDuration());
        }

        @Test
        void the_lunch_break_is_closed() {
            assertTrue(barber.isOpenThroughout(iv("2026-03-02T09:00-03:00", "2026-03-02T13:00-03:00")));
            assertFalse(barber.isOpenThroughout(iv("2026-03-02T12:30-03:00", "2026-03-02T14:30-03:00")));
            assertEquals(List.of(), open(barber, "2026-03-02T13:00-03:00", "2026-03-02T14:00-03:00"));
        }
    }

    @Nested
    @DisplayName("A night shift past midnight belongs to the day it starts on")
    class NightShift {

        // 2026-06-05 is a Friday; Berlin is on CEST (UTC+2) in June.
        final OpeningHours bar = OpeningHours.parse("Fr 22:00-02:00", BERLIN);

        @Test
        void saturday_early_morning_sees_fridays_shift() {
            assertEquals(List.of(iv("2026-06-06T00:00+02:00", "2026-06-06T02:00+02:00")),
                    open(bar, "2026-06-06T00:00+02:00", "2026-06-06T06:00+02:00"));
            assertEquals(List.of(Interval.of(Instant.parse("2026-06-05T22:00:00Z"), Instant.parse("2026-06-06T00:00:00Z"))),
                    open(bar, "2026-06-06T00:00+02:00", "2026-06-06T06:00+02:00"));
        }

        @Test
        void a_window_starting_on_saturday_still_sees_the_previous_days_range() {
            assertEquals(List.of(iv("2026-06-06T01:00+02:00", "2026-06-06T02:00+02:00")),
                    open(bar, "2026-06-06T01:00+02:00", "2026-06-07T00:00+02:00"));
        }

        @Test
        void friday_alone_sees_the_part_before_midnight() {
            assertEquals(List.of(iv("2026-06-05T22:00+02:00", "2026-06-06T00:00+02:00")),
                    open(bar, "2026-06-05T00:00+02:00", "2026-06-06T00:00+02:00"));
        }

        @Test
        void the_whole_shift_is_one_interval_of_four_hours() {
            IntervalSet weekend = bar.openIntervals(iv("2026-06-05T00:00+02:00", "2026-06-08T00:00+02:00"));
            assertEquals(List.of(iv("2026-06-05T22:00+02:00", "2026-06-06T02:00+02:00")), weekend.intervals());
            assertEquals(Duration.ofHours(4), weekend.totalDuration());
            assertEquals(List.of(), bar.hoursOn(LocalDate.of(2026, 6, 6)), "the range is Friday's, not Saturday's");
        }

        @Test
        void a_holiday_on_saturday_does_not_cut_fridays_shift() {
            OpeningHours withHoliday = OpeningHours.parse("Fr 22:00-02:00; 2026-06-06 off", BERLIN);
            assertEquals(List.of(iv("2026-06-06T00:00+02:00", "2026-06-06T02:00+02:00")),
                    open(withHoliday, "2026-06-06T00:00+02:00", "2026-06-06T06:00+02:00"));
        }

        @Test
        void a_holiday_on_friday_cancels_the_whole_shift() {
            OpeningHours withHoliday = OpeningHours.parse("Fr 22:00-02:00; 2026-06-05 off", BERLIN);
            assertEquals(List.of(), open(withHoliday, "2026-06-05T00:00+02:00", "2026-06-07T00:00+02:00"));
        }
    }

    @Nested
    @DisplayName("Holidays: overrides for a date, yearly closures, and which one wins")
    class Holidays {

        // Berlin in December is CET (UTC+1). 2026-12-24 is a Thursday, 2026-12-25 a Friday,
        // 2026-12-31 a Thursday, 2027-12-24 a Friday and 2027-12-25 a Saturday.
        final OpeningHours shop = OpeningHours.parse(
                "Mo-Sa 09:00-18:00; 12-25 off; 2026-12-24 09:00-13:00; 2026-12-31 off", BERLIN);

        @Test
        void builder_form_is_the_same() {
            OpeningHours built = OpeningHours.builder(BERLIN)
                    .weekly(WeeklyHours.builder().on(DayOfWeek.MONDAY, DayOfWeek.SATURDAY, range("09:00-18:00")).build())
                    .closedEveryYear(MonthDay.of(12, 25))
                    .override(LocalDate.of(2026, 12, 24), range("09:00-13:00"))
                    .closedOn(LocalDate.of(2026, 12, 31))
                    .build();
            assertEquals(built, shop);
        }

        @Test
        void a_date_with_other_hours() {
            assertEquals(List.of(iv("2026-12-24T09:00+01:00", "2026-12-24T13:00+01:00")),
                    open(shop, "2026-12-24T00:00+01:00", "2026-12-25T00:00+01:00"));
        }

        @Test
        void a_date_off() {
            assertEquals(List.of(), open(shop, "2026-12-31T00:00+01:00", "2027-01-01T00:00+01:00"));
            // ...and the day before is an ordinary Wednesday.
            assertEquals(List.of(iv("2026-12-30T09:00+01:00", "2026-12-30T18:00+01:00")),
                    open(shop, "2026-12-30T00:00+01:00", "2026-12-31T00:00+01:00"));
        }

        @Test
        void the_yearly_closure_applies_in_2026_and_in_2027() {
            assertEquals(List.of(), open(shop, "2026-12-25T00:00+01:00", "2026-12-26T00:00+01:00"));
            assertEquals(List.of(), open(shop, "2027-12-25T00:00+01:00", "2027-12-26T00:00+01:00"));
            // Only the one day: the 26th of 2026 is an ordinary Saturday.
            assertEquals(List.of(iv("2026-12-26T09:00+01:00", "2026-12-26T18:00+01:00")),
                    open(shop, "2026-12-26T00:00+01:00", "2026-12-27T00:00+01:00"));
            // The 2026 override of the 24th is not yearly: 2027-12-24 has the usual hours.
            assertEquals(List.of(iv("2027-12-24T09:00+01:00", "2027-12-24T18:00+01:00")),
                    open(shop, "2027-12-24T00:00+01:00", "2027-12-25T00:00+01:00"));
        }

        @Test
        void an_override_beats_the_yearly_closure() {
            OpeningHours openOnChristmas2027 = OpeningHours.parse(
                    "Mo-Sa 09:00-18:00; 12-25 off; 2027-12-25 10:00-12:00", BERLIN);
            assertEquals(List.of(iv("2027-12-25T10:00+01:00", "2027-12-25T12:00+01:00")),
                    open(openOnChristmas2027, "2027-12-25T00:00+01:00", "2027-12-26T00:00+01:00"));
            assertEquals(List.of(range("10:00-12:00")), openOnChristmas2027.hoursOn(LocalDate.of(2027, 12, 25)));
            // Other years keep the closure.
            assertEquals(List.of(), open(openOnChristmas2027, "2026-12-25T00:00+01:00", "2026-12-26T00:00+01:00"));
        }

        @Test
        void a_yearly_closure_beats_the_weekly_hours_but_not_an_override_even_when_the_override_is_off() {
            OpeningHours hours = OpeningHours.parse("Mo-Su 08:00-20:00; 12-25 off; 2026-12-25 off", BERLIN);
            assertEquals(List.of(), hours.hoursOn(LocalDate.of(2026, 12, 25)));
            assertEquals(List.of(), hours.hoursOn(LocalDate.of(2030, 12, 25)));
        }
    }

    @Nested
    @DisplayName("New weekly hours from a date")
    class ScheduleChange {

        // Berlin is on CET (UTC+1) until 2027-03-28. 2027-02-26 is a Friday, 2027-03-01 a Monday.
        final OpeningHours hours = OpeningHours.parse(
                "Mo-Fr 09:00-17:00; from 2027-03-01: Mo-Fr 10:00-18:00; Sa 10:00-14:00", BERLIN);

        @Test
        void builder_form_is_the_same() {
            OpeningHours built = OpeningHours.builder(BERLIN)
                    .weekly(WeeklyHours.builder().on(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, range("09:00-17:00")).build())
                    .weeklyFrom(LocalDate.of(2027, 3, 1), WeeklyHours.builder()
                            .on(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, range("10:00-18:00"))
                            .on(DayOfWeek.SATURDAY, range("10:00-14:00"))
                            .build())
                    .build();
            assertEquals(built, hours);
        }

        @Test
        void old_hours_before_the_date_and_new_hours_from_it() {
            assertEquals(List.of(
                    iv("2027-02-26T09:00+01:00", "2027-02-26T17:00+01:00"), // Fri, old week; old Saturday closed
                    iv("2027-03-01T10:00+01:00", "2027-03-01T18:00+01:00"), // Mon, new week
                    iv("2027-03-02T10:00+01:00", "2027-03-02T18:00+01:00"),
                    iv("2027-03-03T10:00+01:00", "2027-03-03T18:00+01:00"),
                    iv("2027-03-04T10:00+01:00", "2027-03-04T18:00+01:00"),
                    iv("2027-03-05T10:00+01:00", "2027-03-05T18:00+01:00"),
                    iv("2027-03-06T10:00+01:00", "2027-03-06T14:00+01:00")), // Sat, open in the new week
                    open(hours, "2027-02-26T00:00+01:00", "2027-03-08T00:00+01:00"));
        }

        @Test
        void weekly_hours_on_a_date() {
            assertEquals(List.of(range("09:00-17:00")),
                    hours.weeklyHoursOn(LocalDate.of(2027, 2, 28)).on(DayOfWeek.MONDAY));
            assertEquals(List.of(range("10:00-18:00")),
                    hours.weeklyHoursOn(LocalDate.of(2027, 3, 1)).on(DayOfWeek.MONDAY));
            assertEquals(List.of(range("10:00-18:00")),
                    hours.weeklyHoursOn(LocalDate.of(2099, 1, 1)).on(DayOfWeek.MONDAY));
        }

        @Test
        void a_night_shift_from_the_old_week_still_runs_into_the_first_day_of_the_new_one() {
            OpeningHours nights = OpeningHours.parse("Su 22:00-02:00; from 2027-03-01: Mo 09:00-10:00", BERLIN);
            // 2027-02-28 is a Sunday under the old week; its shift ends on Monday, the first new day.
            assertEquals(List.of(
                    iv("2027-02-28T22:00+01:00", "2027-03-01T02:00+01:00"),
                    iv("2027-03-01T09:00+01:00", "2027-03-01T10:00+01:00")),
                    open(nights, "2027-02-28T00:00+01:00", "2027-03-02T00:00+01:00"));
            assertEquals(List.of(
                    iv("2027-03-01T00:00+01:00", "2027-03-01T02:00+01:00"),
                    iv("2027-03-01T09:00+01:00", "2027-03-01T10:00+01:00")),
                    open(nights, "2027-03-01T00:00+01:00", "2027-03-02T00:00+01:00"));
        }
    }

    @Nested
    @DisplayName("Windows")
    class Windows {

        final OpeningHours barber = OpeningHours.parse("Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00", BUENOS_AIRES);

        @Test
        void open_intervals_are_clipped_to_the_window() {
            assertEquals(List.of(
                    iv("2026-03-02T10:30-03:00", "2026-03-02T13:00-03:00"),
                    iv("2026-03-02T14:00-03:00", "2026-03-02T14:30-03:00")),
                    open(barber, "2026-03-02T10:30-03:00", "2026-03-02T14:30-03:00"));
        }

        @Test
        void an_empty_window_gives_nothing() {
            Instant noon = at("2026-03-02T12:00-03:00");
            assertTrue(barber.openIntervals(Interval.of(noon, noon)).isEmpty());
        }

        @Test
        void an_unbounded_window_is_refused() {
            Instant noon = at("2026-03-02T12:00-03:00");
            for (Interval unbounded : List.of(Interval.startingAt(noon), Interval.endingAt(noon), Interval.ALL)) {
                InvalidRequestException e = assertThrows(InvalidRequestException.class,
                        () -> barber.openIntervals(unbounded));
                assertTrue(e.getMessage().contains("window"), e.getMessage());
            }
        }

        @Test
        void a_window_longer_than_max_window_is_refused() {
            Instant start = at("2026-01-01T00:00-03:00");
            assertEquals(Duration.ofDays(400), barber.maxWindow());
            // Exactly the maximum is fine: 2026-01-01 (a Thursday) plus 400 days is 2027-02-05,
            // that is 57 whole weeks of 49 hours and one more Thursday of 9 hours.
            assertEquals(Duration.ofHours(49 * 57 + 9),
                    barber.openIntervals(iv("2026-01-01T00:00-03:00", "2027-02-05T00:00-03:00")).totalDuration());
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> barber.openIntervals(Interval.of(start, at("2027-02-05T00:00:01-03:00"))));
            assertTrue(e.getMessage().contains("window"), e.getMessage());

            OpeningHours weekly = OpeningHours.builder(BUENOS_AIRES).maxWindow(Duration.ofDays(7)).build();
            assertTrue(weekly.openIntervals(iv("2026-03-02T00:00-03:00", "2026-03-09T00:00-03:00")).isEmpty());
            InvalidRequestException e2 = assertThrows(InvalidRequestException.class,
                    () -> weekly.openIntervals(iv("2026-03-02T00:00-03:00", "2026-03-10T00:00-03:00")));
            assertTrue(e2.getMessage().contains("window"), e2.getMessage());
        }

        @Test
        void nulls_are_refused_naming_the_parameter() {
            NullPointerException zone = assertThrows(NullPointerException.class,
                    () -> OpeningHours.parse("Mo 09:00-17:00", null));
            assertTrue(zone.getMessage().contains("zone"), zone.getMessage());
            NullPointerException builderZone = assertThrows(NullPointerException.class,
                    () -> OpeningHours.builder(null));
            assertTrue(builderZone.getMessage().contains("zone"), builderZone.getMessage());
            NullPointerException text = assertThrows(NullPointerException.class,
                    () -> OpeningHours.parse(null, BUENOS_AIRES));
            assertTrue(text.getMessage().contains("text"), text.getMessage());
            NullPointerException window = assertThrows(NullPointerException.class,
                    () -> barber.openIntervals(null));
            assertTrue(window.getMessage().contains("window"), window.getMessage());
        }

        @Test
        void a_time_range_is_whole_minutes() {
            assertThrows(InvalidRequestException.class,
                    () -> TimeRange.of(LocalTime.of(9, 0, 30), LocalTime.of(10, 0)));
        }
    }
}
