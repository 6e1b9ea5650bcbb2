package io.bookingkit.time;

import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
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
 * <p>The items are sorted by start, so a lookup splits the answer in two disjoint, ordered
 * parts: the items that start inside the query, a contiguous run found by binary search, and
 * the items that start before it and still run at its start. The latter are walked back from
 * the query's start with an implicit tree over the sorted items that holds each subtree's latest
 * end, so that no subtree ending by then is entered: {@code O(log n)} for the searches plus
 * {@code O(log d)} per such item, {@code d} being its distance from the one found before it, at
 * most {@code O(k log(n / k))} for {@code k} of them and {@code O(k)} when they lie close
 * together, as bookings running at one instant do. Instants are replaced by their ranks among
 * all endpoints when the index is built, so after two binary searches over the distinct
 * endpoints (flat arrays of seconds and nanoseconds) a lookup compares {@code int}s.
 *
 * <p>Instances are immutable and safe to share between threads, provided the items are.
 *
 * @param <T> the indexed items
 */
public final class IntervalIndex<T> {

    private static final IntervalIndex<?> EMPTY = new IntervalIndex<>(new Object[0], new Instant[0], new int[0],
            new int[0]);

    // Sorted by start, ties in the order given.
    private final Object[] items;
    // Every distinct start and end, ascending, as seconds and nanoseconds: an instant's rank is
    // its index here. Flat arrays, so a binary search reads no Instant object.
    private final long[] seconds;
    private final int[] nanos;
    // For each rank r, how many items start at ranks below r: those starting before that instant.
    private final int[] startingBelow;
    // For each i, the latest end rank among items 0..i.
    private final int[] latestEndUpTo;
    // Node 1 is the root, node i has children 2i and 2i + 1, and item j is leaf node
    // leaves + j: each holds the latest end rank in its subtree, -1 where there is no item.
    private final int leaves;
    private final int[] latestEnd;

    private IntervalIndex(Object[] items, Instant[] instants, int[] startRanks, int[] endRanks) {
        this.items = items;
        int n = items.length;
        int distinct = instants.length;
        this.seconds = new long[distinct];
        this.nanos = new int[distinct];
        for (int r = 0; r < distinct; r++) {
            seconds[r] = instants[r].getEpochSecond();
            nanos[r] = instants[r].getNano();
        }
        this.startingBelow = new int[distinct + 1];
        for (int i = 0, r = 0; r <= distinct; r++) {
            while (i < n && startRanks[i] < r) {
                i++;
            }
            startingBelow[r] = i;
        }
        int width = 1;
        while (width < n) {
            width <<= 1;
        }
        this.leaves = width;
        this.latestEnd = new int[2 * width];
        Arrays.fill(latestEnd, -1);
        System.arraycopy(endRanks, 0, latestEnd, width, n);
        for (int node = width - 1; node >= 1; node--) {
            latestEnd[node] = Math.max(latestEnd[2 * node], latestEnd[2 * node + 1]);
        }
        this.latestEndUpTo = new int[n];
        int latest = -1;
        for (int i = 0; i < n; i++) {
            latest = Math.max(latest, endRanks[i]);
            latestEndUpTo[i] = latest;
        }
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
    @SuppressWarnings("unchecked")
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
        if (entries.isEmpty()) {
            return (IntervalIndex<T>) EMPTY;
        }
        entries.sort(IN_ORDER);
        int n = entries.size();
        Instant[] endpoints = new Instant[2 * n];
        for (int i = 0; i < n; i++) {
            endpoints[2 * i] = entries.get(i).start;
            endpoints[2 * i + 1] = entries.get(i).end;
        }
        Arrays.sort(endpoints);
        int distinct = 0;
        for (Instant instant : endpoints) {
            if (distinct == 0 || !instant.equals(endpoints[distinct - 1])) {
                endpoints[distinct++] = instant;
            }
        }
        Instant[] instants = Arrays.copyOf(endpoints, distinct);
        Object[] sorted = new Object[n];
        int[] startRanks = new int[n];
        int[] endRanks = new int[n];
        for (int i = 0; i < n; i++) {
            Entry<T> entry = entries.get(i);
            sorted[i] = entry.item;
            startRanks[i] = Arrays.binarySearch(instants, entry.start);
            endRanks[i] = Arrays.binarySearch(instants, entry.end);
        }
        return new IntervalIndex<>(sorted, instants, startRanks, endRanks);
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
        return items.length;
    }

