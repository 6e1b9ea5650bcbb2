package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.PostgresDialect;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new tenant on a large table, on PostgreSQL: the planner's statistics were taken when the
 * table held one big tenant's 50,000 bookings and none of the new one's, which then wrote
 * 20,000 (as before autoanalyze comes round). Read through {@code pg_stat_statements}: with the
 * store's generic plans, none of the new tenant's unit statements, the shared way's or the locked
 * way's, is planned again once prepared, and none touches more than a few dozen pages (the
 * overlap read and the shared way's check 5 each); with custom plans
 * (the negative control) the overlap read is planned on every execution and reads some 4,000.
 */
class PlanStabilityTest {

    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");
    private static final ServiceTemplate CUT = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30)).build();
    private static final int MEASURED = 40;

    private static HikariDataSource pool;

    @BeforeAll
    static void largeTableWithStaleStatistics() throws SQLException {
        pool = TestDatabases.freshDatabase(TestDatabases.Kind.POSTGRES, "plans");
        Schema.create(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            for (String table : List.of("bk_booking", "bk_booking_resource", "bk_transition", "bk_outbox", "bk_change")) {
                // So that no autoanalyze mends the statistics while the test runs.
                s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
            }
            s.execute("INSERT INTO bk_resource (tenant_id, id, name, zone_id, hours, max_window_seconds, capacity) "
                    + "SELECT 'big', 'r' || g, 'R', 'UTC', 'Mo-Su 00:00-24:00', 86400, 1 FROM generate_series(0, 199) g");
            bookings(s, "big", "'r' || (g % 200)", 50_000, "TIMESTAMPTZ '2027-01-01 00:00Z' + (g / 200) * INTERVAL '30 minutes'");
            s.execute("ANALYZE");
            s.execute("INSERT INTO bk_resource (tenant_id, id, name, zone_id, hours, max_window_seconds, capacity) "
                    + "VALUES ('new', 'chair', 'Chair', 'Europe/Lisbon', 'Mo-Su 00:00-24:00', 86400, 1)");
            // Past bookings of the new tenant's one chair: a plan on the tenant's rows alone reads them all.
            bookings(s, "new", "'chair'", 20_000, "TIMESTAMPTZ '2026-01-01 00:00Z' + g * INTERVAL '30 minutes'");
        }
    }

    /** {@code count} bookings of {@code tenant}, one resource row each, starting at {@code start(g)}. */
    private static void bookings(Statement s, String tenant, String resource, int count, String start) throws SQLException {
        s.execute("INSERT INTO bk_booking (tenant_id, id, customer_id, template_name, start_at, end_at, occupied_start, "
                + "occupied_end, party_size, status, version, request_hash, locale, created_at, updated_at, forced, "
                + "request_key) SELECT '" + tenant + "', 'b' || g, 'c' || g, 'cut', " + start + ", " + start
                + " + INTERVAL '30 minutes', " + start + ", " + start + " + INTERVAL '30 minutes', 1, 'CONFIRMED', 1, 'h', "
                + "'en', now(), now(), false, 'b:b' || g FROM generate_series(0, " + (count - 1) + ") g");
        s.execute("INSERT INTO bk_booking_resource (tenant_id, booking_id, resource_id, position, occupied_start, "
                + "occupied_end, status, one_seat, forced) SELECT '" + tenant + "', 'b' || g, " + resource + ", 0, " + start
                + ", " + start + " + INTERVAL '30 minutes', 'CONFIRMED', true, false FROM generate_series(0, "
                + (count - 1) + ") g");
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void theNewTenantsUnitsAreNotReplannedAndReadOnlyTheirOwnFewRows() throws SQLException {
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        List<Use> shared = measure(store, 0, false);
        assertEquals(MEASURED, use(shared, "(forced OR NOT one_seat)").calls,
                "the shared way's check ran once per booking: " + shared);
        assertFew(shared);
        // An application rule sends every booking the locked way, with its overlap read.
        List<Use> locked = measure(store, 2 * (MEASURED + 20), true);
        assertEquals(MEASURED, overlapRead(locked).calls, "the overlap read ran once per booking: " + locked);
        assertFew(locked);
    }

    private static void assertFew(List<Use> uses) {
        for (Use use : uses) {
            if (use.calls >= MEASURED && use.query.contains("bk_")) {
                assertEquals(0, use.plans, "planned again after it was prepared: " + use);
                // An insert maintains its table's indexes and checks its keys: a few dozen pages.
                assertTrue(use.pagesPerCall() <= 50, "reads more than its own few rows: " + use);
            }
        }
    }

    @Test
    void negativeControlWithCustomPlansTheOverlapReadIsPlannedOnEveryExecution() throws SQLException {
        JdbcBookingStore store = JdbcBookingStore.builder(pool).dialect(new CustomPlans()).build();
        Use overlap = overlapRead(measure(store, MEASURED + 20, false));
        assertEquals(MEASURED, overlap.calls);
        assertEquals(MEASURED, overlap.plans, "custom plans: planned on every execution: " + overlap);
        assertTrue(overlap.pagesPerCall() > 1_000, "a custom plan from the stale statistics reads all the new "
                + "tenant's rows: " + overlap);
    }

    /**
     * Warms the store up past the driver's prepare threshold, then books {@link #MEASURED} times,
     * measured; with {@code lockedWay}, through an engine with a rule of its own.
     */
    private static List<Use> measure(JdbcBookingStore store, int offset, boolean lockedWay) throws SQLException {
        BookingEngine.Builder builder = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(CUT)).notificationsDeliveredElsewhere();
        if (lockedWay) {
            builder.rule((check, report) -> { });
        }
        BookingEngine engine = builder.build();
        for (int i = 0; i < 10; i++) {
            book(engine, offset + i);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
        for (int i = 10; i < 10 + MEASURED; i++) {
            book(engine, offset + i);
        }
        List<Use> uses = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT query, calls, plans, "
                + "shared_blks_hit + shared_blks_read FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database())"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                uses.add(new Use(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return uses;
    }

    private static Use overlapRead(List<Use> uses) {
        return use(uses, "r.resource_id IN");
    }

    private static Use use(List<Use> uses, String text) {
        return uses.stream().filter(u -> u.query.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement with '" + text + "' among " + uses));
    }

    private static void book(BookingEngine engine, int n) {
        engine.book(BookingRequest.builder().template(CUT.name()).resource("chair")
                .start(NOW.plus(Duration.ofHours(1 + n))).build(), Actor.customer("new", "c" + n));
    }

    /** One statement's counters over the measured bookings. */
    private record Use(String query, long calls, long plans, long pages) {
        double pagesPerCall() {
            return calls == 0 ? 0 : (double) pages / calls;
        }

        @Override
        public String toString() {
            return calls + " calls, " + plans + " plans, " + pagesPerCall() + " pages per call: "
                    + query.substring(0, Math.min(120, query.length()));
        }
    }

    /** PostgreSQL's dialect with READ COMMITTED but without generic plans. */
    private static final class CustomPlans implements Dialect {
        private final Dialect pg = new PostgresDialect();

        @Override
        public Optional<String> transactionSettings() {
            return Optional.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }

        @Override
        public boolean joinsStatements() {
            return pg.joinsStatements();
        }

        @Override
        public String name() {
            return pg.name();
        }

        @Override
        public String schemaFolder() {
            return pg.schemaFolder();
        }

        @Override
        public String limit(int rows) {
            return pg.limit(rows);
        }

        @Override
        public String insertIfAbsent(String table, List<String> columns) {
            return pg.insertIfAbsent(table, columns);
        }

        @Override
        public Optional<String> updateReturning(String update, String columns) {
            return pg.updateReturning(update, columns);
        }

        @Override
        public boolean rowExists(SQLException e) {
            return pg.rowExists(e);
        }

        @Override
        public boolean supportsSkipLocked() {
            return pg.supportsSkipLocked();
        }

        @Override
        public Failure classify(SQLException e) {
            return pg.classify(e);
        }
    }
}
