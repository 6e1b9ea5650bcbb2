package io.bookingkit.conflict;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import io.bookingkit.time.IntervalIndex;
import io.bookingkit.time.IntervalSet;
import io.bookingkit.time.Intervals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * Decides whether a proposed use of a resource fits beside the bookings already on it.
 *
 * <p>A booking uses {@code partySize} seats of each of its resources during its occupied
 * interval (its time widened by buffers) while it {@linkplain Booking#blocksAt blocks} time. A
 * proposal fits when, at every instant of its occupied interval, the seats already in use plus
 * its own party size are within the capacity.
 *
 * <p>Two structures answer: the union of the blocking bookings' occupied time, an
 * {@link IntervalSet} that says in one binary search whether a proposal touches any of them
 * (which settles most slot-list questions), and an {@link IntervalIndex} that finds the
 * bookings themselves when seats must be counted or conflicts listed. Both are built on first
 * use. Made from a {@link BookingTimeline}'s view for the same resource, it takes the bookings'
 * times, statuses and expiries from the timeline's arrays, and sets apart the blocking bookings
 * themselves only when they are asked for.
 *
 * <p>Instances are immutable snapshots of one resource's bookings and safe to share between
 * threads.
 */
public final class ConflictEngine {

    private final String resourceId;
    // For a view of a timeline of this resource: the view and the instant, from which the
    // relevant bookings and the busy time are taken on first use, without reading each booking.
    private final BookingTimeline.View view;
    private final Instant now;
    private volatile List<Booking> relevant;
    private volatile IntervalIndex<Booking> index;
    private volatile IntervalSet busy;

    private ConflictEngine(String resourceId, List<Booking> relevant, BookingTimeline.View view, Instant now) {
        this.resourceId = resourceId;
        this.relevant = relevant;
        this.view = view;
        this.now = now;
    }

    /**
     * A snapshot of the bookings on {@code resourceId} that block time at {@code now}; the
     * others in {@code bookings} (other resources, non-blocking or expired) are ignored.
     *
     * @param resourceId the resource whose bookings to keep
     * @param bookings   bookings of any resources and statuses, such as those overlapping the time
     *                   asked about
     * @param now        the instant at which a booking's status and expiry are judged
     * @return the snapshot
     */
    public static ConflictEngine of(String resourceId, Collection<Booking> bookings, Instant now) {
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(bookings, "bookings");
        Require.nonNull(now, "now");
        if (bookings instanceof BookingTimeline.View view && view.timeline().resourceId().equals(resourceId)) {
            return new ConflictEngine(resourceId, null, view, now);
        }
        List<Booking> relevant = new ArrayList<>();
        for (Booking booking : bookings) {
            if (booking.resourceIds().contains(resourceId) && booking.blocksAt(now)) {
                relevant.add(booking);
            }
        }
        return new ConflictEngine(resourceId, List.copyOf(relevant), null, now);
    }

    /**
     * The resource this snapshot is of.
     *
     * @return the resource's id
     */
    public String resourceId() {
        return resourceId;
    }

    /**
     * The blocking bookings whose occupied interval shares an instant with {@code range}.
     *
     * @param range the time asked about
     * @return those bookings, in order of the start of their occupied interval
     */
    public List<Booking> blockingDuring(Interval range) {
        return index().overlapping(range);
    }

    /**
     * Whether a proposal needing {@code partySize} seats during {@code occupied} fits: the same
     * answer as {@code freeSeats(…) >= partySize}, without counting when no booking is near.
     *
     * @param occupied   the proposal's time widened by its buffers
     * @param partySize  seats it needs
     * @param capacity   seats the resource offers for it
     * @param ignoredIds bookings to leave out, such as the one being rescheduled; may be empty
     * @return true if the seats are free throughout {@code occupied}
     */
    public boolean fits(Interval occupied, int partySize, int capacity, Set<String> ignoredIds) {
        if (ignoredIds.isEmpty()) {
            if (!busy().overlaps(occupied)) {
                return partySize <= capacity;
            }
            if (capacity == 1) {
                // Any blocking booking takes at least one seat, and there is only one.
                return false;
            }
        }
        return freeSeats(occupied, capacity, ignoredIds) >= partySize;
    }

    /**
     * Every conflict of a proposal: empty when it fits.
     *
     * @param interval  the proposal's own time
     * @param occupied  its time widened by its buffers
     * @param partySize seats it needs
     * @param capacity  seats the resource offers for it
     * @param ignoredIds bookings to leave out, such as the one being rescheduled
     * @return one conflict per blocking booking whose occupied interval overlaps {@code occupied},
     *         when together they leave too few seats; empty when the proposal fits
     */
    public List<Conflict> conflicts(Interval interval, Interval occupied, int partySize, int capacity,
                                    Set<String> ignoredIds) {
        Require.nonNull(interval, "interval");
        Require.nonNull(occupied, "occupied");
        Require.nonNull(ignoredIds, "ignoredIds");
        List<Booking> overlapping = others(occupied, ignoredIds);
        if (overlapping.isEmpty() || peakSeats(overlapping) + partySize <= capacity) {
            return List.of();
        }
        List<Conflict> conflicts = new ArrayList<>(overlapping.size());
        for (Booking other : overlapping) {
            Conflict.Kind kind = capacity > 1 ? Conflict.Kind.FULL
                    : Intervals.overlap(other.interval(), interval) ? Conflict.Kind.OVERLAP : Conflict.Kind.BUFFER;
            conflicts.add(new Conflict(other.id(), resourceId, other.occupied(), kind));
        }
        return conflicts;
    }

    /**
     * Seats free throughout {@code occupied}: capacity minus the peak use during it.
     *
     * @param occupied   the time asked about, buffers included
     * @param capacity   seats the resource offers
     * @param ignoredIds bookings to leave out, such as the one being rescheduled; may be empty
     * @return the free seats; below 0 where forced bookings already use more than the capacity
     */
    public int freeSeats(Interval occupied, int capacity, Set<String> ignoredIds) {
        if (ignoredIds.isEmpty() && !busy().overlaps(occupied)) {
            return capacity;
        }
        return capacity - peakSeats(others(occupied, ignoredIds));
    }

    private List<Booking> relevant() {
        List<Booking> built = relevant;
        if (built == null) {
            built = view.blockingAt(now);
            relevant = built;
        }
        return built;
    }

    private IntervalIndex<Booking> index() {
        IntervalIndex<Booking> built = index;
        if (built == null) {
            built = IntervalIndex.of(relevant(), Booking::occupied);
            index = built;
        }
        return built;
    }

    private IntervalSet busy() {
        IntervalSet built = busy;
        if (built == null) {
            if (view != null) {
                built = view.busyAt(now);
            } else {
                List<Interval> occupied = new ArrayList<>(relevant.size());
                for (Booking b : relevant) {
                    occupied.add(b.occupied());
                }
                built = IntervalSet.of(occupied);
            }
            busy = built;
        }
        return built;
    }

    private List<Booking> others(Interval occupied, Set<String> ignoredIds) {
        List<Booking> overlapping = index().overlapping(occupied);
        if (ignoredIds.isEmpty()) {
            return overlapping;
        }
        List<Booking> kept = new ArrayList<>(overlapping.size());
        for (Booking b : overlapping) {
            if (!ignoredIds.contains(b.id())) {
                kept.add(b);
            }
        }
        return kept;
    }


    /**
     * The most seats in use at one instant by {@code bookings}, which all overlap the proposal.
     * No clipping to the proposal is needed: intervals that pairwise overlap share a common
     * instant (Helly, in one dimension), so the peak of any group that overlaps each other and
     * the proposal lies inside the proposal. The bookings arrive in order of start, so a sweep
     * over their ends, kept in a heap, finds the peak in O(k log k).
     */
    private static int peakSeats(List<Booking> bookings) {
        if (bookings.size() == 1) {
            return bookings.get(0).partySize();
        }
        java.util.PriorityQueue<Booking> running =
                new java.util.PriorityQueue<>(java.util.Comparator.comparing(b -> b.occupied().getEnd()));
        int inUse = 0;
        int peak = 0;
        for (Booking next : bookings) {
            Instant start = next.occupied().getStart();
            // Half-open: a booking ending at the instant another starts no longer uses its seats.
            while (!running.isEmpty() && !running.peek().occupied().getEnd().isAfter(start)) {
                inUse -= running.poll().partySize();
            }
            running.add(next);
            inUse += next.partySize();
            peak = Math.max(peak, inUse);
        }
        return peak;
    }
}
