package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.notify.OutboxMessage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.Interval;

/**
 * Instants written through the store are stored as the UTC instants themselves, whatever the
 * session's time zone (TestDatabases gives every session one that is neither UTC nor the JVM's),
 * and keep their microseconds. Each stored value is read back with plain SQL that does not go
 * through the dialect: as the UTC wall-clock text the database formats itself, and as seconds
 * since the epoch where the database can say that without a session zone.
 */
class StoredInstantsTest {

    private static final String TENANT = "instants";
    private static final String HALL = "hall";
    private static final DateTimeFormatter UTC_WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Instant CREATED = Instant.parse("2026-02-01T08:09:10.111111Z");

    /** Starts whose UTC wall-clock time is awkward in the sessions' zones, each with microseconds. */
    private static final List<Instant> STARTS = List.of(
            Instant.parse("2026-07-01T10:15:30.123456Z"),
            Instant.parse("2026-03-08T02:30:00.000001Z"),  // the wall time is in St. John's spring gap (H2's session)
            Instant.parse("2026-11-01T01:30:00.250000Z"),  // and in its autumn overlap
            Instant.parse("2026-09-27T03:00:00.999999Z"),  // in Chatham's spring gap (PostgreSQL's session)
            Instant.parse("2026-04-05T03:00:00.000500Z"),  // in Chatham's autumn overlap
            Instant.parse("2026-09-26T13:59:59.999999Z"),  // one microsecond before Chatham's clocks jump
            Instant.parse("1999-12-31T23:59:59.999999Z"),
            Instant.parse("2038-01-19T03:14:07.000001Z"),  // past the 32-bit epoch seconds
            Instant.parse("2028-02-29T23:59:59.000009Z"));

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void instantsAreStoredAsUtcToTheMicrosecondWhateverTheSessionZone(TestDatabases.Kind kind) throws SQLException {
        HikariDataSource pool = TestDatabases.freshPool(kind, 2);
        pools.add(pool);
        assertSessionZoneIsNotUtc(kind, pool);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(hall());

        List<Booking> written = new ArrayList<>();
        for (int i = 0; i < STARTS.size(); i++) {
            written.add(booking("b" + i, STARTS.get(i)));
        }
        store.inUnitOfWork(TENANT, List.of(HALL), unit -> {
            written.forEach(unit::insert);
            return null;
        });

        for (Booking b : written) {
            assertEquals(Optional.of(b), store.reads(TENANT).findBooking(b.id()), "read back through the store");
            Map<String, Instant> columns = new LinkedHashMap<>();
            columns.put("start_at", b.interval().getStart());
            columns.put("end_at", b.interval().getEnd());
            columns.put("occupied_start", b.occupied().getStart());
            columns.put("occupied_end", b.occupied().getEnd());
            columns.put("created_at", b.createdAt());
            columns.put("expires_at", b.expiresAt().orElseThrow());
            for (Map.Entry<String, Instant> column : columns.entrySet()) {
                assertStored(kind, pool, "bk_booking", column.getKey(), "id", b.id(), column.getValue());
            }
            assertStored(kind, pool, "bk_booking_resource", "occupied_start", "booking_id", b.id(), b.occupied().getStart());
            assertStored(kind, pool, "bk_transition", "happened_at", "booking_id", b.id(), b.history().get(0).at());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void nanosecondsAreCutToMicrosecondsAndMicrosecondsDecideOverlapsAndDueTimes(TestDatabases.Kind kind)
            throws SQLException {
        HikariDataSource pool = TestDatabases.freshPool(kind, 2);
        pools.add(pool);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(hall());

        // Nanoseconds are cut, not rounded: .123456789 is stored as .123456.
        Instant withNanos = Instant.parse("2026-08-01T10:15:30.123456789Z");
        Booking nanos = booking("nanos", withNanos);
        store.inUnitOfWork(TENANT, List.of(HALL), unit -> {
            unit.insert(nanos);
            return null;
        });
        Booking read = store.reads(TENANT).findBooking("nanos").orElseThrow();
        assertEquals(withNanos.truncatedTo(ChronoUnit.MICROS), read.interval().getStart());
        assertStored(kind, pool, "bk_booking", "start_at", "id", "nanos", Instant.parse("2026-08-01T10:15:30.123456Z"));

        // A booking occupies [start, end): a range ending at its first microsecond misses it, one
        // microsecond later meets it; likewise at its end.
        Booking b = booking("edges", STARTS.get(0));
        store.inUnitOfWork(TENANT, List.of(HALL), unit -> {
            unit.insert(b);
            return null;
        });
        Instant occupiedStart = b.occupied().getStart();
        Instant occupiedEnd = b.occupied().getEnd();
        assertEquals(List.of(), ids(store.reads(TENANT).findOverlapping(List.of(HALL),
                Interval.of(occupiedStart.minusSeconds(60), occupiedStart))));
        assertEquals(List.of("edges"), ids(store.reads(TENANT).findOverlapping(List.of(HALL),
                Interval.of(occupiedStart.minusSeconds(60), occupiedStart.plusNanos(1000)))));
        assertEquals(List.of(), ids(store.reads(TENANT).findOverlapping(List.of(HALL),
                Interval.of(occupiedEnd, occupiedEnd.plusSeconds(60)))));
        assertEquals(List.of("edges"), ids(store.reads(TENANT).findOverlapping(List.of(HALL),
                Interval.of(occupiedEnd.minusNanos(1000), occupiedEnd.plusSeconds(60)))));

        // An outbox message due at a microsecond is not due one microsecond earlier.
        Instant due = Instant.parse("2026-03-08T02:30:00.000007Z");
        OutboxMessage message = new OutboxMessage("m-1", TENANT, "edges", NotificationKind.REMINDER, Optional.empty(), "ana",
                Locale.ENGLISH, due, "edges:reminder", 0);
        store.inUnitOfWork(TENANT, List.of(), unit -> {
            unit.enqueue(message);
            return null;
        });
        assertStored(kind, pool, "bk_outbox", "due_at", "id", "m-1", due);
        assertEquals(List.of(), store.outbox().claimDueMessages(due.minusNanos(1000), 10, Duration.ofMinutes(1)));
        List<OutboxMessage> claimed = store.outbox().claimDueMessages(due, 10, Duration.ofSeconds(1).plusNanos(1000));
        assertEquals(List.of(message), claimed, "claimed at its due instant, with dueAt read back exactly");
        assertStored(kind, pool, "bk_outbox", "claimed_until", "id", "m-1", due.plusSeconds(1).plusNanos(1000));

        // An update keeps microseconds too.
        Instant cancelledAt = Instant.parse("2026-06-30T23:59:59.999999Z");
        Booking cancelled = b.transitioned(BookingStatus.CANCELLED, Actor.admin(TENANT, "admin"), cancelledAt, "moved out");
        store.inUnitOfWork(TENANT, List.of(HALL), unit -> {
            unit.update(cancelled);
            return null;
        });
        assertEquals(Optional.of(cancelled), store.reads(TENANT).findBooking("edges"));
        assertStored(kind, pool, "bk_booking", "updated_at", "id", "edges", cancelledAt);
    }

    // ---- raw reads -----------------------------------------------------------------------------

    /** Reads {@code column} of the row where {@code key = id} with plain SQL, and compares with {@code expected}. */
    private static void assertStored(TestDatabases.Kind kind, DataSource ds, String table, String column, String key,
                                     String id, Instant expected) throws SQLException {
        String where = " FROM " + table + " WHERE " + key + " = ?";
        String wall = UTC_WALL.format(expected);
        String label = table + "." + column + " of " + id;
        switch (kind) {
            case POSTGRES -> {
                assertEquals(wall, one(ds, "SELECT to_char(" + column + " AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS.US')" + where, id), label + " as UTC wall time");
                BigDecimal epoch = (BigDecimal) oneObject(ds, "SELECT extract(epoch from " + column + ")" + where, id);
                assertEquals(0, epochSeconds(expected).compareTo(epoch), label + " in epoch seconds: " + epoch);
            }
            case MARIADB -> {
                // datetime(6) holds the UTC wall time as it is; UNIX_TIMESTAMP() would read it in the
                // session's zone, so the epoch is counted from the wall time's own 1970 instead.
                assertEquals(wall, one(ds, "SELECT DATE_FORMAT(" + column + ", '%Y-%m-%dT%H:%i:%s.%f')" + where, id),
                        label + " as stored wall time");
                Number micros = (Number) oneObject(ds, "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " + column + ")"
                        + where, id);
                assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, expected), micros.longValue(), label + " in epoch µs");
            }
            case H2 -> {
                OffsetDateTime raw = (OffsetDateTime) oneTyped(ds, "SELECT " + column + where, id, OffsetDateTime.class);
                assertEquals(expected, raw.toInstant(), label + " read as OffsetDateTime: " + raw);
                assertEquals(wall, one(ds, "SELECT FORMATDATETIME(" + column + ", 'yyyy-MM-dd''T''HH:mm:ss.SSSSSS', 'en', 'UTC')"
                        + where, id), label + " as UTC wall time");
                BigDecimal epoch = new BigDecimal(one(ds, "SELECT CAST(EXTRACT(EPOCH FROM " + column + ") AS VARCHAR)" + where, id));
                assertEquals(0, epochSeconds(expected).compareTo(epoch), label + " in epoch seconds: " + epoch);
            }
        }
    }

