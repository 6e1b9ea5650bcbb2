package io.bookingkit.time;

import org.threeten.extra.Interval;

/** The overlap test every part of bookingkit uses for half-open intervals. */
public final class Intervals {

    private Intervals() {
    }

    /**
     * Whether {@code a} starts before {@code b} ends and {@code b} before {@code a} ends: for
     * non-empty intervals, whether they share at least one instant. Touching intervals
     * ({@code [9, 10)} and {@code [10, 11)}) do not overlap.
     *
     * @param a a half-open interval
     * @param b another
     * @return true if they overlap; false if either is empty
     */
    public static boolean overlap(Interval a, Interval b) {
        return a.getStart().isBefore(b.getEnd()) && b.getStart().isBefore(a.getEnd());
    }
}
