package io.bookingkit.internal;

/**
 * Instants kept as parallel arrays of epoch seconds and nanoseconds, as the flat indexes of
 * intervals and bookings keep them so that a search compares primitives instead of reading an
 * {@code Instant} at each step.
 */
public final class EpochNanos {

    private EpochNanos() {
    }

    /**
     * The sign of the instant {@code (aSeconds, aNanos)} compared with {@code (bSeconds, bNanos)}.
     *
     * @param aSeconds the first instant's epoch seconds
     * @param aNanos   its nanoseconds within the second
     * @param bSeconds the second instant's epoch seconds
     * @param bNanos   its nanoseconds within the second
     * @return negative, zero or positive as the first is before, at or after the second
     */
    public static int compare(long aSeconds, int aNanos, long bSeconds, int bNanos) {
        return aSeconds != bSeconds ? Long.compare(aSeconds, bSeconds) : Integer.compare(aNanos, bNanos);
    }

    /**
     * The first index in {@code [from, to)} whose instant compares above {@code (seconds, nanos)}
     * by more than {@code slack}: with 0, the first after it; with -1, the first at or after it;
     * {@code to} if there is none. The instants must be in order.
     *
     * @param allSeconds the instants' epoch seconds
     * @param allNanos   their nanoseconds, index for index
     * @param from       the first index searched
     * @param to         the end of the search, exclusive
     * @param seconds    the instant searched for, its epoch seconds
     * @param nanos      its nanoseconds
     * @param slack      0 or -1
     * @return the index
     */
    public static int firstAbove(long[] allSeconds, int[] allNanos, int from, int to, long seconds, int nanos,
                                 int slack) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(allSeconds[mid], allNanos[mid], seconds, nanos) <= slack) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