    private static void assertSessionZoneIsNotUtc(TestDatabases.Kind kind, DataSource ds) throws SQLException {
        String zone = switch (kind) {
            case POSTGRES -> one(ds, "SELECT current_setting('TimeZone')");
            case MARIADB -> one(ds, "SELECT @@session.time_zone");
            case H2 -> one(ds, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'");
        };
        assertNotEquals(ZoneOffset.UTC, ZoneId.of(zone).normalized(), "the session zone must not be UTC: " + zone);
        assertNotEquals(ZoneId.systemDefault(), ZoneId.of(zone), "nor the JVM's");
        assertTrue(!ZoneId.systemDefault().normalized().equals(ZoneOffset.UTC), "the JVM zone must not be UTC either");
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    private static String one(DataSource ds, String sql, String... params) throws SQLException {
        Object value = oneObject(ds, sql, params);
        return value == null ? null : value.toString();
    }

    private static Object oneObject(DataSource ds, String sql, String... params) throws SQLException {
        return oneTyped(ds, sql, params.length == 0 ? null : params[0], null);
    }

    private static Object oneTyped(DataSource ds, String sql, String param, Class<?> type) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for " + sql);
                Object value = type == null ? rs.getObject(1) : rs.getObject(1, type);
                assertTrue(!rs.next(), "more than one row for " + sql);
                return value;
            }
        }
    }

    // ---- data ----------------------------------------------------------------------------------

    private static Resource hall() {
        return new Resource(TENANT, HALL, "Hall", OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("Pacific/Chatham")), 50);
    }

    /** A pending booking: every instant column is set, each with its own microseconds. */
    private static Booking booking(String id, Instant start) {
        Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(45)).plusNanos(3000));
        Interval occupied = Interval.of(start.minus(Duration.ofMinutes(10)).minusNanos(1000),
                interval.getEnd().plus(Duration.ofMinutes(5)).plusNanos(2000));
        Instant created = CREATED.plusNanos(Math.floorMod(id.hashCode(), 1000) * 1000L);
        return new Booking(id, TENANT, List.of(HALL), "ana", "instants-class", interval, occupied, 1, BookingStatus.PENDING,
                0, Optional.empty(), Optional.empty(), "hash", Locale.ENGLISH, created, created,
                Optional.of(start.minus(Duration.ofHours(1)).plusNanos(4000)), false, Optional.empty(),
                List.of(new Transition(Optional.empty(), BookingStatus.PENDING, Actor.customer(TENANT, "ana"), created, "")));
    }

    private static List<String> ids(List<Booking> bookings) {
        return bookings.stream().map(Booking::id).toList();
    }
}
