package io.bookingkit.time;

import static io.bookingkit.time.SeededProperties.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.threeten.extra.Interval;

/**
 * Checks {@link IntervalSet} against a brute-force model: a boolean per minute of a small grid.
 *
 * <p>Every generated interval starts and ends on a whole minute of the grid, so a minute cell
 * {@code [m, m+1)} is either wholly in a set or wholly out of it, and any set of such intervals
 * is exactly described by which cells it covers. Queries additionally use the half-minute
 * between grid points, to catch off-by-one errors at boundaries that whole minutes would hide.
 */
@ExtendWith(SeededProperties.class)
class IntervalSetPropertiesTest {

    private static final Instant BASE = Instant.parse("2026-01-05T00:00:00Z");
    private static final int GRID_MINUTES = 200;
    private static final int MAX_INTERVALS = 12;
    // Queries reach a little beyond the grid on both sides, where nothing is ever covered.
    private static final int QUERY_MIN_HALF_MINUTE = -10;
    private static final int QUERY_MAX_HALF_MINUTE = 2 * GRID_MINUTES + 10;

    // ----------------------------------------------------------------------------------------
    // normalization

    @Test
    void intervalsAreSortedNonEmptyAndNeitherOverlapNorTouch() {
        theory().forAll(intervalLists()).checkAssert(input -> assertNormalized(IntervalSet.of(input)));
    }

    @Test
    void coversExactlyTheMinutesOfItsInput() {
        theory().forAll(intervalLists()).checkAssert(input ->
                assertModel(cellsOf(input), IntervalSet.of(input)));
    }

    @Test
    void doesNotDependOnInputOrder() {
        theory().forAll(intervalLists(), longs().all()).checkAssert((input, shuffleSeed) -> {
            List<Interval> shuffled = new ArrayList<>(input);
            Collections.shuffle(shuffled, new Random(shuffleSeed));
            IntervalSet set = IntervalSet.of(input);
            IntervalSet fromShuffled = IntervalSet.of(shuffled);
            assertEquals(set, fromShuffled, () -> "shuffled to " + describe(shuffled));
            assertEquals(set.hashCode(), fromShuffled.hashCode());
            assertEquals(set.toString(), fromShuffled.toString());
        });
    }

    @Test
    void isRebuiltUnchangedFromItsOwnIntervals() {
        theory().forAll(intervalLists()).checkAssert(input -> {
            IntervalSet set = IntervalSet.of(input);
            assertEquals(set, IntervalSet.of(set.intervals()));
            assertEquals(set.size(), set.intervals().size());
            assertEquals(set.isEmpty(), set.intervals().isEmpty());
        });
    }

    // ----------------------------------------------------------------------------------------
    // operations against the model

    @Test
    void unionIsCellwiseOr() {
        theory().forAll(intervalLists(), intervalLists()).checkAssert((a, b) -> {
            IntervalSet union = IntervalSet.of(a).union(IntervalSet.of(b));
            assertNormalized(union);
            assertModel(or(cellsOf(a), cellsOf(b)), union);
        });
    }

    @Test
    void intersectionIsCellwiseAnd() {
        theory().forAll(intervalLists(), intervalLists()).checkAssert((a, b) -> {
            IntervalSet intersection = IntervalSet.of(a).intersection(IntervalSet.of(b));
            assertNormalized(intersection);
            assertModel(and(cellsOf(a), cellsOf(b)), intersection);
        });
    }

    @Test
    void intersectionWithOneIntervalIsCellwiseAnd() {
        theory().forAll(intervalLists(), gridIntervals()).checkAssert((a, interval) -> {
            IntervalSet intersection = IntervalSet.of(a).intersection(interval);
            assertNormalized(intersection);
            assertModel(and(cellsOf(a), cellsOf(List.of(interval))), intersection);
        });
    }

    @Test
    void differenceIsCellwiseAndNot() {
        theory().forAll(intervalLists(), intervalLists()).checkAssert((a, b) -> {
            IntervalSet difference = IntervalSet.of(a).difference(IntervalSet.of(b));
            assertNormalized(difference);
            assertModel(andNot(cellsOf(a), cellsOf(b)), difference);
        });
    }

    @Test
    void differenceWithOneIntervalIsCellwiseAndNot() {
        theory().forAll(intervalLists(), gridIntervals()).checkAssert((a, interval) -> {
            IntervalSet difference = IntervalSet.of(a).difference(interval);
            assertNormalized(difference);
            assertModel(andNot(cellsOf(a), cellsOf(List.of(interval))), difference);
        });
    }

