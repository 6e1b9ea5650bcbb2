package io.bookingkit.jdbc.internal;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.Aggregates;
import io.bookingkit.spi.Aggregates.ResourceTally;
import io.bookingkit.spi.Aggregates.Tally;
import io.bookingkit.spi.Aggregates.Times;
import io.bookingkit.time.IntervalSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link AggregateQuery} answered in SQL, in one statement: the window's rows (one per booking
 * and resource, read through the index on tenant, resource and occupied end) are computed once
 * as a common table expression, and five aggregates over them come back as one result, tagged by
 * kind. Only sums leave the database, never the rows. All time arithmetic is on microseconds
 * from the window's start ({@link Dialect#microsSince}), so PostgreSQL and MariaDB agree with the
 * Java reference to the microsecond.
 *
 * <p>Opening hours and the zone's offsets come as short lists of instants the core worked out
 * (the calendar stays in java.time). The hours of the week are counted per absolute local hour:
 * each booking adds its first and last partial hours, and marks the start and end of the run of
 * whole hours between, which {@link #hoursOfWeek} adds up in Java, hour by hour of the window.
 * Percentiles use {@code ROW_NUMBER()} at the exact integer rank rather than
 * {@code PERCENTILE_DISC}, which is an aggregate on PostgreSQL and H2 but only a window
 * function on MariaDB, and whose fraction PostgreSQL compares in floating point.
 */
public final class StatsSql {

    private static final long HOUR = AggregateQuery.HOUR_MICROS;
    private static final long DAY = 24 * HOUR;
    /**
     * Each booked piece's partial first and last local hours, and the start and end of the run of
     * whole hours between them, per absolute local hour ({@link #hoursOfWeek} adds them up).
     */
    private static final String HOUR_EVENTS = "SELECT h0 AS h, p * (z - a) AS part, 0 AS run FROM pc WHERE h0 = h1"
            + " UNION ALL SELECT h0, p * ((h0 + 1) * " + HOUR + " - a), 0 FROM pc WHERE h0 < h1"
            + " UNION ALL SELECT h1, p * (z - h1 * " + HOUR + "), 0 FROM pc WHERE h0 < h1"
            + " UNION ALL SELECT h0 + 1, 0, p FROM pc WHERE h0 + 1 < h1"
            + " UNION ALL SELECT h1, 0, 0 - p FROM pc WHERE h0 + 1 < h1";

    private final Dialect d;
    private final Tables t;

    public StatsSql(Dialect dialect, Tables tables) {
        this.d = dialect;
        this.t = tables;
    }

    /** The aggregates of {@code tenantId}'s bookings that {@code query} asks for. */
    public Aggregates aggregate(Connection c, String tenantId, AggregateQuery query) throws SQLException {
        Map<String, Map<BookingStatus, Tally>> counts = new HashMap<>();
        Map<String, Map<BookingStatus, Times>> times = new HashMap<>();
        for (String id : query.resourceIds()) {
            counts.put(id, new EnumMap<>(BookingStatus.class));
            times.put(id, new EnumMap<>(BookingStatus.class));
        }
        Map<BookingStatus, Tally> bookings = new EnumMap<>(BookingStatus.class);
        long[] bins = new long[query.leadBounds().size() + 1];
        TreeMap<Long, long[]> hourEvents = new TreeMap<>();
        Map<Long, Duration> ranked = new HashMap<>();
        if (!query.resources().isEmpty()) {
            Params p = new Params();
            String sql = statement(p, tenantId, query);
            int values = values(query);
            try (PreparedStatement ps = p.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[values];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getLong(5 + i);
                    }
                    switch (rs.getString(1)) {
                        case "R" -> {
                            BookingStatus status = BookingStatus.valueOf(rs.getString(3));
                            counts.get(rs.getString(2)).merge(status, new Tally(v[0], v[1], v[2], v[3]), Tally::plus);
                            times.get(rs.getString(2)).merge(status, new Times(micros(v[4]), Duration.ZERO, micros(v[5])),
                                    Times::plus);
                        }
                        case "O" -> times.get(rs.getString(2)).merge(BookingStatus.valueOf(rs.getString(3)),
                                new Times(Duration.ZERO, micros(v[0]), Duration.ZERO), Times::plus);
                        case "H" -> hourEvents.put(rs.getLong(4), new long[] {v[0], v[1]});
                        case "D" -> {
                            bookings.put(BookingStatus.valueOf(rs.getString(3)), new Tally(v[0], v[1], v[2], v[3]));
                            for (int i = 0; i < bins.length; i++) {
                                bins[i] += v[4 + i];
                            }
                        }
                        case "P" -> ranked.put(rs.getLong(4), micros(v[0]));
                        default -> throw new IllegalStateException("unknown kind of row " + rs.getString(1));
                    }
                }
            }
        }
        long requested = bookings.values().stream().mapToLong(Tally::requested).sum();
        List<Long> binList = new ArrayList<>();
        for (long b : bins) {
            binList.add(b);
        }
        Map<String, ResourceTally> resources = new HashMap<>();
        query.resourceIds().forEach(id -> resources.put(id, new ResourceTally(counts.get(id), times.get(id))));
        return new Aggregates(resources, bookings, hoursOfWeek(hourEvents), new Aggregates.Leads(requested,
                Optional.ofNullable(ranked.get(AggregateQuery.nearestRank(50, requested))),
                Optional.ofNullable(ranked.get(AggregateQuery.nearestRank(90, requested))), binList));
    }

    /**
     * The seat-time per hour of the week from the rows of kind H: per absolute local hour, the
     * partial time that starts or ends there, and how many seats a run of whole hours gains or
     * loses there.
     */
    private static Map<Integer, Duration> hoursOfWeek(TreeMap<Long, long[]> events) {
        Map<Integer, Duration> hours = new HashMap<>();
        if (events.isEmpty()) {
            return hours;
        }
        long seats = 0;
        for (long h = events.firstKey(); h <= events.lastKey(); h++) {
            long[] e = events.getOrDefault(h, new long[2]);
            seats += e[1];
            long total = e[0] + seats * HOUR;
            if (total != 0) {
                hours.merge(AggregateQuery.hourOfWeek(h), micros(total), Duration::plus);
            }
        }
        return hours;
    }

    /** The value columns of every row: six for kind R, four counts and the bins for kind D. */
    private static int values(AggregateQuery q) {
        return Math.max(6, 4 + q.leadBounds().size() + 1);
    }

    private String statement(Params p, String tenantId, AggregateQuery q) {
        int values = values(q);
        // Times are microseconds from the window's start: short distances that every database
        // computes exactly and quickly; the zones' shifts add the origin back for the local hours.
        Instant origin = q.window().getStart().truncatedTo(ChronoUnit.MICROS);
        Function<Instant, String> at = i -> Long.toString(Dialect.epochMicros(i) - Dialect.epochMicros(origin));
        Function<String, String> since = column -> d.microsSince(origin, column);
        String ws = at.apply(q.window().getStart());
        String we = at.apply(q.window().getEnd());
        String now = at.apply(q.now());
        Map<IntervalSet, Integer> openGroups = groups(q, AggregateQuery.Scope::open);
        Map<List<AggregateQuery.OffsetSpan>, Integer> zoneGroups = groups(q, AggregateQuery.Scope::offsets);
        String started = "x.s >= " + ws + " AND x.s < " + we;
        String own = "GREATEST(0, LEAST(x.e, " + we + ") - GREATEST(x.s, " + ws + "))";
        String occupied = "GREATEST(0, LEAST(x.oe, " + we + ") - GREATEST(x.os, " + ws + "))";
        String start = since.apply("b.start_at");
        // Placeholders are bound in the order they are made, which is their order in the text.
        String rows = "SELECT r.resource_id AS rid, b.id AS bid, b.status AS st, b.party_size AS p, " + start + " AS s, "
                + since.apply("b.end_at") + " AS e, " + since.apply("r.occupied_start") + " AS os, "
                + since.apply("r.occupied_end") + " AS oe, " + start + " - " + since.apply("b.created_at") + " AS lead, "
                + requested(q) + " AS req, " + late(p, q, since) + " AS late, "
                + group(p, q, s -> openGroups.get(s.open())) + " AS og, "
                + group(p, q, s -> zoneGroups.get(s.offsets())) + " AS zg, "
                + "CASE WHEN " + start + " >= 0 THEN " + d.quotient(start, Long.toString(DAY)) + " ELSE -1 END AS sd, "
                + "CASE WHEN " + since.apply("b.end_at") + " > 0 THEN " + d.quotient(since.apply("b.end_at") + " - 1",
                Long.toString(DAY)) + " ELSE -2 END AS ed FROM " + t.bookingResource() + " r JOIN "
                + t.booking() + " b ON b.tenant_id = r.tenant_id AND b.id = r.booking_id WHERE r.tenant_id = "
                + p.text(tenantId) + " AND r.resource_id IN (" + p.texts(q.resourceIds()) + ") AND r.occupied_end > "
                + p.instant(q.window().getStart()) + " AND r.occupied_start < " + p.instant(q.window().getEnd());
        List<String> open = openRows(openGroups, origin);
        List<String> spans = new ArrayList<>();
        zoneGroups.forEach((list, g) -> list.forEach(span -> spans.add("(" + g + ", " + at.apply(span.interval().getStart())
                + ", " + at.apply(span.interval().getEnd()) + ", "
                + (Dialect.epochMicros(origin) + span.offset().getTotalSeconds() * 1_000_000L) + ")")));
        String pieces = "SELECT q.p, q.a, q.z, " + d.quotient("q.a", Long.toString(HOUR)) + " AS h0, "
                + d.quotient("q.z - 1", Long.toString(HOUR)) + " AS h1 FROM (SELECT x.p, GREATEST(x.s, z.ss) + z.sh AS a, "
                + "LEAST(x.e, z.se) + z.sh AS z FROM x JOIN z ON z.zg = x.zg AND x.s < z.se AND x.e > z.ss WHERE x.st IN ("
                + names(q.booked()) + ")) q";
        String zeros = zeros(values - 4 - q.leadBounds().size() - 1);
        return "WITH x AS (" + rows + d.materialized() + "), o (og, dn, os, oe) AS (VALUES " + String.join(", ", open)
                + "), z (zg, ss, se, sh) AS (VALUES " + String.join(", ", spans) + "), pc AS (" + pieces
                + "), d AS (SELECT x.bid, MAX(x.st) AS st, MAX(x.s) AS s, MAX(x.lead) AS lead, MAX(x.req) AS req, "
                + "MAX(x.req * x.late) AS late FROM x WHERE " + started + " GROUP BY x.bid) "
                + "SELECT 'R' AS kind, x.rid, x.st, 0 AS h, SUM(CASE WHEN " + started + " THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN " + started + " AND x.s <= " + now + " THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN " + started + " THEN x.req ELSE 0 END), SUM(CASE WHEN " + started + " THEN x.req * x.late ELSE 0 END), "
                + "SUM(x.p * " + own + "), SUM(x.p * (" + occupied + " - " + own + "))" + zeros(values - 6)
                + " FROM x GROUP BY x.rid, x.st"
                + " UNION ALL SELECT 'O', y.rid, y.st, 0, SUM(y.part)" + zeros(values - 1) + " FROM ("
                + "SELECT x.rid, x.st, x.p * (LEAST(x.e, o.oe) - GREATEST(x.s, o.os)) AS part FROM x JOIN o ON o.og = x.og"
                + " AND o.dn = x.sd WHERE x.sd = x.ed AND x.s < o.oe AND x.e > o.os UNION ALL "
                + "SELECT x.rid, x.st, x.p * (LEAST(x.e, o.oe) - GREATEST(x.s, o.os)) FROM x JOIN o ON o.og = x.og"
                + " AND x.s < o.oe AND x.e > o.os WHERE x.sd <> x.ed) y GROUP BY y.rid, y.st"
                + " UNION ALL SELECT 'H', '', '', y.h, SUM(y.part), SUM(y.run)" + zeros(values - 2) + " FROM (" + HOUR_EVENTS
                + ") y GROUP BY y.h"
                + " UNION ALL SELECT 'D', '', d.st, 0, COUNT(*), SUM(CASE WHEN d.s <= " + now + " THEN 1 ELSE 0 END), "
                + "SUM(d.req), SUM(d.late)" + binSums(q.leadBounds()) + zeros + " FROM d GROUP BY d.st"
                + " UNION ALL SELECT 'P', '', '', w.rn, w.lead" + zeros(values - 1) + " FROM (SELECT d.lead, ROW_NUMBER() OVER "
                + "(ORDER BY d.lead) AS rn, COUNT(*) OVER () AS n FROM d WHERE d.req = 1) w WHERE w.rn = "
                + d.quotient("50 * w.n + 99", "100") + " OR w.rn = " + d.quotient("90 * w.n + 99", "100");
    }

    /**
     * The opening hours of each group, cut at the window's day boundaries so that a booking within
     * one day meets them by an equality join on its day instead of a comparison with every interval.
     */
    private static List<String> openRows(Map<IntervalSet, Integer> openGroups, Instant origin) {
        List<String> open = new ArrayList<>();
        openGroups.forEach((set, g) -> set.intervals().forEach(i -> {
            long from = Dialect.epochMicros(i.getStart()) - Dialect.epochMicros(origin);
            long to = Dialect.epochMicros(i.getEnd()) - Dialect.epochMicros(origin);
            for (long day = Math.floorDiv(from, DAY); day * DAY < to; day++) {
                open.add("(" + g + ", " + day + ", " + Math.max(from, day * DAY) + ", " + Math.min(to, (day + 1) * DAY) + ")");
            }
        }));
        return open.isEmpty() ? List.of("(-1, -1, 0, 0)") : open;
    }

    /** One conditional count per lead-time bin, lower bound inclusive. */
    private static String binSums(List<Duration> bounds) {
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i <= bounds.size(); i++) {
            sums.append(", SUM(CASE WHEN d.req = 1").append(i == 0 ? "" : " AND d.lead >= " + micros(bounds.get(i - 1)))
                    .append(i == bounds.size() ? "" : " AND d.lead < " + micros(bounds.get(i))).append(" THEN 1 ELSE 0 END)");
        }
        return sums.toString();
    }

    // The status settles most bookings, so the history is read only for the rest.
    private String requested(AggregateQuery q) {
        return "CASE WHEN b.status IN (" + names(q.requested()) + ") THEN 1 WHEN EXISTS (SELECT 1 FROM " + t.transition()
                + " h WHERE h.tenant_id = b.tenant_id AND h.booking_id = b.id AND h.to_status IN ('"
                + BookingStatus.CONFIRMED + "', '" + BookingStatus.PENDING + "')) THEN 1 ELSE 0 END";
    }

    // A cancellation by staff after the cutoff; it counts as late only for a request (x.req * x.late),
    // since a hold that staff let go was never a cancellation.
    private String late(Params p, AggregateQuery q, Function<String, String> since) {
        StringBuilder cutoff = new StringBuilder();
        q.cancellationCutoffs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> cutoff
                .append(" WHEN ").append(p.text(e.getKey())).append(" THEN ").append(micros(e.getValue())));
        String cut = cutoff.isEmpty() ? "0" : "CASE b.template_name" + cutoff + " ELSE 0 END";
        return "CASE WHEN b.status = 'CANCELLED' AND EXISTS (SELECT 1 FROM " + t.transition()
                + " h WHERE h.tenant_id = b.tenant_id AND h.booking_id = b.id AND h.to_status = 'CANCELLED'"
                + " AND h.actor_role IN ('STAFF', 'ADMIN') AND " + since.apply("b.start_at") + " - "
                + since.apply("h.happened_at") + " < " + cut + ") THEN 1 ELSE 0 END";
    }

    /** The group number of each row's resource, as a CASE over the resource ids. */
    /** The group number of each row's resource: a CASE over the ids of the resources not in group 0. */
    private static String group(Params p, AggregateQuery q, Function<AggregateQuery.Scope, Integer> groupOf) {
        StringBuilder cases = new StringBuilder();
        q.resources().stream().filter(s -> groupOf.apply(s) != 0).forEach(s -> cases.append(" WHEN ")
                .append(p.text(s.resourceId())).append(" THEN ").append(groupOf.apply(s)));
        return cases.isEmpty() ? "0" : "CASE r.resource_id" + cases + " ELSE 0 END";
    }

    private static <K> Map<K, Integer> groups(AggregateQuery q, Function<AggregateQuery.Scope, K> key) {
        Map<K, Integer> groups = new LinkedHashMap<>();
        q.resources().forEach(s -> groups.putIfAbsent(key.apply(s), groups.size()));
        return groups;
    }

    private static String names(Set<BookingStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").sorted().reduce((a, b) -> a + ", " + b).orElse("''");
    }

    private static String zeros(int n) {
        return ", 0".repeat(n);
    }

    private static String micros(Duration value) {
        return Long.toString(value.toNanos() / 1000);
    }

    private static Duration micros(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /**
     * The parameters of one statement, in the order their placeholders appear in its text: texts
     * are bound, as are the instants the index is searched by; numbers the core computed are
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

    @FunctionalInterface
    private interface IndexedBinder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }
}
