package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationKind;
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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.Interval;

/**
 * Strings an attacker or an unlucky user might send, as tenant ids, resource ids and names,
 * customer and actor ids, idempotency keys and reasons, travel through the engine and the store
 * and come back unchanged, are stored as they are (read back with plain SQL), never leak into
 * another tenant, and leave every table in place.
 */
class HostileInputTest {

    private static final Instant NOW = Instant.parse("2026-09-14T09:00:00Z");
    private static final OpeningHours HOURS = OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("Asia/Tokyo"));
    private static final ServiceTemplate INSTANT = ServiceTemplate.builder("it's a \"class\"; DROP TABLE bk_transition; --")
            .duration(Duration.ofMinutes(30)).build();
    private static final ServiceTemplate MANUAL = ServiceTemplate.builder("manual %_ \\")
            .duration(Duration.ofMinutes(30)).requiresConfirmation(Duration.ofHours(12)).build();
    private static final List<String> TABLES = List.of("bk_resource", "bk_booking", "bk_booking_resource", "bk_transition",
            "bk_outbox", "bk_customer_lock");

    /** Each is a valid id: not blank, at most 128 UTF-16 units, no control characters. */
    static final List<String> HOSTILE = List.of(
            "o'brien",
            "''",
            "say \"cheese\"",
            "'; DROP TABLE bk_booking; --",
            "\"; DROP TABLE bk_resource; --",
            "') OR ('1'='1",
            "back\\slash \\' \\\" \\\\ \\0 \\n",
            "100% sure",
            "%",
            "_",
            "a_b%c",
            "%%'%_",
            "/* comment */ -- line # hash ;",
            "*/ /*",
            "$1 ? ?? :name {fn now()} {d '2020-01-01'} ${x} %s",
            "NULL",
            "inner  spaces and a trailing no-break space\u00a0",
            "emoji 😀 👩‍👩‍👧 🇳🇵 ñ ü ß 中文 日本語",
            "\u202Eevil override\u202C עברית العربية",
            "\uFEFFbom \u200Bzero-width",
            "x".repeat(128),
            "é".repeat(128),
            "😀".repeat(64));

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void hostileStringsRoundTripThroughTheEngineAndTheStore(TestDatabases.Kind kind) throws SQLException {
        HikariDataSource pool = TestDatabases.freshPool(kind, 4);
        pools.add(pool);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        List<Notification> sent = new CopyOnWriteArrayList<>();
        BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(INSTANT, MANUAL)).notifications(sent::add).build();

        // A bystander tenant, which no hostile string may touch or see.
        Resource decoyRoom = new Resource("decoy", "decoy-room", "Decoy", HOURS, 2);
        engine.resources().register(decoyRoom);
        Booking decoy = engine.book(request(INSTANT, "decoy-room", NOW.plus(Duration.ofDays(1))).build(),
                Actor.customer("decoy", "decoy-customer"));

        List<String> failures = new ArrayList<>();
        for (String s : HOSTILE) {
            try {
                roundTrip(engine, store, pool, s, sent);
            } catch (AssertionError | RuntimeException e) {
                failures.add(describe(s) + ": " + e);
            }
        }
        assertEquals(List.of(), failures, kind + ": hostile strings that did not round-trip");

        // Every hostile tenant sees exactly its own data, afterwards too.
        for (String s : HOSTILE) {
            assertEquals(List.of(s), store.resources(s).stream().map(Resource::id).toList(), describe(s));
            assertEquals(2, store.reads(s).findByCustomer(s, Interval.of(NOW, NOW.plus(Duration.ofDays(30)))).size(), describe(s));
            store.reads(s).findByCustomer(s, Interval.of(NOW, NOW.plus(Duration.ofDays(30))))
                    .forEach(b -> assertEquals(s, b.tenantId(), describe(s)));
        }
        assertEquals(List.of(decoyRoom), store.resources("decoy"));
        assertEquals(Optional.of(decoy), store.reads("decoy").findBooking(decoy.id()));
        assertEquals(List.of(decoy), store.reads("decoy").findOverlapping(List.of("decoy-room"),
                Interval.of(NOW, NOW.plus(Duration.ofDays(30)))));

        // The tables are all still there, holding what was written.
        assertEquals(HOSTILE.size() + 1, countAll(pool, "bk_resource"));
        assertEquals(2L * HOSTILE.size() + 1, countAll(pool, "bk_booking"));
        assertEquals(2L * HOSTILE.size() + 1, countAll(pool, "bk_booking_resource"));
        assertEquals(4L * HOSTILE.size() + 1, countAll(pool, "bk_transition"));
        assertEquals(0, countAll(pool, "bk_outbox"), "every notification was delivered");
    }

    /**
     * Ids that a case-insensitive or accent-insensitive comparison would take for the same are
     * different tenants, resources and customers. (A trailing no-break space is no space to a
     * PAD SPACE collation either.)
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void idsThatDifferOnlyInCaseOrAccentsNeverMeet(TestDatabases.Kind kind) {
        HikariDataSource pool = TestDatabases.freshPool(kind, 4);
        pools.add(pool);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(INSTANT)).build();
        List<String> lookalikes = List.of("acme", "ACME", "Acme", "acme\u00a0", "\u00e9", "e\u0301", "\u00c9");
        List<String> failures = new ArrayList<>();
        for (String id : lookalikes) {
            try {
                engine.resources().register(new Resource(id, id, "name of " + describe(id), HOURS, 1));
                engine.resources().register(new Resource("shared", id, "shared " + describe(id), HOURS, 1));
                // The same slot everywhere: one-seat resources, so any two that met would conflict.
                engine.book(request(INSTANT, id, NOW.plus(Duration.ofDays(1))).idempotencyKey(id).build(),
                        Actor.customer(id, id));
                engine.book(request(INSTANT, id, NOW.plus(Duration.ofDays(1))).customer(id).idempotencyKey(id).build(),
                        Actor.admin("shared", "admin"));
            } catch (RuntimeException e) {
                failures.add(describe(id) + ": " + e);
            }
        }
        Interval month = Interval.of(NOW, NOW.plus(Duration.ofDays(30)));
        for (String id : lookalikes) {
            List<Resource> own = store.resources(id);
            if (own.size() != 1 || !own.get(0).tenantId().equals(id) || !own.get(0).id().equals(id)
                    || !own.get(0).name().equals("name of " + describe(id))) {
                failures.add(describe(id) + ": tenant's resources are " + own);
            }
            List<Booking> mine = store.reads(id).findByCustomer(id, month);
            if (mine.size() != 1 || !mine.get(0).tenantId().equals(id) || !mine.get(0).customerId().equals(id)) {
                failures.add(describe(id) + ": tenant's bookings are " + mine);
            }
            List<Booking> shared = store.reads("shared").findByCustomer(id, month);
            if (shared.size() != 1 || !shared.get(0).customerId().equals(id) || !shared.get(0).resourceId().equals(id)) {
                failures.add(describe(id) + ": bookings in the shared tenant are " + shared);
            }
        }
        if (store.resources("shared").size() != lookalikes.size()) {
            failures.add("shared tenant has resources " + store.resources("shared").stream().map(Resource::id)
                    .map(HostileInputTest::describe).toList());
        }
        assertEquals(List.of(), failures, kind + ": ids that differ must stay apart");
    }

    /**
     * MariaDB and MySQL compare {@code utf8mb4_bin} strings with PAD SPACE: {@code "acme "} equals
     * {@code "acme"} there, in keys and in every WHERE clause, so tenant {@code "acme "} would read
     * and overwrite tenant {@code "acme"}'s rows. Ids with whitespace at either end are refused
     * before they reach any store.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void idsWithSurroundingWhitespaceAreRefusedBeforeTheyReachTheDatabase(TestDatabases.Kind kind) {
        HikariDataSource pool = TestDatabases.freshPool(kind, 2);
        pools.add(pool);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(INSTANT)).build();
        engine.resources().register(new Resource("acme", "chair", "Chair", HOURS, 1));
        Booking original = engine.book(request(INSTANT, "chair", NOW.plus(Duration.ofDays(1))).idempotencyKey("key").build(),
                Actor.customer("acme", "ana"));

        for (String padded : List.of("acme ", "acme  ", " acme", "acme\u3000")) {
            assertThrows(InvalidRequestException.class, () -> new Resource(padded, "chair", "Chair", HOURS, 1));
            assertThrows(InvalidRequestException.class, () -> Actor.customer(padded, "ana"));
        }
        assertThrows(InvalidRequestException.class, () -> new Resource("acme", "chair ", "Impostor", HOURS, 1));
        assertThrows(InvalidRequestException.class, () -> Actor.customer("acme", "ana "));
        assertThrows(InvalidRequestException.class, () -> request(INSTANT, "chair ", NOW).build());
        assertThrows(InvalidRequestException.class, () -> request(INSTANT, "chair", NOW).idempotencyKey("key ").build());
        assertThrows(InvalidRequestException.class, () -> request(INSTANT, "chair", NOW).customer("ana ").build());

        assertEquals(List.of(new Resource("acme", "chair", "Chair", HOURS, 1)), store.resources("acme"));
        assertEquals(Optional.of(original), store.reads("acme").findBooking(original.id()));
    }

    // ---- one hostile string --------------------------------------------------------------------

    private static void roundTrip(BookingEngine engine, JdbcBookingStore store, DataSource ds, String s,
                                  List<Notification> sent) throws SQLException {
        String name = s + "\nsecond line of the name";
        Resource resource = new Resource(s, s, name, HOURS, 2);
        engine.resources().register(resource);
        assertEquals(Optional.of(resource), store.findResource(s, s));
        assertEquals(List.of(resource), store.resources(s));
        assertEquals(name, rawString(ds, "SELECT name FROM bk_resource WHERE tenant_id = ? AND id = ?", s, s));

        Actor customer = Actor.customer(s, s);
        Instant start = NOW.plus(Duration.ofDays(2));
        BookingRequest first = request(INSTANT, s, start).idempotencyKey(s).build();
        Booking booked = engine.book(first, customer);
        assertEquals(s, booked.tenantId());
        assertEquals(List.of(s), booked.resourceIds());
        assertEquals(s, booked.customerId());
        assertEquals(Optional.of(s), booked.idempotencyKey());
        assertEquals(Optional.of(booked), store.reads(s).findBooking(booked.id()));
        assertEquals(s, rawString(ds, "SELECT idempotency_key FROM bk_booking WHERE tenant_id = ? AND id = ?", s, booked.id()));
        assertEquals(s, rawString(ds, "SELECT resource_id FROM bk_booking_resource WHERE tenant_id = ? AND booking_id = ?",
                s, booked.id()));
        assertEquals(booked, engine.book(first, customer), "the idempotency key finds the first booking");
        Interval day = Interval.of(start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(1)));
        assertEquals(List.of(booked), store.reads(s).findByCustomer(s, day));
        assertEquals(List.of(booked), store.reads(s).findOverlapping(List.of(s), day));

        String cancelReason = "cancelled: " + s + "\nsecond line\r\n\tindented third; -- not a comment";
        Booking cancelled = engine.cancel(booked.id(), Actor.admin(s, s), cancelReason);
        Booking storedCancel = store.reads(s).findBooking(booked.id()).orElseThrow();
        assertEquals(cancelled, storedCancel);
        assertEquals(BookingStatus.CANCELLED, storedCancel.status());
        assertEquals(cancelReason, storedCancel.history().get(1).reason());
        assertEquals(Actor.admin(s, s), storedCancel.history().get(1).actor());
        assertEquals(cancelReason, rawString(ds, "SELECT reason FROM bk_transition WHERE tenant_id = ? AND booking_id = ? "
                + "AND seq = 1", s, booked.id()));

        Booking pending = engine.book(request(MANUAL, s, start).build(), customer);
        assertEquals(BookingStatus.PENDING, pending.status());
        String declineReason = "declined '" + s + "'\n\"quoted\" \\ %_ \n";
        Actor staff = Actor.staff(s, s, Set.of(s));
        Booking declined = engine.decline(pending.id(), staff, declineReason);
        Booking storedDecline = store.reads(s).findBooking(pending.id()).orElseThrow();
        assertEquals(declined, storedDecline);
        assertEquals(declineReason, storedDecline.history().get(1).reason());
        assertEquals(staff, storedDecline.history().get(1).actor(), "the staff member's resources round-trip too");

        List<Notification> mine = sent.stream().filter(n -> n.booking().tenantId().equals(s)).toList();
        assertEquals(List.of(NotificationKind.CONFIRMED, NotificationKind.CANCELLED, NotificationKind.REQUESTED,
                NotificationKind.DECLINED), mine.stream().map(Notification::kind).toList());
        mine.forEach(n -> assertEquals(s, n.recipient()));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static BookingRequest.Builder request(ServiceTemplate template, String resource, Instant start) {
        return BookingRequest.builder().template(template.name()).resource(resource).start(start);
    }

    private static String rawString(DataSource ds, String sql, String... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    fail("no row for " + sql);
                }
                String value = rs.getString(1);
                if (rs.next()) {
                    fail("more than one row for " + sql);
                }
                return value;
            }
        }
    }

    private static long countAll(DataSource ds, String table) throws SQLException {
        assertTrue(TABLES.contains(table));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The string with its invisible characters spelled out, for failure messages. */
    static String describe(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.NON_SPACING_MARK
                    || (type == Character.SPACE_SEPARATOR && cp != ' ')) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append("\" (").append(s.length()).append(" chars)").toString();
    }
}