    @Test
    void complementIsBoundAndNot() {
        theory().forAll(intervalLists(), gridIntervals()).checkAssert((a, bound) -> {
            IntervalSet complement = IntervalSet.of(a).complement(bound);
            assertNormalized(complement);
            assertModel(andNot(cellsOf(List.of(bound)), cellsOf(a)), complement);
        });
    }

    // ----------------------------------------------------------------------------------------
    // algebraic laws; equals is a fair judge because the representation is canonical

    @Test
    void unionAndIntersectionAreCommutative() {
        theory().forAll(intervalLists(), intervalLists()).checkAssert((a, b) -> {
            IntervalSet setA = IntervalSet.of(a);
            IntervalSet setB = IntervalSet.of(b);
            assertEquals(setA.union(setB), setB.union(setA), "A ∪ B = B ∪ A");
            assertEquals(setA.intersection(setB), setB.intersection(setA), "A ∩ B = B ∩ A");
        });
    }

    @Test
    void unionAndIntersectionAreAssociative() {
        theory().forAll(intervalLists(), intervalLists(), intervalLists()).checkAssert((a, b, c) -> {
            IntervalSet setA = IntervalSet.of(a);
            IntervalSet setB = IntervalSet.of(b);
            IntervalSet setC = IntervalSet.of(c);
            assertEquals(setA.union(setB).union(setC), setA.union(setB.union(setC)),
                    "(A ∪ B) ∪ C = A ∪ (B ∪ C)");
            assertEquals(setA.intersection(setB).intersection(setC), setA.intersection(setB.intersection(setC)),
                    "(A ∩ B) ∩ C = A ∩ (B ∩ C)");
        });
    }

    @Test
    void intersectionDistributesOverUnion() {
        theory().forAll(intervalLists(), intervalLists(), intervalLists()).checkAssert((a, b, c) -> {
            IntervalSet setA = IntervalSet.of(a);
            IntervalSet setB = IntervalSet.of(b);
            IntervalSet setC = IntervalSet.of(c);
            assertEquals(setA.intersection(setB).union(setA.intersection(setC)), setA.intersection(setB.union(setC)),
                    "A ∩ (B ∪ C) = (A ∩ B) ∪ (A ∩ C)");
            assertEquals(setA.union(setB).intersection(setA.union(setC)), setA.union(setB.intersection(setC)),
                    "A ∪ (B ∩ C) = (A ∪ B) ∩ (A ∪ C)");
        });
    }

    @Test
    void differenceRemovesExactlyTheSharedPart() {
        theory().forAll(intervalLists(), intervalLists()).checkAssert((a, b) -> {
            IntervalSet setA = IntervalSet.of(a);
            IntervalSet setB = IntervalSet.of(b);
            IntervalSet difference = setA.difference(setB);
            assertTrue(difference.intersection(setB).isEmpty(), "(A − B) ∩ B = ∅");
            assertEquals(setA, difference.union(setA.intersection(setB)), "(A − B) ∪ (A ∩ B) = A");
        });
    }

    @Test
    void complementTwiceWithinBoundIsIntersectionWithBound() {
        theory().forAll(intervalLists(), gridIntervals()).checkAssert((a, bound) -> {
            IntervalSet setA = IntervalSet.of(a);
            assertEquals(setA.intersection(bound), setA.complement(bound).complement(bound),
                    "bound − (bound − A) = A ∩ bound");
        });
    }

    // ----------------------------------------------------------------------------------------
    // queries against the model, on and between grid points

    @Test
    void containsAgreesWithModel() {
        theory().forAll(intervalLists(), queryPoints()).checkAssert((input, halfMinute) -> {
            boolean[] cells = cellsOf(input);
            assertEquals(coversHalfMinute(cells, halfMinute), IntervalSet.of(input).contains(atHalfMinute(halfMinute)),
                    () -> "contains(" + atHalfMinute(halfMinute) + ")");
        });
    }

    @Test
    void overlapsAgreesWithModel() {
        theory().forAll(intervalLists(), queryPoints(), queryPoints()).checkAssert((input, x, y) -> {
            int from = Math.min(x, y);
            int to = Math.max(x, y);
            boolean[] cells = cellsOf(input);
            boolean expected = false;
            for (int h = from; h < to; h++) {
                expected |= coversHalfMinute(cells, h);
            }
            Interval query = Interval.of(atHalfMinute(from), atHalfMinute(to));
            assertEquals(expected, IntervalSet.of(input).overlaps(query), () -> "overlaps(" + query + ")");
        });
    }

