package io.bookingkit.jdbc;

import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.booking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.Interval;

/**
 * A database created by the first release's {@code V1} script, the way its {@code Schema.create}
 * did (no version table), holding bookings with and without idempotency keys, is brought to the
 * current version by {@link Schema#create}, and the store then works on it: old bookings are
 * found by their keys, taken keys stay taken, bookings without keys no longer share a
 * unique-key value, old bookings are no waitlist offers, and waitlist entries and scheduled tasks
 * (version 4) are stored. Own table prefix, so the tables other tests share are never touched.
 */
class SchemaMigrationTest {

    private static final String PREFIX = "m_";
    private static final List<String> TABLES = TestDatabases.tablesAndHistory(PREFIX);

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aVersionOneDatabaseIsUpgradedAndKeepsItsBookings(TestDatabases.Kind kind) throws SQLException {
        HikariDataSource pool = TestDatabases.pool(kind, 3);
        pools.add(pool);
        Dialect dialect = Dialects.detect(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String sql : Schema.statements(Schema.scripts(dialect).get(0).sql().replace("bk_", PREFIX))) {
                s.execute(sql);
            }
            s.execute("INSERT INTO m_resource (tenant_id, id, name, zone_id, hours, max_window_seconds, capacity) "
                    + "VALUES ('acme', 'room-1', 'Room', 'UTC', 'Mo-Su 06:00-22:00', 86400, 1)");
            s.execute("INSERT INTO m_customer_lock (tenant_id, customer_id) VALUES ('acme', 'cust-1')");
            insertVersionOneBooking(c, dialect, "old-keyed", "key-1", "2031-03-12T10:00:00Z");
            insertVersionOneBooking(c, dialect, "old-plain-1", null, "2031-03-13T10:00:00Z");
            insertVersionOneBooking(c, dialect, "old-plain-2", null, "2031-03-14T10:00:00Z");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        Schema.create(pool, PREFIX);

        assertEquals(TestDatabases.SCHEMA_VERSIONS, column(pool, "SELECT version FROM m_schema_version ORDER BY version"));
        assertEquals(Schema.scripts(dialect).size(), TestDatabases.SCHEMA_VERSIONS.size(), "the test knows every shipped script");
        assertEquals(List.of("k:key-1", "b:old-plain-1", "b:old-plain-2"),
                column(pool, "SELECT request_key FROM m_booking ORDER BY start_at"));
        assertEquals(List.of("0"), column(pool, "SELECT lock_version FROM m_resource"));
        assertEquals(List.of("m_booking_request_key"), column(pool, "SELECT LOWER(constraint_name) FROM "
                + "information_schema.table_constraints WHERE LOWER(constraint_name) LIKE 'm_booking_%' "
                + "AND constraint_type = 'UNIQUE'"), "the nullable idempotency key is no longer a unique key");
        assertEquals(List.of("0"), column(pool, "SELECT lock_version FROM m_customer_lock"));

        JdbcBookingStore store = JdbcBookingStore.builder(pool).tablePrefix(PREFIX).build();
        Optional<Booking> byKey = unit(store, u -> u.findByIdempotencyKey("key-1"));
        assertEquals("old-keyed", byKey.orElseThrow().id(), "an old booking is found by its idempotency key");
        assertEquals(Optional.empty(), unit(store, u -> u.findBooking("old-plain-1")).orElseThrow().idempotencyKey());
        assertEquals(Optional.empty(), unit(store, u -> u.findBooking("old-keyed")).orElseThrow().waitlistEntryId(),
                "a booking from before version 4 is no waitlist offer");

        Booking taken = booking("new-keyed").time("12:00:00", "13:00:00").key("key-1").build();
        assertThrows(DuplicateBookingException.class, () -> unit(store, u -> {
            u.insert(taken);
            return null;
        }), "an idempotency key taken before the upgrade stays taken");

        unit(store, u -> {
            u.insert(booking("new-plain-1").time("12:00:00", "13:00:00").build());
            u.insert(booking("new-plain-2").time("14:00:00", "15:00:00").build());
            u.lockCustomer("cust-1");
            return null;
        });
        assertEquals(List.of("b:new-plain-1", "b:new-plain-2"),
                column(pool, "SELECT request_key FROM m_booking WHERE id LIKE 'new-%' ORDER BY id"));
        assertTrue(Long.parseLong(column(pool, "SELECT lock_version FROM m_resource").get(0)) > 0,
                "the lock step writes the resource row it locks");
        assertEquals(List.of("1"), column(pool, "SELECT lock_version FROM m_customer_lock"),
                "the customer lock writes its row");

        WaitlistEntry entry = new WaitlistEntry("w-1", TENANT, "cust-2", "consult", List.of("room-1"),
                Interval.of(Instant.parse("2031-03-12T10:00:00Z"), Instant.parse("2031-03-12T11:00:00Z")), 1,
                WaitlistStatus.WAITING, 1, Optional.empty(), Locale.ENGLISH, Instant.parse("2031-03-01T09:00:00Z"),
                Instant.parse("2031-03-01T09:00:00Z"), 0);
        Booking offer = booking("new-offer").time("16:00:00", "17:00:00").customer("cust-2").status(BookingStatus.HELD)
                .expiresAt(Instant.parse("2031-03-12T09:00:00Z")).waitlistEntry("w-1").build();
        ScheduledTask expiry = new ScheduledTask(TENANT, ScheduledTask.Kind.EXPIRE_BOOKING, offer.id(),
                Instant.parse("2031-03-12T09:00:00Z"));
        unit(store, u -> {
            u.insertEntry(entry);
            u.insert(offer);
            u.schedule(expiry);
            return null;
        });
        assertEquals(List.of(entry), store.reads(TENANT).findEntries(List.of("room-1"), Interval.of(
                Instant.parse("2031-03-12T00:00:00Z"), Instant.parse("2031-03-13T00:00:00Z"))));
        assertEquals(Optional.of("w-1"), store.reads(TENANT).findBooking("new-offer").orElseThrow().waitlistEntryId());
        assertEquals(List.of(expiry), store.tasks().claimDue(expiry.dueAt(), 10, Duration.ofMinutes(1)));
        Boolean completed = store.inUnitOfWork(TENANT, List.of(), u -> u.completeTask(expiry.kind(), expiry.subject()));
        assertTrue(completed, "the claimed task was there to complete");

        Schema.create(pool, PREFIX);
        assertEquals(TestDatabases.SCHEMA_VERSIONS, column(pool, "SELECT version FROM m_schema_version ORDER BY version"),
                "a second create applies nothing");
    }

