package io.bookingkit.conflict;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.EpochNanos;
import io.bookingkit.internal.Require;
import io.bookingkit.time.IntervalSet;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import org.threeten.extra.Interval;

/**
 * One resource's bookings, sorted once, for a store to answer overlap reads from without copying
 * or sorting them again: {@link #overlapping} returns a read-only view, and a
 * {@link ConflictEngine} made from that view for the same resource takes each booking's times,
 * status and expiry from flat arrays instead of from the bookings, which a store that keeps many
 * of them in memory has scattered over the heap.
 *
 * <p>The bookings are in order of their start, then id: the order a store's
 * {@code findOverlapping} returns. Build a timeline after the bookings change, not on every
 * change: building sorts them, in {@code O(n log n)}.
 *
 * <p>Immutable and safe to share between threads; so are its views.
 */
public final class BookingTimeline {

    private static final Comparator<Booking> BY_START_THEN_ID =
            Comparator.comparing((Booking b) -> b.interval().getStart()).thenComparing(Booking::id);

    private final String resourceId;
    private final Booking[] bookings;
    // Instants as seconds and nanoseconds, index for index with the bookings.
    private final long[] startSeconds;
    private final int[] startNanos;
    private final long[] occupiedStartSeconds;
    private final int[] occupiedStartNanos;
    private final long[] occupiedEndSeconds;
    private final int[] occupiedEndNanos;
    private final boolean[] blockingStatus;
    // Long.MAX_VALUE seconds for a booking without expiry: later than every Instant.
    private final long[] expirySeconds;
    private final int[] expiryNanos;
    // How far an occupied interval reaches before its booking's start and after it, at most:
    // they bound where in the order of start an overlap read has to look.
    private final Duration longestLead;
    private final Duration longestReach;
    // Whether the occupied starts are in order too (they are when buffers are alike).
    private final boolean occupiedInOrder;

    private BookingTimeline(String resourceId, Booking[] bookings) {
        this.resourceId = resourceId;
        this.bookings = bookings;
        int n = bookings.length;
        startSeconds = new long[n];
        startNanos = new int[n];
        occupiedStartSeconds = new long[n];
        occupiedStartNanos = new int[n];
        occupiedEndSeconds = new long[n];
        occupiedEndNanos = new int[n];
        blockingStatus = new boolean[n];
        expirySeconds = new long[n];
        expiryNanos = new int[n];
        Duration lead = Duration.ZERO;
        Duration reach = Duration.ZERO;
        boolean inOrder = true;
        for (int i = 0; i < n; i++) {
            Booking b = bookings[i];
            Instant start = b.interval().getStart();
            Interval occupied = b.occupied();
            startSeconds[i] = start.getEpochSecond();
            startNanos[i] = start.getNano();
            occupiedStartSeconds[i] = occupied.getStart().getEpochSecond();
            occupiedStartNanos[i] = occupied.getStart().getNano();
            occupiedEndSeconds[i] = occupied.getEnd().getEpochSecond();
            occupiedEndNanos[i] = occupied.getEnd().getNano();
            blockingStatus[i] = b.status().blocksTime();
            expirySeconds[i] = b.expiresAt().map(Instant::getEpochSecond).orElse(Long.MAX_VALUE);
            expiryNanos[i] = b.expiresAt().map(Instant::getNano).orElse(0);
            Duration before = Duration.between(occupied.getStart(), start);
            Duration after = Duration.between(start, occupied.getEnd());
            lead = before.compareTo(lead) > 0 ? before : lead;
            reach = after.compareTo(reach) > 0 ? after : reach;
            if (i > 0 && EpochNanos.compare(occupiedStartSeconds[i], occupiedStartNanos[i], occupiedStartSeconds[i - 1],
                    occupiedStartNanos[i - 1]) < 0) {
                inOrder = false;
            }
        }
        longestLead = lead;
        longestReach = reach;
        occupiedInOrder = inOrder;
    }

    /**
     * The timeline of {@code resourceId}'s bookings.
     *
     * @param resourceId the resource; every booking must use it
     * @param bookings   its bookings, in any order and of any status
     * @return the timeline
     * @throws IllegalArgumentException if a booking does not use the resource
     */
    public static BookingTimeline of(String resourceId, Collection<Booking> bookings) {
        Require.nonNull(resourceId, "resourceId");
        Booking[] sorted = Require.nonNull(bookings, "bookings").toArray(new Booking[0]);
        for (Booking b : sorted) {
            if (!Require.nonNull(b, "booking in bookings").resourceIds().contains(resourceId)) {
                throw new IllegalArgumentException("booking " + b.id() + " does not use resource " + resourceId);
            }
        }
        java.util.Arrays.sort(sorted, BY_START_THEN_ID);
        return new BookingTimeline(resourceId, sorted);
    }

    /**
     * The resource whose bookings these are.
     *
     * @return the resource's id
     */
    public String resourceId() {
        return resourceId;
    }

    /**
     * How many bookings the timeline holds.
     *
     * @return the count
     */
    public int size() {
        return bookings.length;
    }