    @Test
    void enclosesAgreesWithModel() {
        theory().forAll(intervalLists(), queryPoints(), queryPoints()).checkAssert((input, x, y) -> {
            int from = Math.min(x, y);
            int to = Math.max(x, y);
            boolean[] cells = cellsOf(input);
            // Vacuously true for an empty query, which has no instant to miss.
            boolean expected = true;
            for (int h = from; h < to; h++) {
                expected &= coversHalfMinute(cells, h);
            }
            Interval query = Interval.of(atHalfMinute(from), atHalfMinute(to));
            assertEquals(expected, IntervalSet.of(input).encloses(query), () -> "encloses(" + query + ")");
        });
    }

    /**
     * One set asked many questions, in order and out of it, as a slot list asks them: the set
     * remembers where its last search ended, and that must never change an answer.
     */
    @Test
    void manyQueriesOfOneSetAgreeWithModelInAnyOrder() {
        theory().forAll(intervalLists(), lists().of(queryPoints()).ofSizeBetween(1, 40), integers().between(0, 1))
                .checkAssert((input, points, sorted) -> {
                    boolean[] cells = cellsOf(input);
                    IntervalSet set = IntervalSet.of(input);
                    List<Integer> asked = new ArrayList<>(points);
                    if (sorted == 1) {
                        Collections.sort(asked);
                    }
                    for (int i = 0; i < asked.size(); i++) {
                        int h = asked.get(i);
                        int to = Math.min(QUERY_MAX_HALF_MINUTE, h + 1 + (i % 7));
                        boolean covered = true;
                        boolean touched = false;
                        for (int x = h; x < to; x++) {
                            covered &= coversHalfMinute(cells, x);
                            touched |= coversHalfMinute(cells, x);
                        }
                        Interval query = Interval.of(atHalfMinute(h), atHalfMinute(to));
                        assertEquals(coversHalfMinute(cells, h), set.contains(atHalfMinute(h)), "contains " + h);
                        assertEquals(covered, set.encloses(query), "encloses " + query);
                        assertEquals(touched, set.overlaps(query), "overlaps " + query);
                    }
                });
    }

    @Test
    void emptyQueriesOverlapNothingAndAreEnclosedByEverything() {
        theory().forAll(intervalLists(), queryPoints()).checkAssert((input, halfMinute) -> {
            IntervalSet set = IntervalSet.of(input);
            Interval empty = Interval.of(atHalfMinute(halfMinute), atHalfMinute(halfMinute));
            assertFalse(set.overlaps(empty), () -> "overlaps(" + empty + ")");
            assertTrue(set.encloses(empty), () -> "encloses(" + empty + ")");
        });
    }

    @Test
    void totalDurationAndSpanAgreeWithModel() {
        theory().forAll(intervalLists()).checkAssert(input -> {
            boolean[] cells = cellsOf(input);
            IntervalSet set = IntervalSet.of(input);
            int covered = 0;
            int first = -1;
            int last = -1;
            for (int m = 0; m < GRID_MINUTES; m++) {
                if (cells[m]) {
                    covered++;
                    last = m;
                    if (first < 0) {
                        first = m;
                    }
                }
            }
            assertEquals(Duration.ofMinutes(covered), set.totalDuration(), "totalDuration");
            Optional<Interval> expectedSpan = first < 0
                    ? Optional.empty()
                    : Optional.of(Interval.of(atMinute(first), atMinute(last + 1)));
            assertEquals(expectedSpan, set.span(), "span");
        });
    }

    // ----------------------------------------------------------------------------------------
    // generators

    /** Up to a dozen intervals, so that overlaps, touches, containment and gaps all occur. */
    private static Gen<List<Interval>> intervalLists() {
        return lists().of(gridIntervals()).ofSizeBetween(0, MAX_INTERVALS)
                .describedAs(IntervalSetPropertiesTest::describe);
    }

    private static Gen<Interval> gridIntervals() {
        Gen<Interval> betweenTwoPoints = gridPoints().zip(gridPoints(),
                (x, y) -> minutes(Math.min(x, y), Math.max(x, y)));
        Gen<Interval> shortInterval = gridPoints().zip(integers().between(1, 20),
                (start, length) -> minutes(start, Math.min(GRID_MINUTES, start + length)));
        Gen<Interval> empty = gridPoints().map(start -> minutes(start, start));
        // Mostly short intervals: long ones soon merge a list into one or two big runs.
        return Generate.frequency(Pair.of(2, betweenTwoPoints), Pair.of(6, shortInterval), Pair.of(1, empty))
                .describedAs(IntervalSetPropertiesTest::describe);
    }

