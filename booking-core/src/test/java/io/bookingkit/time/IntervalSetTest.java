package io.bookingkit.time;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.threeten.extra.Interval;

/** Worked examples of {@link IntervalSet}; the properties test the same behaviour exhaustively. */
class IntervalSetTest {

    private static final String DAY = "2026-01-05";

    @Test
    void touchingIntervalsMergeIntoOne() {
        IntervalSet morning = IntervalSet.of(at("09:00", "10:00"), at("10:00", "11:00"));

        assertEquals(List.of(at("09:00", "11:00")), morning.intervals());
        assertEquals("[2026-01-05T09:00:00Z/2026-01-05T11:00:00Z]", morning.toString());
    }

    @Test
    void overlappingIntervalsMergeAndEmptyOnesVanish() {
        IntervalSet set = IntervalSet.of(at("13:00", "15:00"), at("09:00", "12:00"),
                at("11:00", "12:30"), at("14:00", "14:00"));

        assertEquals(List.of(at("09:00", "12:30"), at("13:00", "15:00")), set.intervals());
        assertEquals(Duration.ofMinutes(210 + 120), set.totalDuration());
        assertEquals(Optional.of(at("09:00", "15:00")), set.span());
    }

    @Test
    void intervalsAreHalfOpen() {
        IntervalSet set = IntervalSet.of(at("09:00", "10:00"));

        assertTrue(set.contains(instant("09:00")), "the start is included");
        assertTrue(set.contains(instant("09:59:59.999999999")));
        assertFalse(set.contains(instant("10:00")), "the end is excluded");
        assertFalse(set.overlaps(at("10:00", "11:00")), "a neighbour starting at the end shares no instant");
    }

    @Test
    void differenceSplitsAnIntervalInTwo() {
        IntervalSet workingDay = IntervalSet.of(at("09:00", "17:00"));

        IntervalSet withoutLunch = workingDay.difference(at("12:00", "13:00"));

        assertEquals(List.of(at("09:00", "12:00"), at("13:00", "17:00")), withoutLunch.intervals());
        assertEquals(Duration.ofHours(7), withoutLunch.totalDuration());
    }

    @Test
    void complementWithinADayIsTheFreeTime() {
        Interval wholeDay = Interval.of(Instant.parse(DAY + "T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));
        IntervalSet busy = IntervalSet.of(at("09:00", "12:00"), at("14:00", "15:00"));

        IntervalSet free = busy.complement(wholeDay);

        assertEquals(List.of(
                        Interval.of(wholeDay.getStart(), instant("09:00")),
                        at("12:00", "14:00"),
                        Interval.of(instant("15:00"), wholeDay.getEnd())),
                free.intervals());
        assertEquals(IntervalSet.of(wholeDay), free.union(busy));
    }

    @Test
    void emptyIntervalsOverlapNothingButAreEnclosedByAnything() {
        Interval emptyAtTen = at("10:00", "10:00");

        assertFalse(IntervalSet.of(at("09:00", "11:00")).overlaps(emptyAtTen));
        assertTrue(IntervalSet.empty().encloses(emptyAtTen));
    }

    @Test
    void nullArgumentsAreRejectedNamingTheParameter() {
        IntervalSet set = IntervalSet.of(at("09:00", "10:00"));
        assertAll(
                () -> assertRejectsNull("intervals", () -> IntervalSet.of((Collection<Interval>) null)),
                () -> assertRejectsNull("intervals", () -> IntervalSet.of((Interval[]) null)),
                () -> assertRejectsNull("interval in intervals",
                        () -> IntervalSet.of(Arrays.asList(at("09:00", "10:00"), null))),
                () -> assertRejectsNull("instant", () -> set.contains(null)),
                () -> assertRejectsNull("interval", () -> set.overlaps(null)),
                () -> assertRejectsNull("interval", () -> set.encloses(null)),
                () -> assertRejectsNull("other", () -> set.union(null)),
                () -> assertRejectsNull("other", () -> set.intersection((IntervalSet) null)),
                () -> assertRejectsNull("interval", () -> set.intersection((Interval) null)),
                () -> assertRejectsNull("other", () -> set.difference((IntervalSet) null)),
                () -> assertRejectsNull("interval", () -> set.difference((Interval) null)),
                () -> assertRejectsNull("bound", () -> set.complement(null)),
                // The short cuts for empty operands must not skip the check.
                () -> assertRejectsNull("other", () -> IntervalSet.empty().union(null)),
                () -> assertRejectsNull("other", () -> IntervalSet.empty().difference((IntervalSet) null)));
    }

    private static void assertRejectsNull(String parameter, Executable call) {
        NullPointerException thrown = assertThrows(NullPointerException.class, call);
        assertEquals(parameter + " must not be null", thrown.getMessage());
    }

    private static Interval at(String startTime, String endTime) {
        return Interval.of(instant(startTime), instant(endTime));
    }

    private static Instant instant(String time) {
        return Instant.parse(DAY + "T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }
}
