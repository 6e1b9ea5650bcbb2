package io.bookingkit.time;

import static io.bookingkit.time.SeededProperties.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.threeten.extra.Interval;

/**
 * Checks {@link IntervalIndex} against a linear scan of its input.
 *
 * <p>Endpoints are whole half-minutes after {@link #BASE}, clustered on multiples of ten
 * minutes so that items and queries often start or end at the same instant, and sizes reach
 * about sixty items so that the interval tree is several levels deep.
 */
@ExtendWith(SeededProperties.class)
class IntervalIndexPropertiesTest {

    private static final Instant BASE = Instant.parse("2026-01-05T00:00:00Z");
    private static final int MAX_START = 600;
    private static final int MAX_DISTINCT_ITEMS = 50;
    private static final int MAX_REPEATS = 10;
    private static final int MAX_QUERIES = 8;

    /** An item whose equality is by value, so that identity can be told apart from it. */
    private record Booking(int id, Interval slot) {
    }

    @Test
    void overlappingIsTheLinearScanSortedStablyByStart() {
        theory().forAll(intervalLists(), queryLists()).checkAssert((intervals, queries) -> {
            IntervalIndex<Interval> index = IntervalIndex.ofIntervals(intervals);
            for (Interval query : queries) {
                assertEquals(describe(overlappingByScan(intervals, Function.identity(), query)),
                        describe(index.overlapping(query)), () -> "overlapping(" + describe(query) + ")");
            }
        });
    }

    @Test
    void overlapsAnyIsWhetherTheLinearScanFindsAnything() {
        theory().forAll(intervalLists(), queryLists()).checkAssert((intervals, queries) -> {
            IntervalIndex<Interval> index = IntervalIndex.ofIntervals(intervals);
            for (Interval query : queries) {
                assertEquals(!overlappingByScan(intervals, Function.identity(), query).isEmpty(),
                        index.overlapsAny(query), () -> "overlapsAny(" + describe(query) + ")");
            }
        });
    }

    @Test
    void sizeCountsTheNonEmptyIntervals() {
        theory().forAll(intervalLists()).checkAssert(intervals ->
                assertEquals(intervals.stream().filter(interval -> !interval.isEmpty()).count(),
                        IntervalIndex.ofIntervals(intervals).size()));
    }

    /**
     * Repeated and equal-but-distinct items must all come back, themselves rather than copies,
     * and tied starts in the order they were given.
     */
    @Test
    void overlappingReturnsTheGivenItemsThemselvesInInputOrderOnTies() {
        theory().forAll(bookingLists(), queryLists()).checkAssert((bookings, queries) -> {
            IntervalIndex<Booking> index = IntervalIndex.of(bookings, Booking::slot);
            assertEquals(bookings.stream().filter(booking -> !booking.slot().isEmpty()).count(), index.size());
            for (Interval query : queries) {
                List<Booking> expected = overlappingByScan(bookings, Booking::slot, query);
                List<Booking> actual = index.overlapping(query);
                assertEquals(expected, actual, () -> "overlapping(" + describe(query) + ")");
                for (int i = 0; i < expected.size(); i++) {
                    assertSame(expected.get(i), actual.get(i), "item " + i + " of overlapping(" + describe(query) + ")");
                }
            }
        });
    }

    /** What the index must answer, worked out without one. */
    private static <T> List<T> overlappingByScan(List<T> items, Function<T, Interval> intervalOf, Interval query) {
        List<T> found = new ArrayList<>();
        for (T item : items) {
            Interval x = intervalOf.apply(item);
            if (!x.isEmpty() && !query.isEmpty()
                    && x.getStart().isBefore(query.getEnd()) && query.getStart().isBefore(x.getEnd())) {
                found.add(item);
            }
        }
        // List.sort is stable, so equal starts stay in input order.
        found.sort(Comparator.comparing(item -> intervalOf.apply(item).getStart()));
        return found;
    }

    // ----------------------------------------------------------------------------------------
    // generators

