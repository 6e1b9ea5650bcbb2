package io.bookingkit.time;

import io.bookingkit.internal.EpochNanos;
import io.bookingkit.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * An immutable set of instants, held as half-open {@code [start, end)} intervals that are
 * sorted, disjoint and not touching; empty intervals contribute nothing. Two sets that contain
 * the same instants are therefore equal and print the same, however they were built.
 *
 * <p>Union, intersection and difference merge the two sorted lists in one pass: linear in the
 * sizes of both operands. Membership and overlap tests use binary search.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class IntervalSet implements Iterable<Interval> {

    private static final IntervalSet EMPTY = new IntervalSet(new Instant[0], new Instant[0]);

    // Parallel arrays rather than Interval objects: cheaper to merge and to binary-search.
    private final Instant[] starts;
    private final Instant[] ends;
    // The same instants as seconds and nanoseconds, for the searches: a slot list asks a set
    // about every candidate start, and flat arrays spare each step a read of an Instant.
    private final long[] startSeconds;
    private final int[] startNanos;
    private final long[] endSeconds;
    private final int[] endNanos;
    /**
     * Where the last search ended: slot lists ask about starts in order, so the next answer is
     * most often there or one further. Only a hint, checked before it is used, so whatever value
     * any thread left in it gives the same answers (an {@code int} is written whole); the set's
     * contents stay immutable.
     */
    private int lastFound;

    private IntervalSet(Instant[] starts, Instant[] ends) {
        this.starts = starts;
        this.ends = ends;
        int n = starts.length;
        startSeconds = new long[n];
        startNanos = new int[n];
        endSeconds = new long[n];
        endNanos = new int[n];
        for (int i = 0; i < n; i++) {
            startSeconds[i] = starts[i].getEpochSecond();
            startNanos[i] = starts[i].getNano();
            endSeconds[i] = ends[i].getEpochSecond();
            endNanos[i] = ends[i].getNano();
        }
    }

    /**
     * The set that contains no instant.
     *
     * @return the empty set
     */
    public static IntervalSet empty() {
        return EMPTY;
    }

    /**
     * The set of instants in any of the given intervals; they may overlap, touch or be empty.
     *
     * @param intervals the intervals, in any order
     * @return the set
     */
    public static IntervalSet of(Interval... intervals) {
        Require.nonNull(intervals, "intervals");
        return of(Arrays.asList(intervals));
    }

    /**
     * The set of instants in any of the given intervals; they may overlap, touch or be empty.
     *
     * @param intervals the intervals, in any order
     * @return the set
     */
    public static IntervalSet of(Collection<Interval> intervals) {
        Require.nonNull(intervals, "intervals");
        List<Interval> sorted = new ArrayList<>(intervals.size());
        for (Interval interval : intervals) {
            Require.nonNull(interval, "interval in intervals");
            if (!interval.isEmpty()) {
                sorted.add(interval);
            }
        }
        if (!inOrderOfStart(sorted)) {
            sorted.sort(Comparator.comparing(Interval::getStart));
        }
        Builder builder = new Builder(sorted.size());
        for (Interval interval : sorted) {
            builder.add(interval.getStart(), interval.getEnd());
        }
        return builder.build();
    }

    private static boolean inOrderOfStart(List<Interval> intervals) {
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i).getStart().isBefore(intervals.get(i - 1).getStart())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this set contains no instant.
     *
     * @return true if it is empty
     */
    public boolean isEmpty() {
        return starts.length == 0;
    }

    /**
     * The number of maximal intervals in this set.
     *
     * @return the number of intervals, 0 for the empty set
     */
    public int size() {
        return starts.length;
    }

    /**
     * The maximal intervals of this set, in order of time.
     *
     * @return the intervals, unmodifiable; each non-empty, and none touching the next
     */
    public List<Interval> intervals() {
        List<Interval> result = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            result.add(Interval.of(starts[i], ends[i]));
        }
        return Collections.unmodifiableList(result);
    }

    @Override
    public Iterator<Interval> iterator() {
        return intervals().iterator();
    }

    /**
     * The smallest interval enclosing every instant of this set, if there is any.
     *
     * @return from the first start to the last end; empty for the empty set
     */
    public Optional<Interval> span() {
        return isEmpty() ? Optional.empty() : Optional.of(Interval.of(starts[0], ends[ends.length - 1]));
    }

    /**
     * The summed length of the intervals; saturates at the longest representable duration.
     *
     * @return the total length
     */
    public Duration totalDuration() {
        Duration total = Duration.ZERO;
        for (int i = 0; i < starts.length; i++) {
            try {
                total = total.plus(Duration.between(starts[i], ends[i]));
            } catch (ArithmeticException overflow) {
                return Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
            }
        }
        return total;
    }

    /**
     * Whether {@code instant} lies in one of the intervals (start inclusive, end exclusive).
     *
     * @param instant the instant asked about
     * @return true if it is in the set
     */
    public boolean contains(Instant instant) {
        Require.nonNull(instant, "instant");
        int i = lastStartAtOrBefore(instant);
        return i >= 0 && compareEnd(i, instant) > 0;
    }

    /**
     * Whether every instant of {@code interval} is in this set. An empty interval is enclosed
     * by any set, as the empty set of instants is a subset of every set.
     *
     * @param interval the half-open interval asked about
     * @return true if the set holds all of it
     */
    public boolean encloses(Interval interval) {
        Require.nonNull(interval, "interval");
        if (interval.isEmpty()) {
            return true;
        }
        int i = lastStartAtOrBefore(interval.getStart());
        return i >= 0 && compareEnd(i, interval.getEnd()) >= 0;
    }

    /**
     * Whether at least one instant of {@code interval} is in this set. An empty interval
     * contains no instant and so overlaps nothing.
     *
     * @param interval the half-open interval asked about
     * @return true if the set and the interval share an instant
     */
    public boolean overlaps(Interval interval) {
        Require.nonNull(interval, "interval");
        if (interval.isEmpty() || isEmpty()) {
            return false;
        }
        // The last interval starting before interval's end is the only candidate: every earlier
        // one ends before it starts, as they are disjoint and sorted.
        int i = lastStartBefore(interval.getEnd());
        return i >= 0 && compareEnd(i, interval.getStart()) > 0;
    }

    /**
     * Instants in this set or in {@code other}.
     *
     * @param other the set to unite with
     * @return the union
     */
    public IntervalSet union(IntervalSet other) {
        Require.nonNull(other, "other");
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder builder = new Builder(starts.length + other.starts.length);
        int i = 0;
        int j = 0;
        while (i < starts.length || j < other.starts.length) {
            boolean takeMine = j >= other.starts.length
                    || (i < starts.length && !starts[i].isAfter(other.starts[j]));
            if (takeMine) {
                builder.add(starts[i], ends[i]);
                i++;
            } else {
                builder.add(other.starts[j], other.ends[j]);
                j++;
            }
        }
        return builder.build();
    }

    /**
     * Instants in both this set and {@code other}.
     *
     * @param other the set to intersect with
     * @return the intersection
     */
    public IntervalSet intersection(IntervalSet other) {
        Require.nonNull(other, "other");
        Builder builder = new Builder(Math.max(starts.length, other.starts.length));
        int i = 0;
        int j = 0;
        while (i < starts.length && j < other.starts.length) {
            Instant start = later(starts[i], other.starts[j]);
            Instant end = earlier(ends[i], other.ends[j]);
            if (start.isBefore(end)) {
                builder.add(start, end);
            }
            if (ends[i].isBefore(other.ends[j])) {
                i++;
            } else {
                j++;
            }
        }
        return builder.build();
    }

    /**
     * Instants in both this set and {@code interval}.
     *
     * @param interval a half-open interval
     * @return the part of this set inside it
     */
    public IntervalSet intersection(Interval interval) {
        return intersection(of(Require.nonNull(interval, "interval")));
    }

    /**
     * Instants in this set but not in {@code other}.
     *
     * @param other the set to take away
     * @return the difference
     */
    public IntervalSet difference(IntervalSet other) {
        Require.nonNull(other, "other");
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        Builder builder = new Builder(starts.length + other.starts.length);
        int j = 0;
        for (int i = 0; i < starts.length; i++) {
            Instant cursor = starts[i];
            Instant end = ends[i];
            // Skip the parts of other that end before this interval starts.
            while (j < other.starts.length && !other.ends[j].isAfter(cursor)) {
                j++;
            }
            int k = j;
            while (k < other.starts.length && other.starts[k].isBefore(end)) {
                if (cursor.isBefore(other.starts[k])) {
                    builder.add(cursor, other.starts[k]);
                }
                cursor = later(cursor, other.ends[k]);
                if (!cursor.isBefore(end)) {
                    break;
                }
                k++;
            }
            if (cursor.isBefore(end)) {
                builder.add(cursor, end);
            }
            // other's interval k may also reach into this set's next interval, so j stays put.
        }
        return builder.build();
    }

    /**
     * Instants in this set but not in {@code interval}.
     *
     * @param interval a half-open interval
     * @return the part of this set outside it
     */
    public IntervalSet difference(Interval interval) {
        return difference(of(Require.nonNull(interval, "interval")));
    }

    /**
     * Instants of {@code bound} that are not in this set.
     *
     * @param bound the half-open interval to complement within
     * @return the gaps of this set inside {@code bound}
     */
    public IntervalSet complement(Interval bound) {
        Require.nonNull(bound, "bound");
        return of(bound).difference(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSet other
                && Arrays.equals(starts, other.starts)
                && Arrays.equals(ends, other.ends);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
    }

    /** For example {@code [2026-01-05T09:00:00Z/2026-01-05T12:00:00Z, ...]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < starts.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(starts[i]).append('/').append(ends[i]);
        }
        return text.append(']').toString();
    }

    private int lastStartAtOrBefore(Instant instant) {
        return firstStartAfter(instant, 0) - 1;
    }

    private int lastStartBefore(Instant instant) {
        return firstStartAfter(instant, -1) - 1;
    }

    /**
     * The index of the first start that compares above {@code instant} by more than
     * {@code slack} (0: after it; -1: at or after it).
     */
    private int firstStartAfter(Instant instant, int slack) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        int n = startSeconds.length;
        int hint = lastFound;
        for (int guess = hint; guess <= hint + 1 && guess <= n; guess++) {
            if ((guess == 0 || compareStart(guess - 1, seconds, nanos) <= slack)
                    && (guess == n || compareStart(guess, seconds, nanos) > slack)) {
                lastFound = guess;
                return guess;
            }
        }
        int found = EpochNanos.firstAbove(startSeconds, startNanos, 0, n, seconds, nanos, slack);
        lastFound = found;
        return found;
    }

    private int compareStart(int i, long seconds, int nanos) {
        return EpochNanos.compare(startSeconds[i], startNanos[i], seconds, nanos);
    }

    /** The sign of end {@code i} compared with {@code instant}. */
    private int compareEnd(int i, Instant instant) {
        return EpochNanos.compare(endSeconds[i], endNanos[i], instant.getEpochSecond(), instant.getNano());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Collects non-empty intervals given in order of start and coalesces those that overlap or
     * touch the previous one.
     */
    private static final class Builder {
        private final List<Instant> starts;
        private final List<Instant> ends;

        Builder(int expected) {
            starts = new ArrayList<>(expected);
            ends = new ArrayList<>(expected);
        }

        void add(Instant start, Instant end) {
            int last = ends.size() - 1;
            if (last >= 0 && !start.isAfter(ends.get(last))) {
                if (end.isAfter(ends.get(last))) {
                    ends.set(last, end);
                }
                return;
            }
            starts.add(start);
            ends.add(end);
        }

        IntervalSet build() {
            if (starts.isEmpty()) {
                return EMPTY;
            }
            return new IntervalSet(starts.toArray(new Instant[0]), ends.toArray(new Instant[0]));
        }
    }
}
