package io.bookingkit.recurrence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * The examples of RFC 5545, section 3.8.5.3 (Recurrence Rule), that lie in bookingkit's subset:
 * each test proves that bookingkit expands the example's rule from its DTSTART in
 * America/New_York to exactly the local date-times the RFC lists (all at 9:00, EDT or EST as
 * the RFC notes, so the instants are checked too), and that lib-recur, an independent
 * implementation, gives the same list. An example the RFC leaves open ("forever", "...") is
 * checked up to the last date it lists.
 *
 * <p>One example's DTSTART is not an occurrence of its rule: "Every Friday the 13th" starts on
 * Tuesday 2 September 1997 and excludes that start again with an EXDATE. bookingkit refuses a
 * first start that its rule does not select (RFC 5545 calls the result of such a DTSTART
 * undefined), so that test checks the refusal and then the RFC's list from the first real
 * occurrence.
 *
 * <p>Not here, because they need parts outside the subset: "Every third year on the 1st, 100th,
 * and 200th day" (BYYEARDAY), "Monday of week number 20" (BYWEEKNO), "Every 3 hours from 9:00
 * AM to 5:00 PM" (FREQ=HOURLY), "Every 15 minutes for 6 occurrences" and "Every hour and a
 * half for 4 occurrences" (FREQ=MINUTELY), and "Every 20 minutes from 9:00 AM to 4:40 PM every
 * day" (BYHOUR and BYMINUTE, or FREQ=MINUTELY).
 *
 * <p>One more comes from section 3.3.10, which names "the last work day of the month" as
 * {@code FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1} without listing dates; its list here
 * is worked out by hand and checked against lib-recur.
 */
class RecurrenceRuleRfcExamplesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Later than every example's last occurrence: COUNT or UNTIL ends the lists that have either. */
    private static final LocalDateTime LATE = LocalDateTime.of(2010, 1, 1, 0, 0);

    // ----------------------------------------------------------------------------------------
    // Daily

    @Test
    void dailyForTenOccurrences() {
        assertRfc("FREQ=DAILY;COUNT=10", at(1997, 9, 2), LATE,
                on(1997, 9, range(2, 11)));
    }

    @Test
    void dailyUntilDecember24() {
        // UNTIL is 19:00 EST on 23 December, so 23 December at 9:00 is the last.
        assertRfc("FREQ=DAILY;UNTIL=19971224T000000Z", at(1997, 9, 2), LATE,
                on(1997, 9, range(2, 30)), on(1997, 10, range(1, 31)), on(1997, 11, range(1, 30)),
                on(1997, 12, range(1, 23)));
    }

    @Test
    void everyOtherDayForever() {
        assertRfc("FREQ=DAILY;INTERVAL=2", at(1997, 9, 2), at(1997, 12, 4),
                on(1997, 9, step(2, 30, 2)), on(1997, 10, step(2, 30, 2)), on(1997, 11, step(1, 29, 2)),
                on(1997, 12, 1, 3));
    }

    @Test
    void everyTenDaysForFiveOccurrences() {
        assertRfc("FREQ=DAILY;INTERVAL=10;COUNT=5", at(1997, 9, 2), LATE,
                on(1997, 9, 2, 12, 22), on(1997, 10, 2, 12));
    }

    @Test
    void everyDayInJanuaryForThreeYears() {
        // UNTIL is 9:00 EST on 31 January 2000, exactly the last occurrence, which it includes.
        List<List<LocalDateTime>> januaries = List.of(on(1998, 1, range(1, 31)), on(1999, 1, range(1, 31)),
                on(2000, 1, range(1, 31)));
        assertRfc("FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", at(1998, 1, 1), LATE,
                januaries);
        assertRfc("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", at(1998, 1, 1), LATE, januaries);
    }

    // ----------------------------------------------------------------------------------------
    // Weekly

    @Test
    void weeklyForTenOccurrences() {
        assertRfc("FREQ=WEEKLY;COUNT=10", at(1997, 9, 2), LATE,
                on(1997, 9, 2, 9, 16, 23, 30), on(1997, 10, 7, 14, 21, 28), on(1997, 11, 4));
    }

    @Test
    void weeklyUntilDecember24() {
        assertRfc("FREQ=WEEKLY;UNTIL=19971224T000000Z", at(1997, 9, 2), LATE,
                on(1997, 9, 2, 9, 16, 23, 30), on(1997, 10, 7, 14, 21, 28), on(1997, 11, 4, 11, 18, 25),
                on(1997, 12, 2, 9, 16, 23));
    }

    @Test
    void everyOtherWeekForever() {
        assertRfc("FREQ=WEEKLY;INTERVAL=2;WKST=SU", at(1997, 9, 2), at(1998, 2, 18),
                on(1997, 9, 2, 16, 30), on(1997, 10, 14, 28), on(1997, 11, 11, 25), on(1997, 12, 9, 23),
                on(1998, 1, 6, 20), on(1998, 2, 3, 17));
    }

    @Test
    void weeklyOnTuesdayAndThursdayForFiveWeeks() {
        List<List<LocalDateTime>> fiveWeeks = List.of(on(1997, 9, 2, 4, 9, 11, 16, 18, 23, 25, 30), on(1997, 10, 2));
        assertRfc("FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", at(1997, 9, 2), LATE, fiveWeeks);
        assertRfc("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", at(1997, 9, 2), LATE, fiveWeeks);
    }

    @Test
    void everyOtherWeekOnMondayWednesdayAndFridayUntilDecember24() {
        assertRfc("FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", at(1997, 9, 1), LATE,
                on(1997, 9, 1, 3, 5, 15, 17, 19, 29), on(1997, 10, 1, 3, 13, 15, 17, 27, 29, 31),
                on(1997, 11, 10, 12, 14, 24, 26, 28), on(1997, 12, 8, 10, 12, 22));
    }

    @Test
    void everyOtherWeekOnTuesdayAndThursdayForEightOccurrences() {
        assertRfc("FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", at(1997, 9, 2), LATE,
                on(1997, 9, 2, 4, 16, 18, 30), on(1997, 10, 2, 14, 16));
    }

    @Test
    void weekStartMondayGivesAugust5th10th19thAnd24th() {
        assertRfc("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", at(1997, 8, 5), LATE,
                on(1997, 8, 5, 10, 19, 24));
    }

    @Test
    void weekStartSundayGivesAugust5th17th19thAnd31st() {
        assertRfc("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", at(1997, 8, 5), LATE,
                on(1997, 8, 5, 17, 19, 31));
    }

    // ----------------------------------------------------------------------------------------
    // Monthly

    @Test
    void monthlyOnTheFirstFridayForTenOccurrences() {
        assertRfc("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", at(1997, 9, 5), LATE,
                on(1997, 9, 5), on(1997, 10, 3), on(1997, 11, 7), on(1997, 12, 5), on(1998, 1, 2), on(1998, 2, 6),
                on(1998, 3, 6), on(1998, 4, 3), on(1998, 5, 1), on(1998, 6, 5));
    }

    @Test
    void monthlyOnTheFirstFridayUntilDecember24() {
        assertRfc("FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", at(1997, 9, 5), LATE,
                on(1997, 9, 5), on(1997, 10, 3), on(1997, 11, 7), on(1997, 12, 5));
    }

    @Test
    void everyOtherMonthOnTheFirstAndLastSundayForTenOccurrences() {
        assertRfc("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", at(1997, 9, 7), LATE,
                on(1997, 9, 7, 28), on(1997, 11, 2, 30), on(1998, 1, 4, 25), on(1998, 3, 1, 29), on(1998, 5, 3, 31));
    }

    @Test
    void monthlyOnTheSecondToLastMondayForSixMonths() {
        assertRfc("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", at(1997, 9, 22), LATE,
                on(1997, 9, 22), on(1997, 10, 20), on(1997, 11, 17), on(1997, 12, 22), on(1998, 1, 19),
                on(1998, 2, 16));
    }

    @Test
    void monthlyOnTheThirdToTheLastDayForever() {
        assertRfc("FREQ=MONTHLY;BYMONTHDAY=-3", at(1997, 9, 28), at(1998, 2, 27),
                on(1997, 9, 28), on(1997, 10, 29), on(1997, 11, 28), on(1997, 12, 29), on(1998, 1, 29),
                on(1998, 2, 26));
    }

    @Test
    void monthlyOnThe2ndAnd15thForTenOccurrences() {
        assertRfc("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", at(1997, 9, 2), LATE,
                on(1997, 9, 2, 15), on(1997, 10, 2, 15), on(1997, 11, 2, 15), on(1997, 12, 2, 15), on(1998, 1, 2, 15));
    }

    @Test
    void monthlyOnTheFirstAndLastDayForTenOccurrences() {
        assertRfc("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", at(1997, 9, 30), LATE,
                on(1997, 9, 30), on(1997, 10, 1, 31), on(1997, 11, 1, 30), on(1997, 12, 1, 31), on(1998, 1, 1, 31),
                on(1998, 2, 1));
    }

    @Test
    void every18MonthsOnThe10thThru15thForTenOccurrences() {
        assertRfc("FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", at(1997, 9, 10), LATE,
                on(1997, 9, range(10, 15)), on(1999, 3, range(10, 13)));
    }

    @Test
    void everyTuesdayEveryOtherMonth() {
        assertRfc("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", at(1997, 9, 2), at(1998, 4, 1),
                on(1997, 9, 2, 9, 16, 23, 30), on(1997, 11, 4, 11, 18, 25), on(1998, 1, 6, 13, 20, 27),
                on(1998, 3, 3, 10, 17, 24, 31));
    }

    @Test
    void everyFridayThe13th() {
        String rrule = "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13";
        RecurrenceRule rule = RecurrenceRule.parse(rrule);
        // The RFC's DTSTART, Tuesday 2 September 1997, is no Friday the 13th (the RFC removes
        // it with EXDATE); bookingkit refuses it as the first start.
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> rule.localOccurrences(at(1997, 9, 2), NEW_YORK, at(2001, 1, 1)));
        assertTrue(refused.getMessage().contains("is not an occurrence"), refused.getMessage());
        List<LocalDateTime> expected = concat(on(1998, 2, 13), on(1998, 3, 13), on(1998, 11, 13), on(1999, 8, 13),
                on(2000, 10, 13));
        // lib-recur, from the RFC's DTSTART, gives the RFC's list (DTSTART itself not included).
        assertEquals(expected, LibRecur.zoned(rrule, at(1997, 9, 2), NEW_YORK, at(2001, 1, 1), 1000).instances(),
                "lib-recur");
        // From the first real occurrence bookingkit gives the RFC's list too.
        assertRfc(rrule, at(1998, 2, 13), at(2001, 1, 1), List.of(expected));
    }

    @Test
    void theFirstSaturdayThatFollowsTheFirstSundayOfTheMonth() {
        assertRfc("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", at(1997, 9, 13), at(1998, 6, 14),
                on(1997, 9, 13), on(1997, 10, 11), on(1997, 11, 8), on(1997, 12, 13), on(1998, 1, 10), on(1998, 2, 7),
                on(1998, 3, 7), on(1998, 4, 11), on(1998, 5, 9), on(1998, 6, 13));
    }

    @Test
    void theThirdInstanceIntoTheMonthOfTuesdayWednesdayOrThursdayForThreeMonths() {
        assertRfc("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", at(1997, 9, 4), LATE,
                on(1997, 9, 4), on(1997, 10, 7), on(1997, 11, 6));
    }

    @Test
    void theSecondToLastWeekdayOfTheMonth() {
        assertRfc("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", at(1997, 9, 29), at(1998, 3, 31),
                on(1997, 9, 29), on(1997, 10, 30), on(1997, 11, 27), on(1997, 12, 30), on(1998, 1, 29),
                on(1998, 2, 26), on(1998, 3, 30));
    }

    @Test
    void lastWorkDayOfTheMonth() {
        // Section 3.3.10's BYSETPOS example. 30 November 1997 is a Sunday, 31 January and
        // 28 February 1998 are Saturdays.
        assertRfc("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", at(1997, 9, 30), at(1998, 4, 1),
                on(1997, 9, 30), on(1997, 10, 31), on(1997, 11, 28), on(1997, 12, 31), on(1998, 1, 30),
                on(1998, 2, 27), on(1998, 3, 31));
    }

    @Test
    void anInvalidDateIsIgnored() {
        // 30 February is skipped and not counted: the fifth occurrence is 30 March.
        assertRfc("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", at(2007, 1, 15), LATE,
                on(2007, 1, 15, 30), on(2007, 2, 15), on(2007, 3, 15, 30));
    }

    // ----------------------------------------------------------------------------------------
    // Yearly

    @Test
    void yearlyInJuneAndJulyForTenOccurrences() {
        // The day of the month comes from DTSTART.
        assertRfc("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", at(1997, 6, 10), LATE,
                IntStream.rangeClosed(1997, 2001).mapToObj(year -> concat(on(year, 6, 10), on(year, 7, 10))).toList());
    }

    @Test
    void everyOtherYearOnJanuaryFebruaryAndMarchForTenOccurrences() {
        assertRfc("FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", at(1997, 3, 10), LATE,
                on(1997, 3, 10), on(1999, 1, 10), on(1999, 2, 10), on(1999, 3, 10), on(2001, 1, 10), on(2001, 2, 10),
                on(2001, 3, 10), on(2003, 1, 10), on(2003, 2, 10), on(2003, 3, 10));
    }

    @Test
    void every20thMondayOfTheYearForever() {
        assertRfc("FREQ=YEARLY;BYDAY=20MO", at(1997, 5, 19), at(2000, 1, 1),
                on(1997, 5, 19), on(1998, 5, 18), on(1999, 5, 17));
    }

    @Test
    void everyThursdayInMarchForever() {
        assertRfc("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", at(1997, 3, 13), at(2000, 1, 1),
                on(1997, 3, 13, 20, 27), on(1998, 3, 5, 12, 19, 26), on(1999, 3, 4, 11, 18, 25));
    }

    @Test
    void everyThursdayButOnlyDuringJuneJulyAndAugustForever() {
        assertRfc("FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", at(1997, 6, 5), at(2000, 1, 1),
                on(1997, 6, 5, 12, 19, 26), on(1997, 7, 3, 10, 17, 24, 31), on(1997, 8, 7, 14, 21, 28),
                on(1998, 6, 4, 11, 18, 25), on(1998, 7, 2, 9, 16, 23, 30), on(1998, 8, 6, 13, 20, 27),
                on(1999, 6, 3, 10, 17, 24), on(1999, 7, 1, 8, 15, 22, 29), on(1999, 8, 5, 12, 19, 26));
    }

    @Test
    void usPresidentialElectionDay() {
        assertRfc("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", at(1996, 11, 5),
                at(2005, 1, 1),
                on(1996, 11, 5), on(2000, 11, 7), on(2004, 11, 2));
    }

    // ----------------------------------------------------------------------------------------
    // Helpers

    @SafeVarargs
    private static void assertRfc(String rrule, LocalDateTime dtstart, LocalDateTime end, List<LocalDateTime>... parts) {
        assertRfc(rrule, dtstart, end, List.of(parts));
    }

    /**
     * That bookingkit, from first start {@code dtstart} in New York, gives exactly the RFC's
     * list before {@code end}, as local date-times and as instants, and that lib-recur does.
     */
    private static void assertRfc(String rrule, LocalDateTime dtstart, LocalDateTime end,
                                  List<List<LocalDateTime>> parts) {
        List<LocalDateTime> expected = parts.stream().flatMap(List::stream).toList();
        assertFalse(expected.isEmpty());
        assertEquals(dtstart, expected.get(0), "the list starts at DTSTART");
        RecurrenceRule rule = RecurrenceRule.parse(rrule);
        assertEquals(expected, rule.localOccurrences(dtstart, NEW_YORK, end), () -> "bookingkit, " + rrule);
        Interval window = Interval.of(ZonedDateTime.of(dtstart, NEW_YORK).toInstant(),
                ZonedDateTime.of(end, NEW_YORK).toInstant());
        assertEquals(expected.stream().map(local -> ZonedDateTime.of(local, NEW_YORK).toInstant()).toList(),
                rule.occurrences(dtstart, NEW_YORK, window), () -> "bookingkit's instants, " + rrule);
        assertEquals(expected, LibRecur.zoned(rrule, dtstart, NEW_YORK, end, 10_000).instances(),
                () -> "lib-recur, " + rrule);
    }

    private static LocalDateTime at(int year, int month, int day) {
        return LocalDateTime.of(year, month, day, 9, 0);
    }

    /** 9:00 on {@code days} of a month. */
    private static List<LocalDateTime> on(int year, int month, int... days) {
        return IntStream.of(days).mapToObj(day -> at(year, month, day)).toList();
    }

    private static int[] range(int from, int to) {
        return step(from, to, 1);
    }

    private static int[] step(int from, int to, int step) {
        return IntStream.iterate(from, day -> day <= to, day -> day + step).toArray();
    }

    @SafeVarargs
    private static List<LocalDateTime> concat(List<LocalDateTime>... parts) {
        List<LocalDateTime> all = new ArrayList<>();
        for (List<LocalDateTime> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