    /**
     * Minutes of the grid, half of them multiples of ten: uniform points alone would rarely
     * make two intervals share an endpoint, which is where merging goes wrong.
     */
    private static Gen<Integer> gridPoints() {
        return integers().between(0, GRID_MINUTES)
                .mix(integers().between(0, GRID_MINUTES / 10).map(tens -> tens * 10));
    }

    /** Half-minutes from a little before the grid to a little after it. */
    private static Gen<Integer> queryPoints() {
        return integers().between(QUERY_MIN_HALF_MINUTE, QUERY_MAX_HALF_MINUTE)
                .mix(integers().between(QUERY_MIN_HALF_MINUTE / 20, QUERY_MAX_HALF_MINUTE / 20).map(x -> x * 20));
    }

    // ----------------------------------------------------------------------------------------
    // the model

    /** Which minute cells {@code [m, m+1)} of the grid the intervals cover. */
    private static boolean[] cellsOf(Collection<Interval> intervals) {
        boolean[] cells = new boolean[GRID_MINUTES];
        for (Interval interval : intervals) {
            for (int m = minuteOf(interval.getStart()); m < minuteOf(interval.getEnd()); m++) {
                cells[m] = true;
            }
        }
        return cells;
    }

    private static boolean coversHalfMinute(boolean[] cells, int halfMinute) {
        return halfMinute >= 0 && halfMinute < 2 * GRID_MINUTES && cells[halfMinute / 2];
    }

    private static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] result = new boolean[GRID_MINUTES];
        for (int m = 0; m < GRID_MINUTES; m++) {
            result[m] = a[m] || b[m];
        }
        return result;
    }

    private static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] result = new boolean[GRID_MINUTES];
        for (int m = 0; m < GRID_MINUTES; m++) {
            result[m] = a[m] && b[m];
        }
        return result;
    }

    private static boolean[] andNot(boolean[] a, boolean[] b) {
        boolean[] result = new boolean[GRID_MINUTES];
        for (int m = 0; m < GRID_MINUTES; m++) {
            result[m] = a[m] && !b[m];
        }
        return result;
    }

    /** Compares as minute runs rather than arrays, so that a failure shows where they differ. */
    private static void assertModel(boolean[] expected, IntervalSet actual) {
        assertEquals(runs(expected), runs(cellsOf(actual.intervals())), () -> "cells of " + describe(actual));
    }

    private static void assertNormalized(IntervalSet set) {
        List<Interval> intervals = set.intervals();
        for (int i = 0; i < intervals.size(); i++) {
            Interval current = intervals.get(i);
            assertTrue(current.getStart().isBefore(current.getEnd()),
                    () -> "empty interval in " + describe(set));
            if (i + 1 < intervals.size()) {
                Instant nextStart = intervals.get(i + 1).getStart();
                assertTrue(current.getEnd().isBefore(nextStart),
                        () -> "unsorted, overlapping or touching intervals in " + describe(set));
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // conversions and descriptions, in minutes from BASE to keep failures readable

    private static Interval minutes(int start, int end) {
        return Interval.of(atMinute(start), atMinute(end));
    }

    private static Instant atMinute(int minute) {
        return BASE.plus(Duration.ofMinutes(minute));
    }

    private static Instant atHalfMinute(int halfMinute) {
        return BASE.plus(Duration.ofSeconds(30L * halfMinute));
    }

    /** The grid minute of an endpoint; anything off the grid means an operation invented it. */
    private static int minuteOf(Instant instant) {
        Duration offset = Duration.between(BASE, instant);
        if (offset.toSecondsPart() != 0 || offset.toNanosPart() != 0
                || offset.isNegative() || offset.toMinutes() > GRID_MINUTES) {
            throw new AssertionError(instant + " is not a minute of the grid");
        }
        return (int) offset.toMinutes();
    }

    private static String describe(Interval interval) {
        return "[" + minuteOf(interval.getStart()) + "," + minuteOf(interval.getEnd()) + ")";
    }

    private static String describe(List<Interval> intervals) {
        return intervals.stream().map(IntervalSetPropertiesTest::describe)
                .collect(Collectors.joining(" ", "{", "}"));
    }

    private static String describe(IntervalSet set) {
        return describe(set.intervals());
    }

    /** The maximal runs of covered cells, for example {@code {[3,7) [10,12)}}. */
    private static String runs(boolean[] cells) {
        List<Interval> runs = new ArrayList<>();
        int m = 0;
        while (m < cells.length) {
            if (!cells[m]) {
                m++;
                continue;
            }
            int start = m;
            while (m < cells.length && cells[m]) {
                m++;
            }
            runs.add(minutes(start, m));
        }
        return describe(runs);
    }
}
