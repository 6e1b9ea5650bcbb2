package io.bookingkit.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.StatsQuery;
import io.bookingkit.analytics.internal.Statistics;
import io.bookingkit.booking.Actor;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.internal.Tallies;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.threeten.extra.Interval;

/**
 * A month's statistics of a tenant on an embedded PostgreSQL: {@code engine.stats}, which adds up
 * in SQL, against loading the month's bookings (with their history, as a display read does) and
 * computing the same in Java with the core's reference code, in the same run. The tenant has 40
 * resources with {@code perDay} bookings a day each over 208 days (33,280 or 99,840 bookings); the
 * month asked for holds 30 of those days and is followed by one more month of bookings, as "last
 * month" is. Run with JMH's GC profiler, the allocation per call shows what grows with the month.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatsBenchmark {

    private static final String TENANT = "bench";
    private static final int RESOURCES = 40;
    private static final Instant FIRST_DAY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ADMIN = Actor.admin(TENANT, "owner");

    /** Bookings a day on each resource, on the hour from 07:00 UTC. */
    @Param({"4", "12"})
    public int perDay;

    private static final int DAYS = 208;

    BenchDatabase db;
    HikariDataSource pool;
    JdbcBookingStore store;
    BookingEngine engine;
    Clock clock;
    StatsQuery month;
    List<Resource> resources;

    /**
     * Starts the embedded PostgreSQL, creates the schema and the 40 resources, seeds
     * {@link #perDay} bookings a day on each over 208 days, and builds the engine on a clock
     * 15 days after the month asked for ends.
     *
     * @throws Exception when PostgreSQL cannot start or seeding fails
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        db = BenchDatabase.start("POSTGRESQL", 2, "stats");
        pool = db.pool();
        store = JdbcBookingStore.create(pool);
        OpeningHours hours = OpeningHours.parse("Mo-Sa 07:00-19:00", ZoneId.of("Europe/Madrid"));
        for (int r = 0; r < RESOURCES; r++) {
            store.saveResource(Resource.of(TENANT, "r" + r, "Chair " + r, hours));
        }
        resources = store.resources(TENANT);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            seed(s, perDay);
            s.execute("ANALYZE");
        }
        Instant monthStart = FIRST_DAY.plus(Duration.ofDays(DAYS - 60));
        month = StatsQuery.of(Interval.of(monthStart, Duration.ofDays(30)));
        ServiceTemplate cut = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(45))
                .cancellationCutoff(Duration.ofHours(24)).build();
        clock = Clock.fixed(monthStart.plus(Duration.ofDays(45)), ZoneOffset.UTC);
        engine = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(cut)).notificationsDeliveredElsewhere().build();
    }

    /**
     * Bookings of 45 minutes with a 15-minute buffer, on the hour from 07:00 UTC, made one to 30
     * days ahead; most completed, some cancelled by the customer or late by staff, some no-shows,
     * the rest confirmed; each with its creation and, if it moved on, its last transition.
     */
    private static void seed(Statement s, int perDay) throws SQLException {
        int n = RESOURCES * perDay * DAYS;
        String rows = "FROM (SELECT g, timestamptz '2026-01-01 07:00:00+00' + ((g / " + RESOURCES + ") / " + perDay
                + ") * interval '1 day' + ((g / " + RESOURCES + ") % " + perDay + ") * interval '1 hour' AS ts, "
                + "CASE WHEN g % 10 < 7 THEN 'COMPLETED' WHEN g % 10 = 7 THEN 'CANCELLED' WHEN g % 10 = 8 THEN 'NO_SHOW' "
                + "ELSE 'CONFIRMED' END AS st FROM generate_series(0, " + (n - 1) + ") AS g) AS x";
        s.execute("INSERT INTO bk_booking (tenant_id, id, customer_id, template_name, start_at, end_at, occupied_start, "
                + "occupied_end, party_size, status, version, request_hash, locale, created_at, updated_at, forced, request_key) "
                + "SELECT 'bench', 'b' || g, 'c' || (g % 5000), 'cut', ts, ts + interval '45 minutes', ts, "
                + "ts + interval '60 minutes', 1, st, 1, '', 'en', ts - (1 + g % 30) * interval '1 day', ts, false, 'b:b' || g "
                + rows);
        s.execute("INSERT INTO bk_booking_resource (tenant_id, booking_id, resource_id, position, occupied_start, "
                + "occupied_end, status, one_seat, forced) SELECT 'bench', 'b' || g, 'r' || (g % " + RESOURCES + "), 0, ts, "
                + "ts + interval '60 minutes', st, true, false " + rows);
        s.execute("INSERT INTO bk_transition (tenant_id, booking_id, seq, to_status, actor_id, actor_role, "
                + "actor_resources, happened_at, reason) SELECT 'bench', 'b' || g, 0, 'CONFIRMED', 'c' || (g % 5000), "
                + "'CUSTOMER', '', ts - (1 + g % 30) * interval '1 day', '' " + rows);
        s.execute("INSERT INTO bk_transition (tenant_id, booking_id, seq, from_status, to_status, actor_id, actor_role, "
                + "actor_resources, happened_at, reason) SELECT 'bench', 'b' || g, 1, 'CONFIRMED', st, "
                + "CASE WHEN g % 20 = 7 THEN 'staff' ELSE 'c' || (g % 5000) END, "
                + "CASE WHEN g % 20 = 7 THEN 'STAFF' ELSE 'CUSTOMER' END, '', ts - (g % 3) * interval '1 hour', '' "
                + rows + " WHERE st <> 'CONFIRMED'");
    }

    /**
     * Closes the pool and stops PostgreSQL.
     *
     * @throws Exception when PostgreSQL cannot be stopped
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        db.close();
    }

    /**
     * The engine's statistics of the month, {@code engine.stats}: sums computed by PostgreSQL.
     * Average time in milliseconds, against {@link #inJava()}.
     *
     * @return the statistics, for JMH to consume
     */
    @Benchmark
    public BookingStats inDatabase() {
        return engine.stats(month, ADMIN);
    }

    /**
     * The baseline: the month's bookings, with their history, read into memory and added up in
     * Java by the core's reference code. Average time in milliseconds.
     *
     * @return the same statistics, for JMH to consume
     */
    @Benchmark
    public BookingStats inJava() {
        AggregateQuery query = Statistics.query(month.window(), clock.instant(), resources,
                Map.of("cut", Duration.ofHours(24)));
        return Statistics.assemble(query, resources, Tallies.of(store.reads(TENANT)
                .findOverlapping(query.resourceIds(), query.window()), query));
    }
}
