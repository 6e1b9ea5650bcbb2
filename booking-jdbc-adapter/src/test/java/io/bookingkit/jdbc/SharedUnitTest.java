package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.policy.BookingCheck;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * PostgreSQL books a one-seat resource in a shared unit, with the exclusion constraint in place of
 * the overlap read: whatever that unit cannot judge goes the locked way, and is then refused or
 * booked exactly as the locked way alone would (an engine with a rule of its own takes that way
 * for every booking). Which way a committed booking went shows in the resource row's lock
 * counter, which only the locked way writes.
 */
class SharedUnitTest {

    private static final String TENANT = "shared";
    private static final Instant NOW = Instant.parse("2027-05-03T06:00:00Z");
    private static final Instant TEN = Instant.parse("2027-05-04T10:00:00Z");
    private static final OpeningHours ALWAYS = OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("Europe/Madrid"));
    private static final ServiceTemplate HOUR = ServiceTemplate.builder("hour").duration(Duration.ofHours(1))
            .holdDuration(Duration.ofMinutes(10)).build();

    private HikariDataSource pool;
    private JdbcBookingStore store;
    private final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
    private BookingEngine engine;
    /** The same engine with a rule of the application's own, which sends every booking the locked way. */
    private BookingEngine locked;

    @BeforeEach
    void start() {
        pool = TestDatabases.freshPool(TestDatabases.Kind.POSTGRES, 4);
        store = JdbcBookingStore.create(pool);
        store.saveResource(new Resource(TENANT, "chair", "Chair", ALWAYS, 1));
        engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(HOUR))
                .notificationsDeliveredElsewhere().build();
        locked = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(HOUR))
                .notificationsDeliveredElsewhere().rule((check, report) -> { }).build();
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void aFreeTimeIsBookedWithoutWritingTheResourceRow() throws SQLException {
        assertTrue(store.offersSharedUnits());
        long before = lockVersion();
        Booking booked = book(engine, "ana", TEN);

        assertEquals(before, lockVersion(), "the shared way writes nothing to the resource row");
        assertEquals(BookingStatus.CONFIRMED, booked.status());
        assertEquals(booked, store.reads(TENANT).findBooking(booked.id()).orElseThrow());
        assertEquals(1, store.outbox().backlog(TEN).due(), "the notification is written with the booking");
        locked.book(request(TEN.plus(Duration.ofHours(2))), Actor.customer(TENANT, "bea"));
        assertEquals(before + 1, lockVersion(), "the control: the locked way writes the row");
    }

    @Test
    void anOverlapRefusedByTheConstraintIsRefusedAsTheLockedWayRefusesIt() throws SQLException {
        Booking first = book(engine, "ana", TEN);

        SlotUnavailableException shared = assertThrows(SlotUnavailableException.class,
                () -> book(engine, "bea", TEN.plus(Duration.ofMinutes(30))));
        SlotUnavailableException exact = assertThrows(SlotUnavailableException.class,
                () -> book(locked, "bea", TEN.plus(Duration.ofMinutes(30))));

        assertEquals(exact.violations(), shared.violations());
        assertEquals(exact.conflicts(), shared.conflicts());
        assertEquals(first.id(), shared.conflicts().get(0).bookingId());
        assertEquals(1, store.reads(TENANT).findOverlapping(List.of("chair"),
                org.threeten.extra.Interval.of(TEN, Duration.ofHours(3))).size(), "nothing of the refused one is left");
    }

    @Test
    void aForcedBookingInTheWayIsSeenThoughTheConstraintDoesNotCoverIt() throws SQLException {
        Booking first = book(engine, "ana", TEN);
        Booking forced = engine.book(BookingRequest.builder().template(HOUR.name()).resource("chair")
                .start(TEN.plus(Duration.ofMinutes(30))).customer("bea").forceOverlap("a regular").build(),
                Actor.admin(TENANT, "boss"));
        assertTrue(forced.forced());
        engine.cancel(first.id(), Actor.admin(TENANT, "boss"), "moved elsewhere");

        SlotUnavailableException refused = assertThrows(SlotUnavailableException.class,
                () -> book(engine, "cai", TEN.plus(Duration.ofMinutes(60))));
        assertEquals(forced.id(), refused.conflicts().get(0).bookingId());
        assertEquals(refused.violations(), assertThrows(SlotUnavailableException.class,
                () -> book(locked, "cai", TEN.plus(Duration.ofMinutes(60)))).violations());
    }

    @Test
    void bookingsMadeWhileTheResourceHadMoreSeatsAreSeenThoughTheConstraintDoesNotCoverThem() throws SQLException {
        store.saveResource(new Resource(TENANT, "chair", "Chair", ALWAYS, 2));
        Booking first = book(engine, "ana", TEN);
        store.saveResource(new Resource(TENANT, "chair", "Chair", ALWAYS, 1));
        // The store takes a resource it last read with more seats the locked way at once; read
        // it again, so that the shared unit runs and has to see the row itself.
        store.findResource(TENANT, "chair");

        SlotUnavailableException refused = assertThrows(SlotUnavailableException.class,
                () -> book(engine, "bea", TEN.plus(Duration.ofMinutes(30))));
        assertEquals(first.id(), refused.conflicts().get(0).bookingId());
    }

    @Test
    void aHoldPastItsExpiryIsExpiredTheLockedWayAndItsTimeBooked() throws SQLException {
        Booking held = engine.hold(request(TEN), Actor.customer(TENANT, "ana"));
        assertEquals(BookingStatus.HELD, held.status());
        clock.add(Duration.ofMinutes(11));
        long before = lockVersion();

        Booking booked = book(engine, "bea", TEN);
        assertEquals(before + 1, lockVersion(), "the constraint refused the shared unit over the hold's row");
        assertEquals(BookingStatus.CONFIRMED, booked.status());
        assertEquals(BookingStatus.EXPIRED, store.reads(TENANT).findBooking(held.id()).orElseThrow().status());
    }

    @Test
    void aRepeatedRequestIsAnsweredWithTheFirstBooking() throws SQLException {
        BookingRequest keyed = BookingRequest.builder().template(HOUR.name()).resource("chair").start(TEN)
                .idempotencyKey("once").build();
        Booking first = engine.book(keyed, Actor.customer(TENANT, "ana"));
        long before = lockVersion();

        assertEquals(first, engine.book(keyed, Actor.customer(TENANT, "ana")));
        assertEquals(before, lockVersion(), "the replay is read in the shared unit");
    }

    @Test
    void aResourceWithSeveralSeatsGoesTheLockedWay() throws SQLException {
        store.saveResource(new Resource(TENANT, "chair", "Chair", ALWAYS, 2));
        long before = lockVersion();
        book(engine, "ana", TEN);
        book(engine, "bea", TEN);

        assertEquals(before + 2, lockVersion());
        assertThrows(SlotUnavailableException.class, () -> book(engine, "cai", TEN));
    }

    @Test
    void anApplicationRuleThatReadsNoBookingsKeepsTheSharedWay() throws SQLException {
        BookingEngine ruled = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(HOUR))
                .rule(new BookingRule() {
                    @Override
                    public void check(BookingCheck check, Consumer<Violation> report) {
                        if (check.customer().customerId().equals(Optional.of("banned"))) {
                            report.accept(Violation.of("banned"));
                        }
                    }

                    @Override
                    public boolean readsBookings() {
                        return false;
                    }
                }).build();
        long before = lockVersion();
        book(ruled, "ana", TEN);
        assertEquals(before, lockVersion());

        PolicyViolationException refused = assertThrows(PolicyViolationException.class,
                () -> book(ruled, "banned", TEN.plus(Duration.ofHours(2))));
        assertEquals(List.of("banned"), refused.codes());
    }

    @Test
    void otherDatabasesOfferNoSharedUnits() {
        try (HikariDataSource h2 = TestDatabases.freshPool(TestDatabases.Kind.H2, 1)) {
            JdbcBookingStore other = JdbcBookingStore.create(h2);
            assertFalse(other.offersSharedUnits());
            assertTrue(other.inSharedUnitOfWork(TENANT, "chair", org.threeten.extra.Interval.of(TEN, Duration.ofHours(1)),
                    unit -> "ran", io.bookingkit.spi.UnitProbe.NONE).isEmpty());
        }
    }

    private static BookingRequest request(Instant start) {
        return BookingRequest.builder().template(HOUR.name()).resource("chair").start(start).build();
    }

    private static Booking book(BookingEngine engine, String customer, Instant start) {
        return engine.book(request(start), Actor.customer(TENANT, customer));
    }

    private long lockVersion() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT lock_version FROM bk_resource WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, TENANT);
            ps.setString(2, "chair");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }
}