    /**
     * The items that share at least one instant with {@code query}, in order of their start
     * (and, for equal starts, in the order they were given).
     *
     * @param query the half-open interval asked about
     * @return the items, empty for an empty query
     */
    @SuppressWarnings("unchecked")
    public List<T> overlapping(Interval query) {
        Require.nonNull(query, "query");
        if (query.isEmpty() || items.length == 0) {
            return List.of();
        }
        int atOrAfter = firstRankAtOrAfter(query.getStart());
        int after = rankAfter(query.getStart(), atOrAfter);
        int startingBeforeA = startingBelow[atOrAfter];
        int startingBeforeB = startingBelow[firstRankAtOrAfter(query.getEnd())];
        boolean running = startingBeforeA > 0 && latestEndUpTo[startingBeforeA - 1] >= after;
        if (!running && startingBeforeA == startingBeforeB) {
            return List.of();
        }
        List<T> found = new ArrayList<>(startingBeforeB - startingBeforeA + 8);
        if (running) {
            // Those that started before the query and still run at its start sit mostly just
            // before it: walked back from there, each found by a climb and a descent that skip
            // subtrees ending too early, then put back in order.
            for (int i = startingBeforeA - 1; i >= 0 && latestEndUpTo[i] >= after; i--) {
                i = lastEndingAfter(i, after);
                found.add((T) items[i]);
            }
            Collections.reverse(found);
        }
        // Every item starting inside the query overlaps it, as none is empty.
        for (int i = startingBeforeA; i < startingBeforeB; i++) {
            found.add((T) items[i]);
        }
        return found;
    }

    /**
     * Whether any item shares at least one instant with {@code query}.
     *
     * @param query the half-open interval asked about
     * @return true if some item overlaps it; false for an empty query
     */
    public boolean overlapsAny(Interval query) {
        Require.nonNull(query, "query");
        if (query.isEmpty() || items.length == 0) {
            return false;
        }
        int before = startingBelow[firstRankAtOrAfter(query.getEnd())];
        int atOrAfter = firstRankAtOrAfter(query.getStart());
        return before > 0 && latestEndUpTo[before - 1] >= rankAfter(query.getStart(), atOrAfter);
    }

    /**
     * The last item at or before {@code i} whose end rank is at least {@code after}; there must
     * be one ({@code latestEndUpTo[i] >= after}).
     */
    private int lastEndingAfter(int i, int after) {
        int node = leaves + i;
        // Up until a left sibling (wholly before i) holds a late enough end, then down its
        // rightmost such path.
        while (latestEnd[node] < after) {
            while ((node & 1) == 0) {
                node >>>= 1;
            }
            node--;
        }
        while (node < leaves) {
            node = latestEnd[2 * node + 1] >= after ? 2 * node + 1 : 2 * node;
        }
        return node - leaves;
    }

    /** The rank of the first endpoint at or after {@code instant}: ranks below it are before it. */
    private int firstRankAtOrAfter(Instant instant) {
        long s = instant.getEpochSecond();
        int ns = instant.getNano();
        int lo = 0;
        int hi = seconds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // Written out, not EpochNanos.firstAbove: through it the lookups measured 20% slower.
            if (seconds[mid] < s || (seconds[mid] == s && nanos[mid] < ns)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The rank of the first endpoint after {@code instant}, given the first at or after it:
     * one further when {@code instant} is itself an endpoint.
     */
    private int rankAfter(Instant instant, int atOrAfter) {
        return atOrAfter < seconds.length && seconds[atOrAfter] == instant.getEpochSecond()
                && nanos[atOrAfter] == instant.getNano() ? atOrAfter + 1 : atOrAfter;
    }

    private static final Comparator<Entry<?>> IN_ORDER =
            Comparator.<Entry<?>, Instant>comparing(e -> e.start).thenComparingInt(e -> e.seq);

    private record Entry<T>(T item, Instant start, Instant end, int seq) {
    }
}
