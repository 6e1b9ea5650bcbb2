package io.bookingkit.jdbc.internal;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.Aggregates;
import io.bookingkit.spi.Aggregates.ResourceTally;
import io.bookingkit.spi.Aggregates.Tally;
import io.bookingkit.spi.Aggregates.Times;
import io.bookingkit.time.IntervalSet;
import org.threeten.extra.Interval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AggregateQuery} answered in SQL: sums, conditional counts and {@code ROW_NUMBER()} over
 * the rows of the window, read through the index on (tenant, resource, occupied end); only the
 * sums leave the database. All time arithmetic is on microseconds since the epoch
 * ({@link Dialect#epochMicros}), so the three databases agree to the microsecond.
 *
 * <p>Percentiles use {@code ROW_NUMBER()} at the exact integer rank rather than
 * {@code PERCENTILE_DISC}: that is an aggregate on PostgreSQL and H2 but only a window function
 * on MariaDB, and PostgreSQL compares its fraction in floating point.
 */
public final class StatsSql {

    private static final long HOUR = 3_600_000_000L;
    private static final int VALUES_CHUNK = 500;
    private static final String REQUESTED = "'" + BookingStatus.CONFIRMED + "', '" + BookingStatus.PENDING + "'";

    private final Dialect d;
    private final Tables t;

    public StatsSql(Dialect dialect, Tables tables) {
        this.d = dialect;
        this.t = tables;
    }

    /** The aggregates of {@code tenantId}'s bookings that {@code query} asks for. */
    public Aggregates aggregate(Connection c, String tenantId, AggregateQuery query) throws SQLException {
        List<String> ids = query.resourceIds();
        Map<String, Map<BookingStatus, Tally>> counts = new HashMap<>();
        Map<String, Map<BookingStatus, Times>> times = new HashMap<>();
        Map<String, Map<Integer, Duration>> hours = new HashMap<>();
        for (String id : ids) {
            counts.put(id, new EnumMap<>(BookingStatus.class));
            times.put(id, new EnumMap<>(BookingStatus.class));
            hours.put(id, new HashMap<>());
        }
        if (ids.isEmpty()) {
            return new Aggregates(Map.of(), Map.of(), new Aggregates.Leads(0, Optional.empty(), Optional.empty(),
                    Collections.nCopies(query.leadBounds().size() + 1, 0L)));
        }
        long longest = perResource(c, tenantId, query, counts, times);
        for (Map.Entry<IntervalSet, List<String>> group : groups(query, AggregateQuery.Scope::open).entrySet()) {
            List<Interval> open = group.getKey().intervals();
            for (int from = 0; from < open.size(); from += VALUES_CHUNK) {
                openHours(c, tenantId, query, group.getValue(), open.subList(from, Math.min(open.size(), from + VALUES_CHUNK)),
                        times);
            }
        }
        if (longest > 0) {
            for (Map.Entry<List<AggregateQuery.OffsetSpan>, List<String>> group
                    : groups(query, AggregateQuery.Scope::offsets).entrySet()) {
                hoursOfWeek(c, tenantId, query, group.getValue(), group.getKey(), longest, hours);
            }
        }
        Map<BookingStatus, Tally> bookings = new EnumMap<>(BookingStatus.class);
        long[] bins = new long[query.leadBounds().size() + 1];
        distinctBookings(c, tenantId, query, bookings, bins);
        long requested = bookings.values().stream().mapToLong(Tally::requested).sum();
        Map<Long, Duration> ranked = requested == 0 ? Map.of() : leadsAtRanks(c, tenantId, query,
                List.of(rank(50, requested), rank(90, requested)));
        List<Long> binList = new ArrayList<>();
        for (long b : bins) {
            binList.add(b);
        }
        Map<String, ResourceTally> resources = new HashMap<>();
        ids.forEach(id -> resources.put(id, new ResourceTally(counts.get(id), times.get(id), hours.get(id))));
        return new Aggregates(resources, bookings, new Aggregates.Leads(requested,
                Optional.ofNullable(ranked.get(rank(50, requested))), Optional.ofNullable(ranked.get(rank(90, requested))),
                binList));
    }

    /** The nearest rank of the {@code percent}th percentile of {@code n} values, from 1. */
    private static long rank(int percent, long n) {
        return Math.max(1, (percent * n + 99) / 100);
    }

    // Counts and time without a calendar, per resource and status; returns the longest own time
    // of a booked booking inside the window, which bounds how many hours one booking spans.
    private long perResource(Connection c, String tenantId, AggregateQuery q, Map<String, Map<BookingStatus, Tally>> counts,
                             Map<String, Map<BookingStatus, Times>> times) throws SQLException {
        Params p = new Params();
        String ws = micros(q.window().getStart());
        String we = micros(q.window().getEnd());
        String now = micros(q.now());
        String own = "GREATEST(0, LEAST(x.e, " + we + ") - GREATEST(x.s, " + ws + "))";
        String occupied = "GREATEST(0, LEAST(x.oe, " + we + ") - GREATEST(x.os, " + ws + "))";
        String started = "x.s >= " + ws + " AND x.s < " + we;
        String sql = "SELECT x.resource_id, x.status, "
                + "SUM(CASE WHEN " + started + " THEN 1 ELSE 0 END) AS started, "
                + "SUM(CASE WHEN " + started + " AND x.s < " + now + " THEN 1 ELSE 0 END) AS before_now, "
                + "SUM(CASE WHEN " + started + " THEN x.req ELSE 0 END) AS requested, "
                + "SUM(CASE WHEN " + started + " THEN x.late ELSE 0 END) AS late, "
                + "SUM(x.p * " + own + ") AS own, "
                + "SUM(x.p * (" + occupied + " - " + own + ")) AS buffers, "
                + "MAX(CASE WHEN x.status IN (" + statuses(q) + ") THEN " + own + " ELSE 0 END) AS longest "
                + "FROM (" + rows(p, tenantId, q, q.resourceIds(), true) + ") x GROUP BY x.resource_id, x.status";
        long longest = 0;
        try (PreparedStatement ps = p.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String resource = rs.getString(1);
                BookingStatus status = BookingStatus.valueOf(rs.getString(2));
                counts.get(resource).merge(status, new Tally(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                        Tally::plus);
                times.get(resource).merge(status, new Times(duration(rs.getLong(7)), Duration.ZERO, duration(rs.getLong(8))),
                        Times::plus);
                longest = Math.max(longest, rs.getLong(9));
            }
        }
        return longest;
    }

    private void openHours(Connection c, String tenantId, AggregateQuery q, List<String> resourceIds, List<Interval> open,
                           Map<String, Map<BookingStatus, Times>> times) throws SQLException {
        Params p = new Params();
        StringBuilder values = new StringBuilder();
        for (Interval i : open) {
            values.append(values.isEmpty() ? "" : " UNION ALL ").append("SELECT ").append(micros(i.getStart()))
                    .append(" AS os, ").append(micros(i.getEnd())).append(" AS oe");
        }
        String sql = "SELECT x.resource_id, x.status, SUM(x.p * (LEAST(x.e, o.oe) - GREATEST(x.s, o.os))) "
                + "FROM (" + rows(p, tenantId, q, resourceIds, false) + ") x JOIN (" + values + ") o "
                + "ON x.s < o.oe AND x.e > o.os GROUP BY x.resource_id, x.status";
        try (PreparedStatement ps = p.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                times.get(rs.getString(1)).merge(BookingStatus.valueOf(rs.getString(2)),
                        new Times(Duration.ZERO, duration(rs.getLong(3)), Duration.ZERO), Times::plus);
            }
        }
    }

    // Each booked booking's time, cut at the zone's offset changes and shifted to local time,
    // spread over the local hours it covers: numbers 0..n stand for its first hour, the next...
    private void hoursOfWeek(Connection c, String tenantId, AggregateQuery q, List<String> resourceIds,
                             List<AggregateQuery.OffsetSpan> offsets, long longest,
                             Map<String, Map<Integer, Duration>> hours) throws SQLException {
        Params p = new Params();
        StringBuilder spans = new StringBuilder();
        for (AggregateQuery.OffsetSpan span : offsets) {
            spans.append(spans.isEmpty() ? "" : " UNION ALL ").append("SELECT ").append(micros(span.interval().getStart()))
                    .append(" AS ss, ").append(micros(span.interval().getEnd())).append(" AS se, ")
                    .append(number(span.offset().getTotalSeconds() * 1_000_000L)).append(" AS sh");
        }
        StringBuilder numbers = new StringBuilder();
        for (long k = 0; k <= longest / HOUR + 1; k++) {
            numbers.append(k == 0 ? "" : " UNION ALL ").append("SELECT ").append(number(k)).append(" AS k")
                    ;
        }
        String pieces = "SELECT x.resource_id, x.p, GREATEST(x.s, o.ss) + o.sh AS a, LEAST(x.e, o.se) + o.sh AS z FROM ("
                + rows(p, tenantId, q, resourceIds, false) + ") x JOIN (" + spans + ") o ON x.s < o.se AND x.e > o.ss "
                + "WHERE x.status IN (" + statuses(q) + ")";
        String firstHour = "SELECT y.resource_id, y.p, y.a, y.z, " + d.quotient("y.a", Long.toString(HOUR)) + " AS h0 FROM ("
                + pieces + ") y";
        String h = "(w.h0 + n.k)";
        String parts = "SELECT w.resource_id, MOD(" + h + " + 72, 168) AS how, w.p * (LEAST(w.z, (" + h + " + 1) * " + HOUR
                + ") - GREATEST(w.a, " + h + " * " + HOUR + ")) AS part FROM (" + firstHour + ") w JOIN (" + numbers
                + ") n ON " + h + " * " + HOUR + " < w.z";
        String sql = "SELECT v.resource_id, v.how, SUM(v.part) FROM (" + parts + ") v GROUP BY v.resource_id, v.how";
        try (PreparedStatement ps = p.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hours.get(rs.getString(1)).merge(rs.getInt(2), duration(rs.getLong(3)), Duration::plus);
            }
        }
    }

    private void distinctBookings(Connection c, String tenantId, AggregateQuery q, Map<BookingStatus, Tally> into,
                                  long[] bins) throws SQLException {
        Params p = new Params();
        String now = micros(q.now());
        StringBuilder sql = new StringBuilder("SELECT x.status, COUNT(*), SUM(CASE WHEN x.s < " + now
                + " THEN 1 ELSE 0 END), SUM(x.req), SUM(x.late)");
        List<String> bounds = new ArrayList<>();
        for (Duration bound : q.leadBounds()) {
            bounds.add(number(bound.toNanos() / 1000));
        }
        for (int i = 0; i <= bounds.size(); i++) {
            sql.append(", SUM(CASE WHEN x.req = 1").append(i == 0 ? "" : " AND x.lead >= " + bounds.get(i - 1))
                    .append(i == bounds.size() ? "" : " AND x.lead < " + bounds.get(i)).append(" THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM (").append(startedBookings(p, tenantId, q)).append(") x GROUP BY x.status");
        try (PreparedStatement ps = p.prepare(c, sql.toString()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.put(BookingStatus.valueOf(rs.getString(1)),
                        new Tally(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                for (int i = 0; i < bins.length; i++) {
                    bins[i] += rs.getLong(6 + i);
                }
            }
        }
    }

    private Map<Long, Duration> leadsAtRanks(Connection c, String tenantId, AggregateQuery q, List<Long> ranks)
            throws SQLException {
        Params p = new Params();
        String inner = "SELECT x.lead, ROW_NUMBER() OVER (ORDER BY x.lead) AS rn FROM (" + startedBookings(p, tenantId, q)
                + ") x WHERE x.req = 1";
        String sql = "SELECT r.rn, r.lead FROM (" + inner + ") r WHERE r.rn IN (" + number(ranks.get(0)) + ", "
                + number(ranks.get(1)) + ")";
        Map<Long, Duration> found = new HashMap<>();
        try (PreparedStatement ps = p.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getLong(1), duration(rs.getLong(2)));
            }
        }
        return found;
    }

    // Each booking of the resources whose start lies in the window, once.
    private String startedBookings(Params p, String tenantId, AggregateQuery q) {
        String start = d.epochMicros("b.start_at");
        return "SELECT b.status, " + start + " AS s, " + start + " - " + d.epochMicros("b.created_at") + " AS lead, "
                + requested() + " AS req, " + late(p, q) + " AS late FROM " + t.booking() + " b WHERE b.tenant_id = "
                + p.text(tenantId) + " AND b.start_at >= " + p.instant(q.window().getStart()) + " AND b.start_at < "
                + p.instant(q.window().getEnd()) + " AND b.id IN (SELECT r.booking_id FROM " + t.bookingResource()
                + " r WHERE r.tenant_id = " + p.text(tenantId) + " AND r.resource_id IN (" + p.texts(q.resourceIds())
                + ") AND r.occupied_end > " + p.instant(q.window().getStart()) + " AND r.occupied_start < "
                + p.instant(q.window().getEnd()) + ")";
    }

    // One row per booking and resource of the query whose occupied time meets the window.
    private String rows(Params p, String tenantId, AggregateQuery q, List<String> resourceIds, boolean withHistory) {
        return "SELECT r.resource_id, b.status, b.party_size AS p, " + d.epochMicros("b.start_at") + " AS s, "
                + d.epochMicros("b.end_at") + " AS e, " + d.epochMicros("r.occupied_start") + " AS os, "
                + d.epochMicros("r.occupied_end") + " AS oe"
                + (withHistory ? ", " + requested() + " AS req, " + late(p, q) + " AS late" : "")
                + " FROM " + t.bookingResource() + " r JOIN " + t.booking() + " b ON b.tenant_id = r.tenant_id AND b.id = r.booking_id"
                + " WHERE r.tenant_id = " + p.text(tenantId) + " AND r.resource_id IN (" + p.texts(resourceIds) + ")"
                + " AND r.occupied_end > " + p.instant(q.window().getStart()) + " AND r.occupied_start < "
                + p.instant(q.window().getEnd());
    }

    private String requested() {
        return "CASE WHEN EXISTS (SELECT 1 FROM " + t.transition() + " h WHERE h.tenant_id = b.tenant_id AND h.booking_id = b.id"
                + " AND h.to_status IN (" + REQUESTED + ")) THEN 1 ELSE 0 END";
    }

    private String late(Params p, AggregateQuery q) {
        StringBuilder cutoff = new StringBuilder();
        q.cancellationCutoffs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> cutoff
                .append(" WHEN ").append(p.text(e.getKey())).append(" THEN ").append(number(e.getValue().toNanos() / 1000)));
        String cut = cutoff.isEmpty() ? "0" : "CASE b.template_name" + cutoff + " ELSE 0 END";
        return "CASE WHEN b.status = 'CANCELLED' AND EXISTS (SELECT 1 FROM " + t.transition() + " h WHERE h.tenant_id = b.tenant_id"
                + " AND h.booking_id = b.id AND h.to_status = 'CANCELLED' AND h.actor_role IN ('STAFF', 'ADMIN') AND "
                + d.epochMicros("b.start_at") + " - " + d.epochMicros("h.happened_at") + " < " + cut + ") THEN 1 ELSE 0 END";
    }

    private static String statuses(AggregateQuery q) {
        return q.booked().stream().map(s -> "'" + s.name() + "'").sorted().reduce((a, b) -> a + ", " + b).orElse("''");
    }

    private static <K> Map<K, List<String>> groups(AggregateQuery q, java.util.function.Function<AggregateQuery.Scope, K> key) {
        Map<K, List<String>> groups = new LinkedHashMap<>();
        q.resources().forEach(s -> groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s.resourceId()));
        return groups;
    }

    private static Duration duration(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /**
     * The parameters of one statement, in the order their placeholders appear in its text: every
     * text is bound, as are the instants the index is searched by; numbers the core computed are
     * written as literals.
     */
    private final class Params {
        private final List<Binder> binders = new ArrayList<>();

        String text(String value) {
            return add((ps, i) -> ps.setString(i, value));
        }

        String texts(List<String> values) {
            return String.join(", ", values.stream().map(this::text).toList());
        }

        String instant(Instant value) {
            return add((ps, i) -> d.setInstant(ps, i, value));
        }

        private String add(IndexedBinder binder) {
            int index = binders.size() + 1;
            binders.add(ps -> binder.bind(ps, index));
            return "?";
        }

        PreparedStatement prepare(Connection c, String sql) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            try {
                for (Binder b : binders) {
                    b.bind(ps);
                }
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
    }

    private static String number(long value) {
        return Long.toString(value);
    }

    private static String micros(Instant value) {
        return number(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000));
    }

    @FunctionalInterface
    private interface IndexedBinder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }
}