    private static <T> T unit(JdbcBookingStore store, java.util.function.Function<UnitOfWork, T> work) {
        return store.inUnitOfWork(TENANT, List.of("room-1"), work);
    }

    /** A confirmed one-hour booking of cust-1 on room-1, with its history, written as version 1 stored it. */
    private static void insertVersionOneBooking(Connection c, Dialect dialect, String id, String key, String start)
            throws SQLException {
        Instant from = Instant.parse(start);
        Instant to = from.plusSeconds(3600);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO m_booking (tenant_id, id, customer_id, "
                + "template_name, start_at, end_at, occupied_start, occupied_end, party_size, status, version, series_id, "
                + "idempotency_key, request_hash, locale, created_at, updated_at, expires_at, forced) "
                + "VALUES ('acme', ?, 'cust-1', 'consult', ?, ?, ?, ?, 1, 'CONFIRMED', 0, NULL, ?, 'h', 'en', ?, ?, NULL, ?)")) {
            ps.setString(1, id);
            dialect.setInstant(ps, 2, from);
            dialect.setInstant(ps, 3, to);
            dialect.setInstant(ps, 4, from);
            dialect.setInstant(ps, 5, to);
            ps.setString(6, key);
            dialect.setInstant(ps, 7, from.minusSeconds(86400));
            dialect.setInstant(ps, 8, from.minusSeconds(86400));
            ps.setBoolean(9, false);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO m_booking_resource (tenant_id, booking_id, "
                + "resource_id, position, occupied_start, occupied_end, status, one_seat, forced) "
                + "VALUES ('acme', ?, 'room-1', 0, ?, ?, 'CONFIRMED', ?, ?)")) {
            ps.setString(1, id);
            dialect.setInstant(ps, 2, from);
            dialect.setInstant(ps, 3, to);
            ps.setBoolean(4, true);
            ps.setBoolean(5, false);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO m_transition (tenant_id, booking_id, seq, "
                + "from_status, to_status, actor_id, actor_role, actor_resources, happened_at, reason) "
                + "VALUES ('acme', ?, 0, NULL, 'CONFIRMED', 'cust-1', 'CUSTOMER', '', ?, 'booked')")) {
            ps.setString(1, id);
            dialect.setInstant(ps, 2, from.minusSeconds(86400));
            ps.executeUpdate();
        }
    }

    private static List<String> column(HikariDataSource pool, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
