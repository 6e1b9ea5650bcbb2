package io.bookingkit.spi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingNotFoundException;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.booking.Transition;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.UnitProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * The unit-of-work protocol that the core puts around every adapter's unit, on the reference
 * store: adapters only answer (a missing resource is absent, a refused update returns false),
 * and {@link GuardedUnits} turns the answers into the domain's refusals. The store contract in
 * {@code booking-test-support} checks the adapters' side.
 */
class GuardedUnitsTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";
    private static final OpeningHours OPEN_DAILY = OpeningHours.parse("Mo-Su 06:00-22:00", ZoneOffset.UTC);
    private static final Actor BOSS = Actor.admin(TENANT, "boss");
    private static final Instant CREATED = Instant.parse("2031-03-01T09:00:00Z");
    private static final Interval DAY = Interval.of(Instant.parse("2031-03-12T00:00:00Z"), Duration.ofDays(1));

    private BookingStore store;

    @BeforeEach
    void emptyStore() {
        store = new InMemoryBookingStore();
        store.saveResource(new Resource(TENANT, "room-1", "Room 1", OPEN_DAILY, 1));
        store.saveResource(new Resource(TENANT, "room-2", "Room 2", OPEN_DAILY, 1));
        store.saveResource(new Resource(OTHER_TENANT, "room-3", "Their room", OPEN_DAILY, 1));
    }

    /** A confirmed booking of {@code tenantId} on {@code resourceId}, on 2031-03-12 from {@code hour}:00 for an hour. */
    private static Booking booking(String tenantId, String id, String resourceId, int hour) {
        Instant start = Instant.parse(String.format("2031-03-12T%02d:00:00Z", hour));
        return Booking.builder().id(id).tenantId(tenantId).resourceIds(List.of(resourceId)).customerId("cust-1")
                .templateName("consult").interval(Interval.of(start, Duration.ofHours(1))).status(BookingStatus.CONFIRMED)
                .createdAt(CREATED).history(List.of(new Transition(Optional.empty(), BookingStatus.CONFIRMED,
                        Actor.customer(tenantId, "cust-1"), CREATED, "")))
                .build();
    }

    private static Booking cancelled(Booking booking, String reason) {
        return booking.transitioned(BookingStatus.CANCELLED, BOSS, CREATED.plusSeconds(60), reason);
    }

    private static OutboxMessage message(String id, Booking booking) {
        return new OutboxMessage(id, booking.tenantId(), booking.id(), NotificationKind.CONFIRMED, Optional.empty(),
                booking.customerId(), Locale.ENGLISH, CREATED, booking.id() + ":" + id, 0);
    }

    private <T> T run(String tenantId, List<String> resourceIds, Function<UnitOfWork, T> work) {
        return GuardedUnits.run(store, tenantId, resourceIds, work, UnitProbe.NONE);
    }

    private void insert(Booking... bookings) {
        for (Booking b : bookings) {
            run(b.tenantId(), b.resourceIds(), unit -> {
                unit.insert(b);
                return null;
            });
        }
    }

    private Optional<Booking> stored(String tenantId, String bookingId) {
        return store.reads(tenantId).findBooking(bookingId);
    }

    @Test
    void the_work_runs_with_every_requested_resource_locked_and_its_result_is_returned() {
        assertEquals(Set.of("room-1", "room-2"), run(TENANT, List.of("room-2", "room-1"),
                unit -> Set.copyOf(unit.lockedResources().keySet())));
    }

    @Test
    void a_missing_resource_is_refused_before_the_work_runs_naming_the_first_missing_by_id() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Function<UnitOfWork, Object> work = unit -> {
            ran.set(true);
            return null;
        };

        ResourceNotFoundException ghost = assertThrows(ResourceNotFoundException.class,
                () -> run(TENANT, List.of("room-1", "zombie", "ghost"), work));
        assertEquals("ghost", ghost.resourceId());
        assertEquals("No resource 'ghost' in tenant 'acme'", ghost.getMessage());
        assertFalse(ran.get(), "the work ran although a resource was missing");
        // The lock of room-1 was given back: a unit on another thread takes it at once.
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertEquals("free", other.submit(() -> run(TENANT, List.of("room-1"), unit -> "free"))
                    .get(30, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void another_tenants_resource_is_missing() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> run(TENANT, List.of("room-1", "room-3"), unit -> "ran"));
        assertEquals("room-3", e.resourceId());
        assertEquals("ran", run(OTHER_TENANT, List.of("room-3"), unit -> "ran"));
    }

    @Test
    void a_unit_locks_one_customer_at_most_and_the_next_unit_another() {
        run(TENANT, List.of("room-1"), unit -> {
            unit.lockCustomer("ana");
            unit.lockCustomer("ana");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> unit.lockCustomer("ben"));
            assertEquals("This unit of work already locked customer 'ana' and may not lock 'ben' too", e.getMessage());
            return null;
        });
        run(TENANT, List.of("room-1"), unit -> {
            unit.lockCustomer("ben");
            return null;
        });
    }

    @Test
    void an_update_from_the_current_version_is_stored() {
        Booking v0 = booking(TENANT, "bk-1", "room-1", 10);
        insert(v0);
        Booking v1 = cancelled(v0, "changed mind");

        boolean updated = run(TENANT, List.of("room-1"), unit -> unit.update(v1));
        assertTrue(updated);
        assertEquals(Optional.of(v1), stored(TENANT, "bk-1"));
    }

    @Test
    void an_update_from_a_stale_copy_is_refused_with_the_version_found_and_the_unit_writes_nothing() {
        Booking v0 = booking(TENANT, "bk-1", "room-1", 10);
        Booking bystander = booking(TENANT, "bk-2", "room-2", 10);
        insert(v0, bystander);
        Booking winner = cancelled(v0, "first");
        run(TENANT, List.of("room-1"), unit -> unit.update(winner));
        Booking loser = v0.transitioned(BookingStatus.IN_PROGRESS, BOSS, CREATED.plusSeconds(61), "second");
        Booking added = booking(TENANT, "bk-3", "room-2", 13);

        StaleBookingException e = assertThrows(StaleBookingException.class, () ->
                run(TENANT, List.of("room-1", "room-2"), unit -> {
                    unit.insert(added);
                    unit.update(cancelled(bystander, "along"));
                    unit.enqueue(message("msg-1", added));
                    unit.update(loser);
                    return null;
                }));

        assertEquals("Booking 'bk-1' is at version 1; an update to version 1 was made from a stale copy", e.getMessage());
        assertEquals(Optional.of(winner), stored(TENANT, "bk-1"));
        assertEquals(Optional.of(bystander), stored(TENANT, "bk-2"));
        assertEquals(Optional.empty(), stored(TENANT, "bk-3"));
        assertEquals(List.of(), store.outbox().claimDueMessages(CREATED.plus(Duration.ofDays(30)), 10, Duration.ofMinutes(1)));
    }

    @Test
    void an_update_skipping_a_version_is_stale() {
        Booking v0 = booking(TENANT, "bk-1", "room-1", 10);
        insert(v0);
        Booking v2 = cancelled(v0, "").toBuilder().nextVersion(new Transition(Optional.of(BookingStatus.CANCELLED),
                BookingStatus.CANCELLED, BOSS, CREATED.plusSeconds(120), "again")).build();

        StaleBookingException e = assertThrows(StaleBookingException.class,
                () -> run(TENANT, List.of("room-1"), unit -> unit.update(v2)));
        assertEquals("Booking 'bk-1' is at version 0; an update to version 2 was made from a stale copy", e.getMessage());
        assertEquals(Optional.of(v0), stored(TENANT, "bk-1"));
    }

    @Test
    void an_update_of_a_missing_booking_is_not_found() {
        Booking ghost = cancelled(booking(TENANT, "bk-ghost", "room-1", 10), "");

        BookingNotFoundException e = assertThrows(BookingNotFoundException.class,
                () -> run(TENANT, List.of("room-1"), unit -> unit.update(ghost)));
        assertEquals("bk-ghost", e.bookingId());
        assertEquals("No booking 'bk-ghost' in tenant 'acme'", e.getMessage());
        assertEquals(Optional.empty(), stored(TENANT, "bk-ghost"));
    }

    @Test
    void a_booking_of_another_tenant_is_refused_and_nothing_is_stored() {
        Booking theirs = booking(OTHER_TENANT, "bk-1", "room-1", 10);
        Booking ours = booking(TENANT, "bk-2", "room-1", 12);

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () ->
                run(TENANT, List.of("room-1"), unit -> {
                    unit.insert(ours);
                    unit.insert(theirs);
                    return null;
                }));
        assertEquals("Booking 'bk-1' of tenant 'globex' in a unit of work of tenant 'acme'", e.getMessage());
        assertEquals(Optional.empty(), stored(TENANT, "bk-1"));
        assertEquals(Optional.empty(), stored(OTHER_TENANT, "bk-1"));
        assertEquals(Optional.empty(), stored(TENANT, "bk-2"));
    }

    @Test
    void an_update_or_expiry_of_another_tenants_booking_is_refused() {
        Booking theirs = booking(OTHER_TENANT, "bk-1", "room-3", 10);
        insert(theirs);
        Booking changed = theirs.transitioned(BookingStatus.CANCELLED, Actor.admin(OTHER_TENANT, "boss"),
                CREATED.plusSeconds(60), "");

        assertThrows(InvalidRequestException.class, () -> run(TENANT, List.of("room-1"), unit -> unit.update(changed)));
        assertThrows(InvalidRequestException.class, () -> run(TENANT, List.of("room-1"), unit -> unit.expire(changed)));
        assertEquals(Optional.of(theirs), stored(OTHER_TENANT, "bk-1"));
    }

    @Test
    void an_outbox_message_of_another_tenant_is_refused() {
        Booking theirs = booking(OTHER_TENANT, "bk-1", "room-3", 10);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> run(TENANT, List.of("room-1"), unit -> {
                    unit.enqueue(message("msg-1", theirs));
                    return null;
                }));
        assertEquals("Outbox message of tenant 'globex' in a unit of work of tenant 'acme'", e.getMessage());
        assertEquals(List.of(), store.outbox().claimDueMessages(CREATED.plus(Duration.ofDays(30)), 10, Duration.ofMinutes(1)));
    }

    @Test
    void reads_in_a_guarded_unit_are_the_adapters() {
        Booking v0 = booking(TENANT, "bk-1", "room-1", 10);
        insert(v0);

        run(TENANT, List.of("room-1"), unit -> {
            assertEquals(Optional.of(v0), unit.findBooking("bk-1"));
            assertEquals(List.of(v0), unit.findOverlapping(List.of("room-1"), DAY));
            assertEquals(List.of(v0), unit.findByCustomer("cust-1", DAY));
            assertEquals(Optional.empty(), unit.findByIdempotencyKey("idem-1"));
            return null;
        });
    }

    @Test
    void aSharedUnitFindsNoBookingsOfItsResourceAndInsertsOnlyWhatTheConstraintJudges() {
        Booking ten = booking(TENANT, "b-10", "room-1", 10);
        GuardedUnits.run(store, TENANT, List.of("room-1", "room-2"), unit -> {
            unit.insert(ten);
            unit.insert(booking(TENANT, "b-2", "room-2", 10));
            return null;
        }, UnitProbe.NONE);
        io.bookingkit.SharingStore sharing = new io.bookingkit.SharingStore(store);
        Interval claimed = Interval.of(Instant.parse("2031-03-12T11:00:00Z"), Duration.ofHours(1));
        Booking eleven = booking(TENANT, "b-11", "room-1", 11);

        GuardedUnits.runShared(sharing, TENANT, "room-1", claimed, unit -> {
            assertEquals(List.of(), unit.findOverlapping(List.of("room-1"), DAY), "the constraint judges those");
            assertEquals(1, unit.findOverlapping(List.of("room-2"), DAY).size(), "other resources are read");
            assertThrows(IllegalStateException.class, () -> unit.insert(booking(TENANT, "b-12", "room-1", 12)),
                    "outside the occupied time the unit checked");
            assertThrows(IllegalStateException.class, () -> unit.insert(booking(TENANT, "b-x", "room-2", 11)),
                    "another resource");
            assertThrows(IllegalStateException.class, () -> unit.insert(eleven.toBuilder().forced(true).build()),
                    "a forced booking, which the constraint does not cover");
            assertThrows(IllegalStateException.class, () -> unit.update(cancelled(ten, "no")), "an update");
            assertThrows(IllegalStateException.class, () -> unit.lockCustomer("cust-1"), "a customer lock");
            unit.insert(eleven);
            return "inserted";
        }, UnitProbe.NONE).orElseThrow();

        assertEquals(eleven, store.reads(TENANT).findBooking("b-11").orElseThrow());
        assertEquals(1, store.changes().read(TENANT, "", 10).entries().stream()
                .filter(e -> e.change().bookingId().equals(Optional.of("b-11"))).count(), "its change is recorded");
    }
}