    /** Distinct-ish intervals plus repeats of some of them, shuffled so repeats are not adjacent. */
    private static Gen<List<Interval>> intervalLists() {
        return lists().of(itemIntervals()).ofSizeBetween(0, MAX_DISTINCT_ITEMS)
                .zip(lists().of(integers().between(0, MAX_DISTINCT_ITEMS)).ofSizeBetween(0, MAX_REPEATS),
                        longs().all(),
                        (distinct, repeats, shuffleSeed) -> {
                            List<Interval> all = new ArrayList<>(distinct);
                            if (!distinct.isEmpty()) {
                                repeats.forEach(r -> all.add(distinct.get(r % distinct.size())));
                            }
                            Collections.shuffle(all, new Random(shuffleSeed));
                            return all;
                        })
                .describedAs(IntervalIndexPropertiesTest::describe);
    }

    /**
     * Bookings numbered in input order, where a repeat is either the same instance again or an
     * equal copy of it.
     */
    private static Gen<List<Booking>> bookingLists() {
        return lists().of(itemIntervals()).ofSizeBetween(0, MAX_DISTINCT_ITEMS)
                .zip(lists().of(integers().between(0, 2 * MAX_DISTINCT_ITEMS)).ofSizeBetween(0, MAX_REPEATS),
                        longs().all(),
                        (intervals, repeats, shuffleSeed) -> {
                            List<Booking> distinct = new ArrayList<>();
                            for (int i = 0; i < intervals.size(); i++) {
                                distinct.add(new Booking(i, intervals.get(i)));
                            }
                            List<Booking> all = new ArrayList<>(distinct);
                            if (!distinct.isEmpty()) {
                                for (int r : repeats) {
                                    Booking original = distinct.get((r / 2) % distinct.size());
                                    all.add(r % 2 == 0 ? original : new Booking(original.id(), original.slot()));
                                }
                            }
                            Collections.shuffle(all, new Random(shuffleSeed));
                            return all;
                        })
                .describedAs(bookings -> bookings.stream()
                        .map(booking -> booking.id() + "@" + describe(booking.slot()))
                        .collect(Collectors.joining(" ", "{", "}")));
    }

    private static Gen<Interval> itemIntervals() {
        Gen<Integer> lengths = Generate.frequency(
                Pair.of(1, Generate.constant(0)),
                Pair.of(5, integers().between(1, 6)),
                Pair.of(3, integers().between(20, MAX_START)));
        return points(0, MAX_START).zip(lengths, (start, length) -> halfMinutes(start, start + length));
    }

    /** Queries reaching before and after every item, and empty ones. */
    private static Gen<List<Interval>> queryLists() {
        Gen<Integer> lengths = Generate.frequency(
                Pair.of(1, Generate.constant(0)),
                Pair.of(3, integers().between(1, 10)),
                Pair.of(3, integers().between(0, 2 * MAX_START)));
        Gen<Interval> queries = points(-20, 2 * MAX_START)
                .zip(lengths, (start, length) -> halfMinutes(start, start + length));
        return lists().of(queries).ofSizeBetween(1, MAX_QUERIES).describedAs(IntervalIndexPropertiesTest::describe);
    }

    /**
     * Half-minutes in a range, half of them multiples of twenty so that endpoints coincide
     * often; coinciding endpoints are where half-open comparisons go wrong.
     */
    private static Gen<Integer> points(int from, int to) {
        return integers().between(from, to)
                .mix(integers().between(from / 20, to / 20).map(twenties -> twenties * 20));
    }

    // ----------------------------------------------------------------------------------------
    // conversions and descriptions, in half-minutes from BASE to keep failures readable

    private static Interval halfMinutes(int start, int end) {
        return Interval.of(atHalfMinute(start), atHalfMinute(end));
    }

    private static Instant atHalfMinute(int halfMinute) {
        return BASE.plus(Duration.ofSeconds(30L * halfMinute));
    }

    private static long halfMinuteOf(Instant instant) {
        return Duration.between(BASE, instant).getSeconds() / 30;
    }

    private static String describe(Interval interval) {
        return "[" + halfMinuteOf(interval.getStart()) + "," + halfMinuteOf(interval.getEnd()) + ")";
    }

    private static String describe(List<Interval> intervals) {
        return intervals.stream().map(IntervalIndexPropertiesTest::describe)
                .collect(Collectors.joining(" ", "{", "}"));
    }
}
