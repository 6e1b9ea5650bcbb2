package io.bookingkit.examples.bench;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The booking write path against the database's own rate for the row it protects: the engine's
 * whole booking (lock, overlap read, decision, the booking, its resource row, its history, its
 * notification in the outbox, its change in the feed, as in production) against a raw
 * single-row {@code INSERT} into a copy of the booking-resource table with the same keys (and on
 * PostgreSQL the same exclusion constraint), over 200 resources.
 *
 * <p>Both run in one fork and take turns, one iteration each (raw first; warm-up included, so an
 * even warm-up count keeps the turns aligned): they share the JIT's state, the tables' size, the
 * planner's statistics and the machine's moment. {@link Benchmarks} pairs each engine iteration
 * with the raw iteration before it and reports the spread of the pairs' ratios. The tables hold
 * 50,000 bookings of another tenant and 2,000 past ones of the benchmark's before statistics are
 * taken, as a database in production has.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WritePathBenchmark {

    private static final int RESOURCES = 200;
    private static final String TENANT = "bench";
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    /** The database, embedded: {@code POSTGRESQL}, {@code MARIADB} or {@code H2} (in memory). */
    @Param({"POSTGRESQL", "MARIADB", "H2"})
    public String database;

    /** The most connections the store's pool opens. */
    @Param({"4"})
    public int poolSize;

    BenchDatabase db;
    Dialect dialect;
    BookingEngine engine;
    final AtomicLong sequence = new AtomicLong();
    private int iterations;
    private volatile boolean raw;

    /**
     * Starts {@link #database}, seeds it, copies the booking-resource table for the raw insert,
     * takes statistics, and builds the engine: a fixed clock, a 30-minute template, notifications
     * written to the outbox and delivered elsewhere.
     *
     * @throws Exception when the database cannot start or be seeded
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        db = BenchDatabase.start(database, poolSize, "writepath");
        db.seed("seed", RESOURCES, 50_000, Instant.parse("2026-01-01T00:00:00Z"));
        db.seed(TENANT, RESOURCES, 2_000, NOW.minus(Duration.ofDays(10)));
        JdbcBookingStore store = JdbcBookingStore.create(db.pool());
        dialect = store.dialect();
        try (Connection c = db.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute(switch (dialect.name()) {
                // Keeps the exclusion constraint that guards one-seat resources.
                case "PostgreSQL" -> "CREATE TABLE bench_raw (LIKE bk_booking_resource INCLUDING ALL)";
                case "H2" -> "CREATE TABLE bench_raw (tenant_id varchar(128) NOT NULL, booking_id varchar(128) NOT NULL,"
                        + " resource_id varchar(128) NOT NULL, position integer NOT NULL, occupied_start timestamp(6) with"
                        + " time zone NOT NULL, occupied_end timestamp(6) with time zone NOT NULL, status varchar(16) NOT"
                        + " NULL, one_seat boolean NOT NULL, forced boolean NOT NULL,"
                        + " PRIMARY KEY (tenant_id, resource_id, booking_id))";
                // Keys and indexes, without the foreign keys.
                default -> "CREATE TABLE bench_raw LIKE bk_booking_resource";
            });
            if (dialect.name().equals("H2")) {
                s.execute("CREATE INDEX bench_raw_time ON bench_raw (tenant_id, resource_id, occupied_end)");
            }
            s.execute("INSERT INTO bench_raw SELECT * FROM bk_booking_resource");
        }
        db.analyze();
        ServiceTemplate template = ServiceTemplate.builder("slot").duration(BenchDatabase.SLOT)
                .horizon(Duration.ofDays(20_000)).build();
        engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(template)).notificationsDeliveredElsewhere().build();
    }

    /** Takes turns: the raw insert in even iterations, the engine in odd ones. */
    @Setup(Level.Iteration)
    public void nextTurn() {
        raw = iterations++ % 2 == 0;
    }

    /**
     * Closes the pool and stops the database.
     *
     * @throws Exception when the database cannot be stopped
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        db.close();
    }

    /**
     * One write of this iteration's turn, none conflicting: resources in turn, each one's
     * bookings back to back.
     *
     * @return the booking's id or the update count, for JMH to consume
     * @throws SQLException when the raw insert fails
     */
    @Benchmark
    public Object write() throws SQLException {
        long n = sequence.incrementAndGet();
        Instant start = NOW.plus(BenchDatabase.SLOT.multipliedBy(n / RESOURCES + 1));
        String resource = "r" + (n % RESOURCES);
        if (!raw) {
            return engine.book(BookingRequest.builder().template("slot").resource(resource).start(start).build(),
                    Actor.customer(TENANT, "c" + n)).id();
        }
        try (Connection c = db.pool().getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw"
                + " (tenant_id, booking_id, resource_id, position, occupied_start, occupied_end, status, one_seat, forced)"
                + " VALUES (?, ?, ?, 0, ?, ?, 'CONFIRMED', true, false)")) {
            ps.setString(1, TENANT);
            ps.setString(2, "raw" + n);
            ps.setString(3, resource);
            dialect.setInstant(ps, 4, start);
            dialect.setInstant(ps, 5, start.plus(BenchDatabase.SLOT));
            return ps.executeUpdate();
        }
    }
}
