package io.bookingkit.examples.bench;

import io.bookingkit.time.IntervalIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.threeten.extra.Interval;

/**
 * "Which of these bookings overlap this hour?", asked 1,000 times among 1,000, 10,000 and
 * 100,000 of them: the interval index against a linear scan over every booking. The goal is set
 * at 10,000; the other counts show how each side grows (the scan linearly, the index with the
 * logarithm of the count and the number found).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConflictLookupBenchmark {

    private static final int QUERIES = 1_000;

    /** How many intervals are indexed and scanned. */
    @Param({"1000", "10000", "100000"})
    public int intervals;

    List<Interval> indexed;
    IntervalIndex<Interval> index;
    List<Interval> queries;

    /**
     * Draws, with a fixed seed, the intervals of 10 to 119 minutes starting within 90 days,
     * indexes them, and draws the 1,000 one-hour queries: at 10,000 intervals, the same as
     * before the count became a parameter.
     */
    @Setup
    public void setUp() {
        Random random = new Random(7);
        Instant base = Instant.parse("2027-01-01T00:00:00Z");
        long minutes = Duration.ofDays(90).toMinutes();
        indexed = new ArrayList<>(intervals);
        for (int i = 0; i < intervals; i++) {
            Instant start = base.plus(Duration.ofMinutes(random.nextInt((int) minutes)));
            indexed.add(Interval.of(start, start.plus(Duration.ofMinutes(10 + random.nextInt(110)))));
        }
        index = IntervalIndex.ofIntervals(indexed);
        queries = new ArrayList<>(QUERIES);
        for (int i = 0; i < QUERIES; i++) {
            Instant start = base.plus(Duration.ofMinutes(random.nextInt((int) minutes)));
            queries.add(Interval.of(start, start.plus(Duration.ofHours(1))));
        }
    }

    /**
     * The 1,000 queries answered by {@link IntervalIndex#overlapping}; average time of all of
     * them, in microseconds, against {@link #linearScan()}.
     *
     * @return how many overlaps were found in all, for JMH to consume
     */
    @Benchmark
    public int index() {
        int found = 0;
        for (Interval q : queries) {
            found += index.overlapping(q).size();
        }
        return found;
    }

    /**
     * The baseline: the 1,000 queries answered by checking every one of the intervals;
     * average time of all of them, in microseconds.
     *
     * @return how many overlaps were found in all, for JMH to consume
     */
    @Benchmark
    public int linearScan() {
        int found = 0;
        for (Interval q : queries) {
            for (Interval i : indexed) {
                if (i.getStart().isBefore(q.getEnd()) && q.getStart().isBefore(i.getEnd())) {
                    found++;
                }
            }
        }
        return found;
    }
}
