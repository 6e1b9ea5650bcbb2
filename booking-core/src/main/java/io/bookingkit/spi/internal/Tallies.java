package io.bookingkit.spi.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Role;
import io.bookingkit.booking.Transition;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.Aggregates;
import io.bookingkit.spi.Aggregates.ResourceTally;
import io.bookingkit.spi.Aggregates.Tally;
import io.bookingkit.spi.Aggregates.Times;
import org.threeten.extra.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AggregateQuery} answered in Java from the bookings themselves: what a store without
 * its own aggregation (the in-memory store) does, and the reference the SQL of the JDBC store is
 * tested against.
 */
public final class Tallies {

    private Tallies() {
    }

    /** The aggregates of {@code bookings}, of which those outside the query are left out. */
    public static Aggregates of(Collection<Booking> bookings, AggregateQuery query) {
        Interval window = query.window();
        Map<String, AggregateQuery.Scope> scopes = new LinkedHashMap<>();
        query.resources().forEach(s -> scopes.put(s.resourceId(), s));
        Map<String, Map<BookingStatus, Tally>> counts = new HashMap<>();
        Map<String, Map<BookingStatus, Times>> times = new HashMap<>();
        Map<Integer, Duration> hours = new HashMap<>();
        scopes.keySet().forEach(id -> {
            counts.put(id, new EnumMap<>(BookingStatus.class));
            times.put(id, new EnumMap<>(BookingStatus.class));
        });
        Map<BookingStatus, Tally> distinct = new EnumMap<>(BookingStatus.class);
        List<Duration> leads = new ArrayList<>();
        for (Booking b : bookings) {
            if (!b.occupied().overlaps(window) && !window.contains(b.interval().getStart())) {
                continue;
            }
            boolean started = window.contains(b.interval().getStart());
            Tally tally = started ? tally(b, query) : Tally.NONE;
            boolean inScope = false;
            for (String resourceId : b.resourceIds()) {
                AggregateQuery.Scope scope = scopes.get(resourceId);
                if (scope == null) {
                    continue;
                }
                inScope = true;
                if (started) {
                    counts.get(resourceId).merge(b.status(), tally, Tally::plus);
                }
                Duration own = overlap(b.interval(), window);
                Duration open = scope.open().intersection(b.interval()).totalDuration();
                Duration buffers = overlap(b.occupied(), window).minus(own);
                times.get(resourceId).merge(b.status(), new Times(own.multipliedBy(b.partySize()),
                        open.multipliedBy(b.partySize()), buffers.multipliedBy(b.partySize())), Times::plus);
                if (query.booked().contains(b.status())) {
                    addHours(b.interval(), window, scope, b.partySize(), hours);
                }
            }
            if (inScope && started) {
                distinct.merge(b.status(), tally, Tally::plus);
                if (tally.requested() > 0) {
                    leads.add(Duration.between(b.createdAt(), b.interval().getStart()));
                }
            }
        }
        Map<String, ResourceTally> resources = new HashMap<>();
        scopes.keySet().forEach(id -> resources.put(id, new ResourceTally(counts.get(id), times.get(id))));
        return new Aggregates(resources, distinct, hours, leadTimes(leads, query.leadBounds()));
    }

    private static Tally tally(Booking b, AggregateQuery query) {
        boolean requested = query.requested().contains(b.status()) || b.history().stream()
                .anyMatch(t -> t.to() == BookingStatus.CONFIRMED || t.to() == BookingStatus.PENDING);
        Instant start = b.interval().getStart();
        Instant lateFrom = start.minus(query.cutoffOf(b.templateName()));
        // Only a request can be cancelled late: a hold that staff released was never a cancellation.
        boolean late = requested && b.status() == BookingStatus.CANCELLED && b.history().stream()
                .filter(t -> t.to() == BookingStatus.CANCELLED).anyMatch(t -> isStaff(t) && t.at().isAfter(lateFrom));
        return new Tally(1, start.isAfter(query.now()) ? 0 : 1, requested ? 1 : 0, late ? 1 : 0);
    }

    private static boolean isStaff(Transition t) {
        return t.actor().role() == Role.STAFF || t.actor().role() == Role.ADMIN;
    }

    private static void addHours(Interval own, Interval window, AggregateQuery.Scope scope, int party,
                                 Map<Integer, Duration> into) {
        for (AggregateQuery.OffsetSpan span : scope.offsets()) {
            Instant from = max(max(own.getStart(), window.getStart()), span.interval().getStart());
            Instant to = min(min(own.getEnd(), window.getEnd()), span.interval().getEnd());
            if (!from.isBefore(to)) {
                continue;
            }
            long shift = span.offset().getTotalSeconds() * 1_000_000L;
            long a = micros(from) + shift;
            long z = micros(to) + shift;
            for (long h = Math.floorDiv(a, AggregateQuery.HOUR_MICROS); h * AggregateQuery.HOUR_MICROS < z; h++) {
                long part = Math.min(z, (h + 1) * AggregateQuery.HOUR_MICROS) - Math.max(a, h * AggregateQuery.HOUR_MICROS);
                int hourOfWeek = AggregateQuery.hourOfWeek(h);
                into.merge(hourOfWeek, Duration.of(part * party, ChronoUnit.MICROS), Duration::plus);
            }
        }
    }

    private static Aggregates.Leads leadTimes(List<Duration> leads, List<Duration> bounds) {
        leads.sort(null);
        List<Long> bins = new ArrayList<>();
        for (int i = 0; i <= bounds.size(); i++) {
            bins.add(0L);
        }
        for (Duration lead : leads) {
            int bin = 0;
            while (bin < bounds.size() && lead.compareTo(bounds.get(bin)) >= 0) {
                bin++;
            }
            bins.set(bin, bins.get(bin) + 1);
        }
        long n = leads.size();
        Optional<Duration> median = n == 0 ? Optional.empty()
                : Optional.of(leads.get((int) AggregateQuery.nearestRank(50, n) - 1));
        Optional<Duration> p90 = n == 0 ? Optional.empty()
                : Optional.of(leads.get((int) AggregateQuery.nearestRank(90, n) - 1));
        return new Aggregates.Leads(n, median, p90, bins);
    }

    private static Duration overlap(Interval a, Interval b) {
        Instant from = max(a.getStart(), b.getStart());
        Instant to = min(a.getEnd(), b.getEnd());
        return from.isBefore(to) ? Duration.between(from, to) : Duration.ZERO;
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
