package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.error.StorageException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.Interval;

/**
 * The database connection of a unit of work dies in the middle of the unit: an administrator
 * terminates its backend from another connection after the unit has inserted a booking and
 * before it enqueues the outbox message (or just before the commit). The caller must get a
 * {@link StorageException} carrying the SQLSTATE, never a raw {@link SQLException}; nothing of the
 * unit may be left in any table; and the store must go on working on a fresh connection from the
 * pool.
 *
 * <p>The administrator kills every other session of the database that is inside a transaction:
 * at that moment that is exactly the unit's connection (the pools here have one connection, and
 * idle connections that other tests left open are spared).
 */
class ConnectionFaultTest {

    private static final String TENANT = "fault";
    private static final String ROOM = "room-1";
    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final ServiceTemplate CLASS = ServiceTemplate.builder("fault-class").duration(Duration.ofMinutes(30)).build();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Kind.class, names = {"POSTGRES", "MARIADB"})
    void aConnectionKilledBetweenInsertAndEnqueueLeavesNothingAndSurfacesAsStorageException(TestDatabases.Kind kind)
            throws Exception {
        HikariDataSource pool = pool(kind);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(room());
        Booking booking = booking("killed-before-enqueue", NOW.plus(Duration.ofDays(1)));
        AtomicInteger runs = new AtomicInteger();

        StorageException e = assertThrows(StorageException.class, () -> store.inUnitOfWork(TENANT, List.of(ROOM), unit -> {
            runs.incrementAndGet();
            unit.insert(booking);
            assertEquals(1, killOtherSessions(kind, pool), "the unit's own connection should be the one killed");
            unit.enqueue(message(booking));
            return null;
        }));

        assertEquals(1, runs.get(), "a lost connection is not a reason to run the unit again");
        assertStorageFailure(kind, e);
        assertNothingWritten(pool);
        assertStoreStillWorks(store, kind);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Kind.class, names = {"POSTGRES", "MARIADB"})
    void aConnectionKilledJustBeforeTheCommitLeavesNothing(TestDatabases.Kind kind) throws Exception {
        HikariDataSource pool = pool(kind);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(room());
        Booking booking = booking("killed-before-commit", NOW.plus(Duration.ofDays(1)));

        StorageException e = assertThrows(StorageException.class, () -> store.inUnitOfWork(TENANT, List.of(ROOM), unit -> {
            unit.insert(booking);
            unit.enqueue(message(booking));
            assertEquals(1, killOtherSessions(kind, pool));
            return null;
        }));

        assertStorageFailure(kind, e);
        assertNothingWritten(pool);
        assertStoreStillWorks(store, kind);
    }

    /**
     * The same through the engine: its id supplier is asked for the booking id, then (after
     * {@code unit.insert}) for the outbox message id, which is where the connection is killed.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabases.Kind.class, names = {"POSTGRES", "MARIADB"})
    void theEngineReportsAKilledConnectionAsStorageExceptionAndBooksAgainAfterwards(TestDatabases.Kind kind)
            throws Exception {
        HikariDataSource pool = pool(kind);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(room());
        AtomicInteger idCalls = new AtomicInteger();
        Supplier<String> ids = () -> {
            if (idCalls.incrementAndGet() == 2) {
                // Second id: the booking is inserted, its outbox message not yet enqueued.
                assertEquals(1, killOtherSessions(kind, pool));
            }
            return UUID.randomUUID().toString();
        };
        BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(CLASS)).ids(ids).notificationsDeliveredElsewhere().build();
        BookingRequest request = BookingRequest.builder().template(CLASS.name()).resource(ROOM)
                .start(NOW.plus(Duration.ofDays(2))).idempotencyKey("engine-key").build();

        StorageException e = assertThrows(StorageException.class, () -> engine.book(request, Actor.customer(TENANT, "ana")));

        assertStorageFailure(kind, e);
        assertNothingWritten(pool);
        // The same request, with the same idempotency key, now goes through: nothing of the
        // first attempt holds the slot or the key.
        Booking booked = engine.book(request, Actor.customer(TENANT, "ana"));
        assertEquals(BookingStatus.CONFIRMED, booked.status());
        assertEquals(Optional.of(booked), store.reads(TENANT).findBooking(booked.id()));
        assertEquals(1, count(pool, "bk_booking"));
        assertEquals(1, count(pool, "bk_outbox"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private HikariDataSource pool(TestDatabases.Kind kind) {
        HikariDataSource pool = TestDatabases.freshPool(kind, 1);
        pools.add(pool);
        return pool;
    }

    /**
     * From a separate administrator connection, terminates every other session on this
     * database that has a transaction open; returns how many were terminated.
     */
    private static int killOtherSessions(TestDatabases.Kind kind, HikariDataSource pool) {
        try (Connection admin = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
             Statement s = admin.createStatement()) {
            if (kind == TestDatabases.Kind.POSTGRES) {
                int killed = 0;
                try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND state LIKE 'idle in transaction%'")) {
                    while (rs.next()) {
                        killed += rs.getBoolean(1) ? 1 : 0;
                    }
                }
                return killed;
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT p.id FROM information_schema.PROCESSLIST p "
                    + "JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.id "
                    + "WHERE p.db = DATABASE() AND p.id <> CONNECTION_ID()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                s.execute("KILL CONNECTION " + id);
            }
            return ids.size();
        } catch (SQLException e) {
            throw new IllegalStateException("The administrator connection failed", e);
        }
    }

    private static void assertStorageFailure(TestDatabases.Kind kind, StorageException e) {
        assertEquals(StorageException.class, e.getClass(), "a lost connection is a StorageException, not a domain error");
        String state = e.sqlState().orElseThrow(() -> new AssertionError("the SQLSTATE should travel with it: " + e));
        // 08xxx: connection exception; 57P01: PostgreSQL's admin_shutdown; 70100: MySQL's "query interrupted".
        boolean expected = state.startsWith("08") || (kind == TestDatabases.Kind.POSTGRES ? state.equals("57P01") : state.equals("70100"));
        assertTrue(expected, "SQLSTATE " + state + " does not say the connection was lost: " + e);
        assertTrue(e.getCause() instanceof SQLException, "the driver's exception should be the cause: " + e.getCause());
    }

    private static void assertNothingWritten(DataSource ds) throws SQLException {
        for (String table : List.of("bk_booking", "bk_booking_resource", "bk_transition", "bk_outbox")) {
            assertEquals(0, count(ds, table), table + " must hold nothing of the failed unit");
        }
    }

    private static void assertStoreStillWorks(JdbcBookingStore store, TestDatabases.Kind kind) {
        Booking again = booking("after-the-fault", NOW.plus(Duration.ofDays(1)));
        store.inUnitOfWork(TENANT, List.of(ROOM), unit -> {
            assertTrue(unit.findOverlapping(List.of(ROOM), again.occupied()).isEmpty(), "the failed booking must not exist");
            unit.insert(again);
            unit.enqueue(message(again));
            return null;
        });
        assertEquals(Optional.of(again), store.reads(TENANT).findBooking(again.id()));
        assertEquals(1, store.outbox().claimDueMessages(NOW, 10, Duration.ofMinutes(1)).size());
        assertFalse(store.resources(TENANT).isEmpty(), kind + ": reads work too");
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")) {
            ps.setString(1, TENANT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Resource room() {
        return Resource.of(TENANT, ROOM, "Room one", OpeningHours.parse("Mo-Su 00:00-24:00", ZoneOffset.UTC));
    }

    private static Booking booking(String id, Instant start) {
        Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(30)));
        return new Booking(id, TENANT, List.of(ROOM), "ana", CLASS.name(), interval, interval, 1, BookingStatus.CONFIRMED,
                0, Optional.empty(), Optional.of("key-" + id), "hash", Locale.ENGLISH, NOW, NOW, Optional.empty(), false, Optional.empty(),
                List.of(new Transition(Optional.empty(), BookingStatus.CONFIRMED, Actor.customer(TENANT, "ana"), NOW, "")));
    }

    private static OutboxMessage message(Booking b) {
        return new OutboxMessage(UUID.randomUUID().toString(), TENANT, b.id(), NotificationKind.CONFIRMED, Optional.empty(),
                b.customerId(), Locale.ENGLISH, NOW, b.id() + ":CONFIRMED:0", 0);
    }
}
