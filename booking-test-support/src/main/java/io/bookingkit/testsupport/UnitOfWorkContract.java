package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.BOSS;
import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.between;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.message;
import static io.bookingkit.testsupport.ContractData.resource;
import static io.bookingkit.testsupport.RaceHarness.onAnotherThread;
import static io.bookingkit.testsupport.RaceHarness.race;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Units of work: their reads see committed data and their own writes; they lock the existing
 * resources they ask for, of their own tenant, and leave the others out of
 * {@code lockedResources()}; customer locks serialize units even on different resources; a unit
 * that throws writes nothing and rethrows unchanged; units never deadlock; tenants never mix.
 *
 * <p>The protocol on top (a missing resource refused, one customer per unit, a booking of the
 * unit's tenant, stale updates reported) is the core's, not an adapter's, and is not tested here.
 */
public interface UnitOfWorkContract extends StoreFixture {

    /**
     * A unit of work reads committed bookings and its own inserts and updates, by id, idempotency
     * key, overlap and customer; what it wrote is committed with it.
     */
    @Test
    default void unit_of_work_reads_committed_bookings_and_its_own_writes() {
        Booking committed = booking("bk-a").time("09:00:00", "10:00:00").build();
        insert(committed);
        Booking added = booking("bk-b").time("10:00:00", "11:00:00").key("idem-b").customer("cust-2").build();
        Booking changed = committed.transitioned(BookingStatus.CANCELLED, BOSS,
                at("08:00:00"), "closed");

        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            assertEquals(List.of(committed), unit.findOverlapping(List.of("room-1"), between("00:00:00", "23:00:00")));
            unit.insert(added);
            assertEquals(Optional.of(added), unit.findBooking("bk-b"));
            assertEquals(Optional.of(added), unit.findByIdempotencyKey("idem-b"));
            assertTrue(unit.update(changed), "the update from the committed version was refused");
            assertEquals(Optional.of(changed), unit.findBooking("bk-a"));
            assertEquals(List.of(changed, added),
                    unit.findOverlapping(List.of("room-1"), between("00:00:00", "23:00:00")));
            assertEquals(List.of(added), unit.findByCustomer("cust-2", between("00:00:00", "23:00:00")));
            return null;
        });

        assertEquals(Optional.of(changed), store().reads(TENANT).findBooking("bk-a"));
        assertEquals(Optional.of(added), store().reads(TENANT).findBooking("bk-b"));
    }

    /** A unit of work returns what its work returns. */
    @Test
    default void unit_of_work_returns_what_the_work_returns() {
        givenResources(TENANT, "room-1");
        assertEquals("done", store().inUnitOfWork(TENANT, List.of("room-1"), unit -> "done"));
    }

    /**
     * Two units that lock the same customer take turns even when they lock different resources: the
     * second gets the lock only after the first has ended.
     *
     * @throws Exception if the test thread is interrupted, or a unit fails or does not finish
     *                   within 30 seconds
     */
    @Test
    default void units_locking_the_same_customer_take_turns_even_on_different_resources() throws Exception {
        givenResources(TENANT, "room-1", "room-2");
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch secondIsWaiting = new CountDownLatch(1);
        AtomicBoolean firstFinished = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
                unit.lockCustomer("ana");
                firstHoldsTheLock.countDown();
                try {
                    secondIsWaiting.await(10, TimeUnit.SECONDS);
                    // Give the second unit time to block on the customer lock.
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstFinished.set(true);
                return null;
            }));
            assertTrue(firstHoldsTheLock.await(30, TimeUnit.SECONDS), "the first unit never got the customer's lock");
            Future<Boolean> second = pool.submit(() -> store().inUnitOfWork(TENANT, List.of("room-2"), unit -> {
                secondIsWaiting.countDown();
                unit.lockCustomer("ana");
                return firstFinished.get();
            }));
            first.get(30, TimeUnit.SECONDS);
            assertEquals(true, second.get(30, TimeUnit.SECONDS),
                    "the second unit got the customer's lock before the first unit ended");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A unit may lock its customer twice; the lock ends with the unit, so a unit on another thread
     * then takes it at once.
     *
     * @throws Exception if the test thread is interrupted while it waits for the other thread
     */
    @Test
    default void a_unit_may_lock_its_customer_twice_and_the_lock_ends_with_the_unit() throws Exception {
        givenResources(TENANT, "room-1", "room-2");
        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.lockCustomer("ana");
            unit.lockCustomer("ana");
            return null;
        });
        // Locked twice, released once with the unit: a unit on another thread takes it at once.
        assertEquals("locked", onAnotherThread(() -> store().inUnitOfWork(TENANT, List.of("room-2"), unit -> {
            unit.lockCustomer("ana");
            return "locked";
        })));
        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.lockCustomer("ben");
            return null;
        });
    }

    /**
     * A unit of work that throws writes nothing (no insert, update, message or discarded reminder),
     * frees the idempotency key it used, and the store rethrows the exception itself.
     */
    @Test
    default void unit_of_work_that_throws_writes_nothing_and_rethrows_unchanged() {
        givenResources(TENANT, "room-2");
        Booking existing = booking("bk-1").build();
        insert(existing);
        OutboxMessage reminder = message("msg-r", existing, NotificationKind.REMINDER, at("08:00:00"));
        enqueue(existing, reminder);
        Booking added = booking("bk-2").resources("room-2").key("idem-2").build();
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                store().inUnitOfWork(TENANT, List.of("room-2", "room-1"), unit -> {
                    unit.insert(added);
                    unit.update(existing.transitioned(BookingStatus.CANCELLED, BOSS,
                            at("08:00:00"), "about to fail"));
                    unit.enqueue(message("msg-c", added, NotificationKind.CONFIRMED, at("08:00:00")));
                    unit.discardReminders(existing.id());
                    throw boom;
                }));

        assertSame(boom, thrown);
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-2"));
        assertEquals(Optional.of(existing), store().reads(TENANT).findBooking("bk-1"));
        assertEquals(List.of(reminder), claimAll(at("23:00:00")));
        // The key of the rolled-back booking is free.
        Booking retry = booking("bk-3").resources("room-2").key("idem-2").build();
        insert(retry);
        assertEquals(Optional.of(retry), store().reads(TENANT).findBooking("bk-3"));
    }

    /**
     * A domain exception thrown by the work, such as a {@link SlotUnavailableException}, is
     * rethrown itself and the unit writes nothing.
     */
    @Test
    default void unit_of_work_rethrows_a_domain_exception_unchanged() {
        givenResources(TENANT, "room-1");
        SlotUnavailableException refusal = new SlotUnavailableException(List.of(), List.of());
        SlotUnavailableException thrown = assertThrows(SlotUnavailableException.class, () ->
                store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
                    unit.insert(booking("bk-1").build());
                    throw refusal;
                }));
        assertSame(refusal, thrown);
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-1"));
    }

    /**
     * Resources that do not exist, or belong to another tenant, are left out of a unit's locked
     * resources; the work still runs, and the locks of the others end with the unit.
     *
     * @throws Exception if the test thread is interrupted while it waits for the other thread
     */
    @Test
    default void unit_of_work_leaves_missing_resources_out_of_its_locked_resources() throws Exception {
        givenResources(TENANT, "room-1");
        store().saveResource(resource(OTHER_TENANT, "room-2"));

        // Refusing a missing resource is the core's decision; the store runs the work without it.
        assertEquals(Map.of(), store().inUnitOfWork(TENANT, List.of("ghost"),
                unit -> Map.copyOf(unit.lockedResources())));
        assertEquals(Map.of("room-1", resource(TENANT, "room-1")), store().inUnitOfWork(TENANT,
                List.of("room-1", "room-2", "ghost"), unit -> Map.copyOf(unit.lockedResources())));
        // The lock of room-1 was given back: a unit on another thread takes it at once.
        assertEquals("free", onAnotherThread(() -> store().inUnitOfWork(TENANT, List.of("room-1"), unit -> "free")));
    }

    /**
     * Units of work that lock the same resources named in different orders, on four threads at
     * once, never deadlock, and every booking they insert is stored.
     *
     * @throws Exception if the test thread is interrupted while it waits for the threads
     */
    @Test
    default void units_of_work_locking_resources_in_any_order_do_not_deadlock() throws Exception {
        givenResources(TENANT, "room-x", "room-y", "room-z");
        int threads = 4;
        int perThread = 25;
        List<Object> outcomes = race(threads, i -> {
            for (int n = 0; n < perThread; n++) {
                List<String> order = switch ((i + n) % 3) {
                    case 0 -> List.of("room-x", "room-y", "room-z");
                    case 1 -> List.of("room-z", "room-y", "room-x");
                    default -> List.of("room-y", "room-z", "room-x");
                };
                Instant start = at("06:00:00").plus(Duration.ofMinutes(5L * (i * perThread + n)));
                Booking b = booking("bk-" + i + "-" + n).resources(order.get(0), order.get(1))
                        .interval(Interval.of(start, Duration.ofMinutes(5))).build();
                store().inUnitOfWork(TENANT, order, unit -> {
                    unit.findOverlapping(order, b.occupied());
                    unit.insert(b);
                    return null;
                });
            }
            return "done";
        });
        outcomes.forEach(o -> assertEquals("done", o));
        assertEquals(threads * perThread, store().reads(TENANT).findOverlapping(List.of("room-x", "room-y", "room-z"), EVER).size());
    }

    /**
     * Two tenants' bookings with the same ids, customer and idempotency keys never mix, in reads,
     * in units of work and in updates.
     */
    @Test
    default void tenants_with_the_same_ids_never_mix() {
        Booking ours = booking("bk-1").customer("ana").key("idem-1").time("10:00:00", "11:00:00").build();
        Booking theirs = booking("bk-1").tenant(OTHER_TENANT).customer("ana").key("idem-1")
                .time("10:30:00", "11:30:00").build();
        Booking onlyTheirs = booking("bk-2").tenant(OTHER_TENANT).customer("ana").key("idem-2")
                .time("12:00:00", "13:00:00").build();
        insert(ours, theirs, onlyTheirs);

        assertEquals(Optional.of(ours), store().reads(TENANT).findBooking("bk-1"));
        assertEquals(Optional.of(theirs), store().reads(OTHER_TENANT).findBooking("bk-1"));
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-2"));
        assertEquals(List.of(ours), store().reads(TENANT).findOverlapping(List.of("room-1"), EVER));
        assertEquals(List.of(theirs, onlyTheirs), store().reads(OTHER_TENANT).findOverlapping(List.of("room-1"), EVER));
        assertEquals(List.of(ours), store().reads(TENANT).findByCustomer("ana", EVER));

        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            assertEquals(Optional.of(ours), unit.findBooking("bk-1"));
            assertEquals(Optional.empty(), unit.findBooking("bk-2"));
            assertEquals(Optional.of(ours), unit.findByIdempotencyKey("idem-1"));
            assertEquals(Optional.empty(), unit.findByIdempotencyKey("idem-2"));
            assertEquals(List.of(ours), unit.findOverlapping(List.of("room-1"), EVER));
            assertEquals(List.of(ours), unit.findByCustomer("ana", EVER));
            return null;
        });

        Booking cancelled = ours.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "");
        update(cancelled);
        assertEquals(Optional.of(cancelled), store().reads(TENANT).findBooking("bk-1"));
        assertEquals(Optional.of(theirs), store().reads(OTHER_TENANT).findBooking("bk-1"));
    }

    /** A unit of work never locks another tenant's resource of the same id. */
    @Test
    default void tenants_cannot_lock_each_others_resources() {
        Resource theirs = resource(OTHER_TENANT, "room-1");
        store().saveResource(theirs);

        assertEquals(Map.of(), store().inUnitOfWork(TENANT, List.of("room-1"),
                unit -> Map.copyOf(unit.lockedResources())));
        assertEquals(Map.of("room-1", theirs), store().inUnitOfWork(OTHER_TENANT, List.of("room-1"),
                unit -> Map.copyOf(unit.lockedResources())));
    }
}
