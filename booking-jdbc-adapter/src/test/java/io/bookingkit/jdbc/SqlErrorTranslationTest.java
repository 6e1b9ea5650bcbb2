package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.error.StorageException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialect.Failure;
import io.bookingkit.jdbc.dialect.H2Dialect;
import io.bookingkit.jdbc.dialect.MariaDbDialect;
import io.bookingkit.jdbc.dialect.PostgresDialect;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.io.PrintWriter;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.Interval;

/**
 * How database errors become domain outcomes: each dialect's classification of hand-built
 * {@link SQLException}s, alone and hidden in a chain; a table gone behind the store's back
 * failing as a {@link StorageException} that carries the SQLSTATE; and a lock held by another
 * transaction, which the store waits out by retrying, and gives up on after
 * {@code maxRetries}.
 */
class SqlErrorTranslationTest {

    private static final String TENANT = "errors";
    private static final String ROOM = "room";
    private static final Instant NOW = Instant.parse("2026-10-05T10:00:00Z");
    private static final ServiceTemplate CLASS = ServiceTemplate.builder("errors-class").duration(Duration.ofMinutes(30)).build();
    private static final List<String> X_TABLES = TestDatabases.tablesAndHistory("x_");

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (Connection c : connections) {
            if (!c.isClosed()) {
                c.rollback();
                c.close();
            }
        }
        for (HikariDataSource pool : pools) {
            pool.close();
        }
    }

    // ---- classification of hand-built exceptions -----------------------------------------------

    @Test
    void postgresClassifiesBySqlState() {
        Dialect d = new PostgresDialect();
        assertEquals(Failure.RETRY, d.classify(new SQLException("could not serialize access", "40001")));
        assertEquals(Failure.RETRY, d.classify(new SQLException("deadlock detected", "40P01")));
        assertEquals(Failure.RETRY, d.classify(new SQLException("canceling statement due to lock timeout", "55P03")));
        assertEquals(Failure.DUPLICATE, d.classify(new SQLException(
                "duplicate key value violates unique constraint \"bk_booking_idempotency\"", "23505")));
        assertEquals(Failure.OVERLAP, d.classify(new SQLException(
                "conflicting key value violates exclusion constraint \"bk_no_overlap\"", "23P01")));
        assertEquals(Failure.OVERLAP, d.classify(new SQLException(
                "conflicting key value violates exclusion constraint \"x_no_overlap\"", "23P01")),
                "another table prefix keeps the constraint's suffix");
        assertEquals(Failure.OTHER, d.classify(new SQLException(
                "conflicting key value violates exclusion constraint \"room_booking_excl\"", "23P01")),
                "an exclusion constraint the store does not own is not an overlap");
        assertEquals(Failure.OTHER, d.classify(new SQLException("relation \"bk_outbox\" does not exist", "42P01")));
        assertEquals(Failure.OTHER, d.classify(new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(Failure.OTHER, d.classify(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertEquals(Failure.OTHER, d.classify(new SQLException("no state at all")));
        assertEquals(Failure.OTHER, d.classify(new SQLException("MariaDB's deadlock code means nothing here", "HY000", 1213)));
    }

    @Test
    void postgresFindsTheStateInNextExceptionsAndCauses() {
        Dialect d = new PostgresDialect();
        // pgjdbc reports a failed batch as a BatchUpdateException whose next exception says why.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO bk_booking_resource ... was aborted",
                "XX000", 0, new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertEquals(Failure.RETRY, d.classify(batch));

        BatchUpdateException overlap = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        overlap.setNextException(new SQLException("conflicting key value violates exclusion constraint \"bk_no_overlap\"",
                "23P01"));
        assertEquals(Failure.OVERLAP, d.classify(overlap));

        assertEquals(Failure.DUPLICATE, d.classify(new SQLException("wrapped", "XX000",
                new SQLException("duplicate key value violates unique constraint \"bk_booking_pkey\"", "23505"))));
        assertEquals(Failure.RETRY, d.classify(new SQLException("wrapped twice", null,
                new IllegalStateException("not an SQLException", new SQLTransactionRollbackException("serialization", "40001")))));
        assertEquals(Failure.RETRY, d.classify(new SQLException("outer", "XX000",
                new SQLException("middle", "XX001", nextOf(new SQLException("middle's next", "HY000"),
                        new SQLException("lock timeout", "55P03"))))));
    }

    @Test
    void mariaDbClassifiesByErrorCode() {
        Dialect d = new MariaDbDialect();
        assertEquals(Failure.RETRY, d.classify(new SQLException("Deadlock found when trying to get lock", "40001", 1213)));
        assertEquals(Failure.RETRY, d.classify(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
        assertEquals(Failure.RETRY, d.classify(new SQLException("Record has changed since last read", "HY000", 1020)));
        assertEquals(Failure.RETRY, d.classify(new SQLException("serialization failure without a code", "40001", 0)));
        assertEquals(Failure.DUPLICATE, d.classify(new SQLException("Duplicate entry 'a-b' for key 'PRIMARY'", "23000", 1062)));
        assertEquals(Failure.OTHER, d.classify(new SQLException("Cannot add or update a child row", "23000", 1452)),
                "a foreign key failure shares 23000 with duplicates but is not one");
        assertEquals(Failure.OTHER, d.classify(new SQLException("Table 'bookingkit.bk_outbox' doesn't exist", "42S02", 1146)));
        assertEquals(Failure.OTHER, d.classify(new SQLException("Connection was killed", "70100", 1927)));
        assertEquals(Failure.OTHER, d.classify(new SQLException("PostgreSQL's deadlock state means nothing here", "40P01", 0)));
    }

    @Test
    void mariaDbFindsTheCodeInNextExceptionsAndCauses() {
        Dialect d = new MariaDbDialect();
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", 0, new int[0]);
        batch.setNextException(new SQLException("Deadlock found when trying to get lock", "40001", 1213));
        assertEquals(Failure.RETRY, d.classify(batch));
        assertEquals(Failure.DUPLICATE, d.classify(new BatchUpdateException("batch failed", "HY000", 0, new int[0],
                new SQLException("Duplicate entry", "23000", 1062))));
        assertEquals(Failure.RETRY, d.classify(new SQLException("wrapped", null, 0,
                new RuntimeException(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))));
    }

    @Test
    void h2ClassifiesByStateAndCode() {
        Dialect d = new H2Dialect();
        assertEquals(Failure.RETRY, d.classify(new SQLException("Timeout trying to lock table", "HYT00", 50200)));
        assertEquals(Failure.RETRY, d.classify(new SQLException("lock timeout, code only", null, 50200)));
        assertEquals(Failure.RETRY, d.classify(new SQLException("Deadlock detected", "40001", 40001)));
        assertEquals(Failure.RETRY, d.classify(new SQLException("Concurrent update in table", "90131", 90131)));
        assertEquals(Failure.DUPLICATE, d.classify(new SQLException("Unique index or primary key violation", "23505", 23505)));
        assertEquals(Failure.OTHER, d.classify(new SQLException("Table \"BK_OUTBOX\" not found", "42S02", 42102)));
        assertEquals(Failure.OTHER, d.classify(new SQLException("Referential integrity constraint violation", "23506", 23506)));
        assertEquals(Failure.OTHER, d.classify(new SQLException("Database is already closed", "90121", 90121)));

        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", 0, new int[0]);
        batch.setNextException(new SQLException("Timeout trying to lock table", "HYT00", 50200));
        assertEquals(Failure.RETRY, d.classify(batch));
        assertEquals(Failure.DUPLICATE, d.classify(new SQLException("wrapped", "HY000", 50000,
                new SQLException("Unique index or primary key violation", "23505", 23505))));
        assertEquals(Failure.RETRY, d.classify(new SQLException("wrapped", null,
                new IllegalStateException(new SQLException("Concurrent update", "90131", 90131)))));
    }

    @Test
    void aCyclicCauseChainEndsTheWalk() {
        SQLException a = new SQLException("a", "XX000");
        SQLException b = new SQLException("b", "XX001");
        a.initCause(b);
        b.initCause(a);
        assertEquals(Failure.OTHER, new PostgresDialect().classify(a));
        assertEquals(Failure.OTHER, new MariaDbDialect().classify(a));
        assertEquals(Failure.OTHER, new H2Dialect().classify(a));
    }

    private static SQLException nextOf(SQLException first, SQLException next) {
        first.setNextException(next);
        return first;
    }

    // ---- a real error on each database ---------------------------------------------------------

    /**
     * Tables renamed behind the store's back: a write and a read each fail with a StorageException
     * carrying the database's "no such table" SQLSTATE, the failed write leaves nothing, and the
     * store works again once the tables are back. Uses its own table prefix, so the tables other
     * tests share are never touched.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aMissingTableFailsAsStorageExceptionWithItsSqlState(TestDatabases.Kind kind) throws SQLException {
        HikariDataSource pool = TestDatabases.pool(kind, 3);
        pools.add(pool);
        dropXTables(pool);
        Schema.create(pool, "x_");
        try {
            JdbcBookingStore store = JdbcBookingStore.builder(pool).tablePrefix("x_").build();
            store.saveResource(room(1));
            BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .templates(TemplateCatalog.of(CLASS)).notificationsDeliveredElsewhere().build();
            Booking first = engine.book(request(NOW.plus(Duration.ofDays(1))), Actor.customer(TENANT, "ana"));
            String expectedState = switch (kind) {
                case POSTGRES -> "42P01";
                case MARIADB, H2 -> "42S02";
            };

            rename(pool, "x_outbox", "x_outbox_gone");
            StorageException write = assertThrows(StorageException.class,
                    () -> engine.book(request(NOW.plus(Duration.ofDays(2))), Actor.customer(TENANT, "ben")));
            assertEquals(Optional.of(expectedState), write.sqlState(), write.toString());
            assertInstanceOf(SQLException.class, write.getCause());
            assertEquals(1, countX(pool, "x_booking"), "the booking inserted before the failing enqueue is rolled back");
            assertEquals(1, countX(pool, "x_booking_resource"));
            assertEquals(1, countX(pool, "x_transition"));

            rename(pool, "x_booking", "x_booking_gone");
            StorageException read = assertThrows(StorageException.class, () -> store.reads(TENANT).findBooking(first.id()));
            assertEquals(Optional.of(expectedState), read.sqlState(), read.toString());

            rename(pool, "x_booking_gone", "x_booking");
            rename(pool, "x_outbox_gone", "x_outbox");
            assertEquals(Optional.of(first), store.reads(TENANT).findBooking(first.id()));
            Booking second = engine.book(request(NOW.plus(Duration.ofDays(2))), Actor.customer(TENANT, "ben"));
            assertEquals(BookingStatus.CONFIRMED, second.status());
            assertEquals(2, countX(pool, "x_outbox"));

            // And a real unique-key violation is a DuplicateBookingException, not a storage failure.
            assertThrows(DuplicateBookingException.class, () -> store.inUnitOfWork(TENANT, List.of(ROOM), unit -> {
                unit.insert(copyWithNewTime(first));
                return null;
            }));
        } finally {
            rename(pool, "x_booking_gone", "x_booking");
            rename(pool, "x_outbox_gone", "x_outbox");
            dropXTables(pool);
        }
    }

    // ---- retries under a held lock -------------------------------------------------------------

    /**
     * Another transaction holds the resource row's lock for a while; the database's lock timeout
     * (200 ms on H2 and PostgreSQL, none on MariaDB) fails the unit's lock, and the store rolls
     * back and tries again with backoff until the lock is released, then succeeds. Each attempt
     * takes a connection, so the count of connections shows the retries.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aUnitWaitingOnAHeldLockIsRetriedAndSucceedsOnceTheLockIsReleased(TestDatabases.Kind kind) throws Exception {
        ShortLockTimeout db = shortLockTimeout(kind);
        CountingDataSource counting = new CountingDataSource(db.storePool);
        JdbcBookingStore store = JdbcBookingStore.builder(counting).maxRetries(30).retryBackoff(Duration.ofMillis(10)).build();
        store.saveResource(room(1));
        Connection holder = holdResourceLock(db.setupPool);
        counting.connections.set(0);
        AtomicInteger runs = new AtomicInteger();
        Booking booking = booking("after-the-wait");

        CompletableFuture<String> unit = CompletableFuture.supplyAsync(() -> store.inUnitOfWork(TENANT, List.of(ROOM), u -> {
            runs.incrementAndGet();
            u.insert(booking);
            return "committed";
        }));
        Thread.sleep(700);
        assertFalse(unit.isDone(), "the unit must wait while the lock is held: " + (unit.isDone() ? describe(unit) : ""));
        assertEquals(0, runs.get(), "the work runs only once the lock is taken");
        holder.commit();

        assertEquals("committed", unit.get(20, TimeUnit.SECONDS));
        assertEquals(1, runs.get());
        assertTrue(counting.connections.get() >= 3, "the unit should have been retried: " + counting.connections.get()
                + " attempts");
        assertEquals(Optional.of(booking), store.reads(TENANT).findBooking(booking.id()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aLockHeldForeverEndsInStorageExceptionAfterMaxRetries(TestDatabases.Kind kind) throws Exception {
        ShortLockTimeout db = shortLockTimeout(kind);
        CountingDataSource counting = new CountingDataSource(db.storePool);
        JdbcBookingStore store = JdbcBookingStore.builder(counting).maxRetries(2).retryBackoff(Duration.ofMillis(5)).build();
        store.saveResource(room(1));
        Connection holder = holdResourceLock(db.setupPool);
        counting.connections.set(0);
        AtomicInteger runs = new AtomicInteger();

        StorageException e = assertThrows(StorageException.class, () -> store.inUnitOfWork(TENANT, List.of(ROOM), u -> {
            runs.incrementAndGet();
            return null;
        }));

        assertEquals(3, counting.connections.get(), "one attempt and maxRetries = 2 retries");
        assertEquals(0, runs.get());
        assertTrue(e.getMessage().contains("Gave up after 3 attempts"), e.getMessage());
        SQLException cause = assertInstanceOf(SQLException.class, e.getCause());
        assertEquals(Optional.ofNullable(cause.getSQLState()), e.sqlState());
        switch (kind) {
            case H2 -> assertTrue(List.of("HYT00", "40001").contains(cause.getSQLState()), cause.toString());
            case POSTGRES -> assertEquals("55P03", cause.getSQLState(), cause.toString());
            case MARIADB -> assertEquals(1205, cause.getErrorCode(), cause.toString());
        }

        holder.rollback();
        assertEquals("free", store.inUnitOfWork(TENANT, List.of(ROOM), u -> "free"), "released, the lock is taken at once");
    }

    /** A pool for the store whose lock waits end quickly, and a pool on the same database for setup. */
    private record ShortLockTimeout(HikariDataSource storePool, HikariDataSource setupPool) {
    }

    private ShortLockTimeout shortLockTimeout(TestDatabases.Kind kind) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(1);
        HikariDataSource setup;
        switch (kind) {
            case H2 -> {
                // Its own in-memory database: TestDatabases' H2 waits 20 s for a lock.
                config.setJdbcUrl("jdbc:h2:mem:bookingkit-short-lock-" + UUID.randomUUID() + ";LOCK_TIMEOUT=200");
                config.setUsername("sa");
                HikariDataSource store = track(new HikariDataSource(config));
                Schema.create(store);
                return new ShortLockTimeout(store, store);
            }
            case POSTGRES -> {
                setup = track(TestDatabases.freshPool(kind, 3));
                config.setConnectionInitSql("SET lock_timeout = '200ms'");
            }
            default -> {
                setup = track(TestDatabases.freshPool(kind, 3));
                // MariaDB counts in whole seconds; 0 fails a lock wait at once, as NOWAIT does.
                config.setConnectionInitSql("SET SESSION innodb_lock_wait_timeout = 0");
            }
        }
        config.setJdbcUrl(setup.getJdbcUrl());
        config.setUsername(setup.getUsername());
        config.setPassword(setup.getPassword());
        return new ShortLockTimeout(track(new HikariDataSource(config)), setup);
    }

    /** Locks the resource row in a transaction that stays open until the test ends it. */
    private Connection holdResourceLock(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        connections.add(c);
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT capacity FROM bk_resource WHERE tenant_id = ? AND id = ? "
                + "FOR UPDATE")) {
            ps.setString(1, TENANT);
            ps.setString(2, ROOM);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
            }
        }
        return c;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private HikariDataSource track(HikariDataSource pool) {
        pools.add(pool);
        return pool;
    }

    private static String describe(CompletableFuture<?> f) {
        try {
            return String.valueOf(f.getNow(null));
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static Resource room(int capacity) {
        return new Resource(TENANT, ROOM, "Room", OpeningHours.parse("Mo-Su 00:00-24:00", ZoneOffset.UTC), capacity);
    }

    private static BookingRequest request(Instant start) {
        return BookingRequest.builder().template(CLASS.name()).resource(ROOM).start(start).build();
    }

    private static Booking booking(String id) {
        Instant start = NOW.plus(Duration.ofDays(3));
        Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(30)));
        return new Booking(id, TENANT, List.of(ROOM), "ana", CLASS.name(), interval, interval, 1, BookingStatus.CONFIRMED, 0,
                Optional.empty(), Optional.empty(), "hash", Locale.ENGLISH, NOW, NOW, Optional.empty(), false, Optional.empty(),
                List.of(new Transition(Optional.empty(), BookingStatus.CONFIRMED, Actor.customer(TENANT, "ana"), NOW, "")));
    }

    /** The same id at a time nobody holds: only the primary key can refuse it. */
    private static Booking copyWithNewTime(Booking b) {
        Instant start = NOW.plus(Duration.ofDays(9));
        Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(30)));
        return new Booking(b.id(), b.tenantId(), b.resourceIds(), b.customerId(), b.templateName(), interval, interval,
                b.partySize(), b.status(), 0, b.series(), Optional.empty(), b.requestHash(), b.locale(), NOW, NOW,
                Optional.empty(), false, Optional.empty(), b.history());
    }

    private static void rename(DataSource ds, String from, String to) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            if (tableExists(c, from) && !tableExists(c, to)) {
                s.execute("ALTER TABLE " + from + " RENAME TO " + to);
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void dropXTables(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : X_TABLES) {
                s.execute("DROP TABLE IF EXISTS " + table + "_gone");
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static long countX(DataSource ds, String table) throws SQLException {
        assertTrue(X_TABLES.contains(table));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Counts the connections the store takes: one per attempt of a transaction. */
    static final class CountingDataSource implements DataSource {
        final DataSource delegate;
        final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            connections.incrementAndGet();
            return delegate.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
