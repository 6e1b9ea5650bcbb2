package io.bookingkit.time;

import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.threeten.extra.Interval;

/**
 * A static index over items that each occupy a half-open interval, answering "which items
 * overlap {@code [a, b)}?".
 *
 * <p>Two items overlap a query when they share at least one instant: {@code start < b} and
 * {@code a < end}. Items with an empty interval share no instant with anything and are never
 * returned; nor is anything returned for an empty query.
 *
 * <p>A lookup splits the answer in two disjoint parts: items that start inside the query, found
 * by binary search over the items sorted by start, and items that start before it and are still
 * running at its start, found by a stabbing query on a centered interval tree. Both cost
 * {@code O(log n + k)} for {@code k} results; the results are then put in order of start.
 *
 * <p>Instances are immutable and safe to share between threads, provided the items are.
 *
 * @param <T> the indexed items
 */
public final class IntervalIndex<T> {

    private final List<Entry<T>> byStart;
    private final Node<T> root;

    private IntervalIndex(List<Entry<T>> byStart) {
        this.byStart = byStart;
        this.root = Node.build(byStart);
    }

    /**
     * Indexes {@code items}, each at the interval {@code intervalOf} gives for it.
     *
     * @param <T>        the items
     * @param items      the items, in the order that breaks ties between equal starts
     * @param intervalOf gives each item's interval
     * @return the index
     * @throws NullPointerException if the collection, an item or an item's interval is null
     */
    public static <T> IntervalIndex<T> of(Collection<? extends T> items, Function<? super T, Interval> intervalOf) {
        Require.nonNull(items, "items");
        Require.nonNull(intervalOf, "intervalOf");
        List<Entry<T>> entries = new ArrayList<>(items.size());
        int seq = 0;
        for (T item : items) {
            Require.nonNull(item, "item in items");
            Interval interval = intervalOf.apply(item);
            if (interval == null) {
                throw new NullPointerException("interval of item " + item + " must not be null");
            }
            if (!interval.isEmpty()) {
                entries.add(new Entry<>(item, interval.getStart(), interval.getEnd(), seq));
            }
            seq++;
        }
        entries.sort(IN_ORDER);
        return new IntervalIndex<>(List.copyOf(entries));
    }

    /**
     * Indexes intervals themselves.
     *
     * @param intervals the intervals to index
     * @return the index
     */
    public static IntervalIndex<Interval> ofIntervals(Collection<Interval> intervals) {
        return of(intervals, Function.identity());
    }

    /**
     * The number of indexed items with a non-empty interval.
     *
     * @return the count
     */
    public int size() {
        return byStart.size();
    }

    /**
     * The items that share at least one instant with {@code query}, in order of their start
     * (and, for equal starts, in the order they were given).
     *
     * @param query the half-open interval asked about
     * @return the items, empty for an empty query
     */
    public List<T> overlapping(Interval query) {
        Require.nonNull(query, "query");
        List<Entry<T>> found = new ArrayList<>();
        if (query.isEmpty() || byStart.isEmpty()) {
            return List.of();
        }
        Instant a = query.getStart();
        Instant b = query.getEnd();
        root.stab(a, found);
        found.sort(IN_ORDER);
        for (int i = firstStartAtOrAfter(a); i < byStart.size() && byStart.get(i).start.isBefore(b); i++) {
            found.add(byStart.get(i));
        }
        List<T> result = new ArrayList<>(found.size());
        for (Entry<T> entry : found) {
            result.add(entry.item);
        }
        return result;
    }

    /**
     * Whether any item shares at least one instant with {@code query}.
     *
     * @param query the half-open interval asked about
     * @return true if some item overlaps it; false for an empty query
     */
    public boolean overlapsAny(Interval query) {
        Require.nonNull(query, "query");
        if (query.isEmpty() || byStart.isEmpty()) {
            return false;
        }
        int i = firstStartAtOrAfter(query.getStart());
        if (i < byStart.size() && byStart.get(i).start.isBefore(query.getEnd())) {
            return true;
        }
        List<Entry<T>> found = new ArrayList<>(1);
        root.stab(query.getStart(), found);
        return !found.isEmpty();
    }

    private int firstStartAtOrAfter(Instant instant) {
        int lo = 0;
        int hi = byStart.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byStart.get(mid).start.isBefore(instant)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static final Comparator<Entry<?>> IN_ORDER =
            Comparator.<Entry<?>, Instant>comparing(e -> e.start).thenComparingInt(e -> e.seq);

    private record Entry<T>(T item, Instant start, Instant end, int seq) {
    }

    /**
     * A centered interval tree node: the entries that contain {@code center}, sorted two ways,
     * and subtrees for the entries wholly before and wholly after it.
     */
    private static final class Node<T> {
        private static final Node<?> LEAF = new Node<>(null, List.of(), List.of(), null, null);

        final Instant center;
        final List<Entry<T>> byStartAsc;
        final List<Entry<T>> byEndDesc;
        final Node<T> before;
        final Node<T> after;

        private Node(Instant center, List<Entry<T>> byStartAsc, List<Entry<T>> byEndDesc,
                     Node<T> before, Node<T> after) {
            this.center = center;
            this.byStartAsc = byStartAsc;
            this.byEndDesc = byEndDesc;
            this.before = before;
            this.after = after;
        }

        @SuppressWarnings("unchecked")
        static <T> Node<T> build(List<Entry<T>> sortedByStart) {
            if (sortedByStart.isEmpty()) {
                return (Node<T>) LEAF;
            }
            // The median start is itself contained, so every node holds at least one entry and
            // each side gets at most half of the rest.
            Instant center = sortedByStart.get(sortedByStart.size() / 2).start;
            List<Entry<T>> here = new ArrayList<>();
            List<Entry<T>> left = new ArrayList<>();
            List<Entry<T>> right = new ArrayList<>();
            for (Entry<T> entry : sortedByStart) {
                if (!entry.end.isAfter(center)) {
                    left.add(entry);
                } else if (entry.start.isAfter(center)) {
                    right.add(entry);
                } else {
                    here.add(entry);
                }
            }
            List<Entry<T>> byEnd = new ArrayList<>(here);
            byEnd.sort(Comparator.<Entry<T>, Instant>comparing(e -> e.end).reversed());
            return new Node<>(center, List.copyOf(here), List.copyOf(byEnd), build(left), build(right));
        }

        /** Adds the entries with {@code start < a < end}. */
        void stab(Instant a, List<Entry<T>> out) {
            Node<T> node = this;
            while (node.center != null) {
                if (a.isBefore(node.center)) {
                    // Every entry here ends after center, hence after a.
                    for (Entry<T> entry : node.byStartAsc) {
                        if (!entry.start.isBefore(a)) {
                            break;
                        }
                        out.add(entry);
                    }
                    node = node.before;
                } else {
                    // Every entry here starts at or before center, hence at or before a; those
                    // starting exactly at a are reported by the caller's start search instead.
                    for (Entry<T> entry : node.byEndDesc) {
                        if (!entry.end.isAfter(a)) {
                            break;
                        }
                        if (entry.start.isBefore(a)) {
                            out.add(entry);
                        }
                    }
                    node = node.after;
                }
            }
        }
    }
}
