package io.bookingkit.analytics.internal;

import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.Counts;
import io.bookingkit.analytics.HourOfWeek;
import io.bookingkit.analytics.LeadTimes;
import io.bookingkit.analytics.Rate;
import io.bookingkit.analytics.ResourceStats;
import io.bookingkit.analytics.SeatTime;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.Aggregates;
import io.bookingkit.spi.Aggregates.ResourceTally;
import io.bookingkit.spi.Aggregates.Tally;
import io.bookingkit.spi.Aggregates.Times;
import io.bookingkit.time.IntervalSet;
import org.threeten.extra.Interval;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics' calendar and arithmetic: turns a window and resources into the
 * {@link AggregateQuery} a store answers, and the store's sums into {@link BookingStats}.
 */
public final class Statistics {

    private Statistics() {
    }

    /**
     * The query for {@code resources} over {@code window}, with each template's cancellation
     * cutoff. The window and {@code now} count to the microsecond, as stored instants do, so that
     * every store answers alike.
     */
    public static AggregateQuery query(Interval window, Instant now, List<Resource> resources,
                                       Map<String, Duration> cutoffs) {
        Interval counted = Interval.of(window.getStart().truncatedTo(ChronoUnit.MICROS),
                window.getEnd().truncatedTo(ChronoUnit.MICROS));
        List<AggregateQuery.Scope> scopes = resources.stream()
                .map(r -> new AggregateQuery.Scope(r.id(), open(r, counted), offsets(r.hours().zone().getRules(), counted)))
                .toList();
        return new AggregateQuery(counted, now.truncatedTo(ChronoUnit.MICROS), scopes, cutoffs, BookingStats.BOOKED,
                Counts.REQUESTED, LeadTimes.BIN_BOUNDS);
    }

    /** The statistics that {@code sums}, the store's answer to {@code query}, add up to. */
    public static BookingStats assemble(AggregateQuery query, List<Resource> resources, Aggregates sums) {
        List<ResourceStats> each = new ArrayList<>();
        SeatTime total = SeatTime.NONE;
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            ResourceTally tally = sums.resources().getOrDefault(resource.id(), new ResourceTally(Map.of(), Map.of()));
            Duration offered = query.resources().get(i).open().totalDuration().multipliedBy(resource.capacity());
            SeatTime time = seatTime(offered, tally.times());
            total = total.plus(time);
            each.add(new ResourceStats(resource.id(), resource.capacity(), counts(tally.counts()), time));
        }
        List<HourOfWeek> week = new ArrayList<>();
        for (int h = 0; h < 168; h++) {
            week.add(new HourOfWeek(DayOfWeek.of(h / 24 + 1), h % 24, sums.hours().getOrDefault(h, Duration.ZERO)));
        }
        Aggregates.Leads leads = sums.leadTimes();
        return new BookingStats(query.window(), query.now(), counts(sums.bookings()), total,
                LeadTimes.of(leads.median(), leads.p90(), leads.bins()), week, each);
    }

    private static Counts counts(Map<BookingStatus, Tally> tallies) {
        Map<BookingStatus, Long> byStatus = new EnumMap<>(BookingStatus.class);
        long requested = 0;
        for (BookingStatus s : BookingStatus.values()) {
            Tally t = tallies.getOrDefault(s, Tally.NONE);
            byStatus.put(s, t.started());
            requested += t.requested();
        }
        Tally cancelled = tallies.getOrDefault(BookingStatus.CANCELLED, Tally.NONE);
        long noShows = tallies.getOrDefault(BookingStatus.NO_SHOW, Tally.NONE).startedByNow();
        long completed = tallies.getOrDefault(BookingStatus.COMPLETED, Tally.NONE).startedByNow();
        return new Counts(byStatus, new Rate(cancelled.requested(), requested), cancelled.cancelledLate(),
                new Rate(noShows, noShows + completed));
    }

    private static SeatTime seatTime(Duration offered, Map<BookingStatus, Times> times) {
        Times booked = Times.NONE;
        for (BookingStatus s : BookingStats.BOOKED) {
            booked = booked.plus(times.getOrDefault(s, Times.NONE));
        }
        return new SeatTime(offered, booked.inOpenHours(), booked.inWindow().minus(booked.inOpenHours()),
                times.getOrDefault(BookingStatus.HELD, Times.NONE).inOpenHours(),
                times.getOrDefault(BookingStatus.PENDING, Times.NONE).inOpenHours(), booked.buffers());
    }

    /** Opening hours inside the window, asked in pieces no longer than the hours allow at once. */
    private static IntervalSet open(Resource resource, Interval window) {
        Duration step = resource.hours().maxWindow();
        IntervalSet open = IntervalSet.empty();
        for (Instant from = window.getStart(); from.isBefore(window.getEnd()); from = from.plus(step)) {
            Instant to = from.plus(step).isBefore(window.getEnd()) ? from.plus(step) : window.getEnd();
            open = open.union(resource.hours().openIntervals(Interval.of(from, to)));
        }
        return open;
    }

    private static List<AggregateQuery.OffsetSpan> offsets(ZoneRules rules, Interval window) {
        List<AggregateQuery.OffsetSpan> spans = new ArrayList<>();
        Instant from = window.getStart();
        while (from.isBefore(window.getEnd())) {
            ZoneOffsetTransition next = rules.nextTransition(from);
            Instant to = next == null || !next.getInstant().isBefore(window.getEnd()) ? window.getEnd() : next.getInstant();
            spans.add(new AggregateQuery.OffsetSpan(Interval.of(from, to), rules.getOffset(from)));
            from = to;
        }
        return spans;
    }
}
