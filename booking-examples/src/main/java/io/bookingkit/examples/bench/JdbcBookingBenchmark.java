package io.bookingkit.examples.bench;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Booking throughput on an embedded PostgreSQL with 8 threads over 200 resources: the engine's
 * whole unit of work (lock, read, decide, insert the booking, its history and its notification)
 * against a raw single-row INSERT into a copy of the booking-resource table that keeps its
 * exclusion constraint, on the same server in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class JdbcBookingBenchmark {

    private static final int RESOURCES = 200;
    private static final String TENANT = "bench";
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    EmbeddedPostgres postgres;
    HikariDataSource pool;
    BookingEngine engine;
    final AtomicLong sequence = new AtomicLong();

    /**
     * Starts the embedded PostgreSQL, creates the schema, seeds it with 50,000 bookings of
     * another tenant, copies the booking-resource table for {@link #rawInsert()}, and builds an
     * engine over 200 resources open around the clock, on a fixed clock, with a 30-minute
     * template; its notifications go to the outbox and are delivered elsewhere.
     *
     * @throws IOException when PostgreSQL cannot start
     * @throws SQLException when seeding fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
        Schema.create(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            seed(s);
            s.execute("CREATE TABLE bench_raw (LIKE bk_booking_resource INCLUDING ALL)");
            s.execute("INSERT INTO bench_raw SELECT * FROM bk_booking_resource");
            s.execute("ANALYZE");
        }
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        OpeningHours always = OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("UTC"));
        for (int r = 0; r < RESOURCES; r++) {
            store.saveResource(Resource.of(TENANT, "r" + r, "Resource " + r, always));
        }
        ServiceTemplate template = ServiceTemplate.builder("slot").duration(Duration.ofMinutes(30))
                .horizon(Duration.ofDays(20_000)).build();
        // Notifications are written to the outbox, as in production, and delivered elsewhere.
        engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(template)).notificationsDeliveredElsewhere().build();
    }

    /**
     * Fills the tables with 50,000 bookings of another tenant and analyzes them, so that both
     * benchmarks run against tables of a realistic size with statistics, as a live database has:
     * on empty, never-analyzed tables PostgreSQL caches plans (foreign-key checks among them)
     * that scan whole tables and slow down as they grow.
     */
    private static void seed(Statement s) throws SQLException {
        String rows = "FROM (SELECT g, timestamptz '2026-01-01 00:00:00+00' + (g / 200) * interval '30 minutes' AS ts "
                + "FROM generate_series(0, 49999) AS g) AS x";
        s.execute("INSERT INTO bk_resource (tenant_id, id, name, zone_id, hours, max_window_seconds, capacity) "
                + "SELECT 'seed', 's' || g, 'Seed', 'UTC', 'Mo-Su 00:00-24:00', 34560000, 1 FROM generate_series(0, 199) AS g");
        s.execute("INSERT INTO bk_booking (tenant_id, id, customer_id, template_name, start_at, end_at, occupied_start, "
                + "occupied_end, party_size, status, version, request_hash, locale, created_at, updated_at, forced, request_key) "
                + "SELECT 'seed', 'b' || g, 'c' || g, 'slot', ts, ts + interval '30 minutes', ts, ts + interval '30 minutes', "
                + "1, 'CONFIRMED', 0, '', 'en', ts, ts, false, 'b:b' || g " + rows);
        s.execute("INSERT INTO bk_booking_resource (tenant_id, booking_id, resource_id, position, occupied_start, "
                + "occupied_end, status, one_seat, forced) SELECT 'seed', 'b' || g, 's' || (g % 200), 0, ts, "
                + "ts + interval '30 minutes', 'CONFIRMED', true, false " + rows);
        s.execute("INSERT INTO bk_transition (tenant_id, booking_id, seq, to_status, actor_id, actor_role, "
                + "actor_resources, happened_at, reason) SELECT 'seed', 'b' || g, 0, 'CONFIRMED', 'c' || g, 'CUSTOMER', '', "
                + "ts, '' " + rows);
    }

    /**
     * Closes the pool and stops PostgreSQL.
     *
     * @throws IOException when PostgreSQL cannot be stopped
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        pool.close();
        postgres.close();
    }

    /** The n-th booking: resources in turn, each one's bookings back to back, so none conflict. */
    private Instant startOf(long n) {
        return NOW.plus(Duration.ofMinutes(30 * (n / RESOURCES + 1)));
    }

    /**
     * One booking through {@code engine.book}, none conflicting: bookings per second over 8
     * threads, against {@link #rawInsert()}.
     *
     * @return the booking's id, for JMH to consume
     */
    @Benchmark
    public String engineBook() {
        long n = sequence.incrementAndGet();
        return engine.book(BookingRequest.builder().template("slot").resource("r" + (n % RESOURCES))
                .start(startOf(n)).build(), Actor.customer(TENANT, "c" + n)).id();
    }

    /**
     * The baseline: one row inserted into the copy of the booking-resource table, with its
     * exclusion constraint, on a pooled connection in auto-commit; inserts per second over
     * 8 threads.
     *
     * @return the update count, 1, for JMH to consume
     * @throws SQLException when the insert fails
     */
    @Benchmark
    public int rawInsert() throws SQLException {
        long n = sequence.incrementAndGet();
        Instant start = startOf(n);
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw "
                + "(tenant_id, booking_id, resource_id, position, occupied_start, occupied_end, status, one_seat, forced) "
                + "VALUES (?, ?, ?, 0, ?, ?, 'CONFIRMED', true, false)")) {
            ps.setString(1, TENANT);
            ps.setString(2, "raw" + n);
            ps.setString(3, "r" + (n % RESOURCES));
            ps.setObject(4, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            ps.setObject(5, OffsetDateTime.ofInstant(start.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }
}