    /**
     * The bookings whose occupied interval overlaps {@code range} ({@code occupied.start <
     * range.end} and {@code range.start < occupied.end}), in order of start, then id: a
     * read-only view, found by binary search and one pass over the arrays of the bookings
     * near {@code range}.
     *
     * @param range the time asked about, bounded
     * @return the bookings
     */
    public List<Booking> overlapping(Interval range) {
        Require.bounded(range, "range");
        int from = 0;
        int to = bookings.length;
        // A booking overlaps only if it starts after range.start - longestReach and before
        // range.end + longestLead; beyond Instant's range, every booking is in bounds.
        try {
            Instant earliest = range.getStart().minus(longestReach);
            from = EpochNanos.firstAbove(startSeconds, startNanos, 0, bookings.length, earliest.getEpochSecond(),
                    earliest.getNano(), 0);
        } catch (DateTimeException | ArithmeticException beyond) {
            from = 0;
        }
        try {
            Instant latest = range.getEnd().plus(longestLead);
            to = EpochNanos.firstAbove(startSeconds, startNanos, 0, bookings.length, latest.getEpochSecond(),
                    latest.getNano(), -1);
        } catch (DateTimeException | ArithmeticException beyond) {
            to = bookings.length;
        }
        long aSeconds = range.getStart().getEpochSecond();
        int aNanos = range.getStart().getNano();
        long bSeconds = range.getEnd().getEpochSecond();
        int bNanos = range.getEnd().getNano();
        int[] positions = new int[Math.max(0, to - from)];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (EpochNanos.compare(occupiedStartSeconds[i], occupiedStartNanos[i], bSeconds, bNanos) < 0
                    && EpochNanos.compare(aSeconds, aNanos, occupiedEndSeconds[i], occupiedEndNanos[i]) < 0) {
                positions[count++] = i;
            }
        }
        return new View(positions, count);
    }

    /** Some of the timeline's bookings, in its order. */
    final class View extends AbstractList<Booking> implements RandomAccess {
        private final int[] positions;
        private final int size;

        private View(int[] positions, int size) {
            this.positions = positions;
            this.size = size;
        }

        @Override
        public Booking get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + " of " + size);
            }
            return bookings[positions[index]];
        }

        @Override
        public int size() {
            return size;
        }

        /** The timeline this is a view of. */
        BookingTimeline timeline() {
            return BookingTimeline.this;
        }

        private boolean blocksAt(int position, long nowSeconds, int nowNanos) {
            return blockingStatus[position]
                    && EpochNanos.compare(nowSeconds, nowNanos, expirySeconds[position], expiryNanos[position]) < 0;
        }

        /**
         * The bookings of this view that {@linkplain Booking#blocksAt block time} at {@code now},
         * in its order.
         */
        List<Booking> blockingAt(Instant now) {
            long nowSeconds = now.getEpochSecond();
            int nowNanos = now.getNano();
            List<Booking> blocking = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int p = positions[i];
                if (blocksAt(p, nowSeconds, nowNanos)) {
                    blocking.add(bookings[p]);
                }
            }
            return List.copyOf(blocking);
        }

        /**
         * The union of the occupied intervals of the bookings that block time at {@code now}:
         * merged in one pass over the arrays when the occupied starts are in order, as they
         * are when every booking has the same buffer before it.
         */
        IntervalSet busyAt(Instant now) {
            if (!occupiedInOrder) {
                List<Interval> occupied = new ArrayList<>();
                for (Booking b : blockingAt(now)) {
                    occupied.add(b.occupied());
                }
                return IntervalSet.of(occupied);
            }
            long nowSeconds = now.getEpochSecond();
            int nowNanos = now.getNano();
            List<Interval> merged = new ArrayList<>();
            int open = -1;
            long endSeconds = 0;
            int endNanos = 0;
            for (int i = 0; i < size; i++) {
                int p = positions[i];
                if (!blocksAt(p, nowSeconds, nowNanos)) {
                    continue;
                }
                if (open >= 0
                        && EpochNanos.compare(occupiedStartSeconds[p], occupiedStartNanos[p], endSeconds, endNanos) <= 0) {
                    if (EpochNanos.compare(occupiedEndSeconds[p], occupiedEndNanos[p], endSeconds, endNanos) > 0) {
                        endSeconds = occupiedEndSeconds[p];
                        endNanos = occupiedEndNanos[p];
                    }
                    continue;
                }
                if (open >= 0) {
                    merged.add(interval(open, endSeconds, endNanos));
                }
                open = p;
                endSeconds = occupiedEndSeconds[p];
                endNanos = occupiedEndNanos[p];
            }
            if (open >= 0) {
                merged.add(interval(open, endSeconds, endNanos));
            }
            return IntervalSet.of(merged);
        }

        private Interval interval(int startPosition, long endSeconds, int endNanos) {
            return Interval.of(Instant.ofEpochSecond(occupiedStartSeconds[startPosition], occupiedStartNanos[startPosition]),
                    Instant.ofEpochSecond(endSeconds, endNanos));
        }
    }
}
