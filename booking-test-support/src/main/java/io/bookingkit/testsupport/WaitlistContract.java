package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.between;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.entry;
import static io.bookingkit.testsupport.ContractData.entryIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Waitlist entries: they come back equal, field for field; updates are stored from the current
 * version only; {@code findEntries} finds the entries naming one of the resources whose time
 * (half-open, so touching entries do not count) shares an instant with the range, in any status,
 * ordered by sequence then id, each once; {@code findEntriesOfCustomer} finds a customer's, in the
 * same order; a unit sees its own entries and a unit that throws leaves none; ids are unique per
 * tenant, and tenants never mix. A booking's {@code waitlistEntryId} round-trips too.
 *
 * <p>As for bookings, that an entry belongs to the unit's tenant is the core's check, not
 * tested here.
 */
public interface WaitlistContract extends StoreFixture {

    /**
     * Six entries: a 10-11 (sequence 3) and f 10-11 (3, left) and b 11-12 (1) on room-1; c 10-11 (2)
     * on room-2; d 10:30-11:30 (2) on room-2 and room-1; e 10-11 (0) on room-3.
     */
    private void givenEntries() {
        insertEntries(
                entry("w-f").resources("room-1").sequence(3).status(WaitlistStatus.LEFT).build(),
                entry("w-e").resources("room-3").sequence(0).customer("cust-3").build(),
                entry("w-d").resources("room-2", "room-1").time("10:30:00", "11:30:00").sequence(2).build(),
                entry("w-c").resources("room-2").sequence(2).customer("cust-2").build(),
                entry("w-b").resources("room-1").time("11:00:00", "12:00:00").sequence(1).customer("cust-2").build(),
                entry("w-a").resources("room-1").sequence(3).build());
    }

    /** Whether a unit of work on the entry's resources stored {@code changed}. */
    private boolean updated(WaitlistEntry changed) {
        Boolean stored = store().inUnitOfWork(changed.tenantId(), changed.resourceIds(), unit -> unit.updateEntry(changed));
        return stored;
    }

    private List<String> entriesOn(Collection<String> resources, Interval range) {
        return entryIds(store().reads(TENANT).findEntries(resources, range));
    }

    /**
     * An entry with every component set (resources in their own order, microseconds, an offer, a
     * sequence beyond {@code int}, a locale with a region) comes back equal, and so does one with
     * the defaults, outside and inside a unit of work; an unknown id is not found.
     */
    @Test
    default void entry_with_every_field_comes_back_equal() {
        WaitlistEntry full = entry("w-full")
                .resources("room-2", "chair-1") // not in id order: the order is part of the entry
                .customer("cust-42")
                .template("pilates")
                .interval(Interval.of(at("10:00:00.123456"), at("10:50:00.654321")))
                .party(3)
                .status(WaitlistStatus.OFFERED)
                .offer("bk-offer")
                .sequence(9_000_000_001L)
                .locale(Locale.forLanguageTag("es-AR"))
                .joinedAt(Instant.parse("2031-03-10T08:00:00.000001Z"))
                .build();
        WaitlistEntry plain = entry("w-plain").build();
        insertEntries(full, plain);

        assertEquals(Optional.of(full), store().reads(TENANT).findEntry("w-full"));
        assertEquals(Optional.of(plain), store().reads(TENANT).findEntry("w-plain"));
        assertEquals(List.of("room-2", "chair-1"), store().reads(TENANT).findEntry("w-full").orElseThrow().resourceIds());
        assertEquals(Optional.of(full), store().inUnitOfWork(TENANT, List.of("room-2"), unit -> unit.findEntry("w-full")));
        assertEquals(Optional.empty(), store().reads(TENANT).findEntry("w-none"));
    }

    /**
     * An entry in each status comes back equal, and all of them are found on their resource, in
     * order of sequence.
     */
    @Test
    default void entry_in_every_status_comes_back_equal() {
        List<WaitlistEntry> all = new ArrayList<>();
        for (WaitlistStatus status : WaitlistStatus.values()) {
            String id = "w-" + status.name().toLowerCase(Locale.ROOT);
            all.add(entry(id).status(status).offer(status == WaitlistStatus.WAITING ? null : "bk-" + id)
                    .sequence(all.size()).build());
        }
        insertEntries(all.toArray(WaitlistEntry[]::new));

        for (WaitlistEntry e : all) {
            assertEquals(Optional.of(e), store().reads(TENANT).findEntry(e.id()), e.id());
        }
        assertEquals(entryIds(all), entriesOn(List.of("room-1"), EVER));
    }

    /**
     * An entry update is stored from the current version only: a stale copy, a skipped version, or
     * an entry that does not exist returns false and changes nothing.
     */
    @Test
    default void entry_update_is_stored_from_the_current_version_only() {
        WaitlistEntry waiting = entry("w-1").build();
        insertEntries(waiting);
        WaitlistEntry offered = waiting.moved(WaitlistStatus.OFFERED, Optional.of("bk-9"), at("08:00:00"));
        WaitlistEntry otherCopy = waiting.moved(WaitlistStatus.LEFT, Optional.empty(), at("08:00:01"));
        WaitlistEntry skipping = offered.moved(WaitlistStatus.BOOKED, Optional.of("bk-9"), at("08:00:02"))
                .moved(WaitlistStatus.BOOKED, Optional.of("bk-9"), at("08:00:03"));

        assertTrue(updated(offered), "the update from the stored version was refused");
        assertFalse(updated(otherCopy), "an update from a stale version was stored");
        assertFalse(updated(skipping), "an update skipping a version was stored");
        assertFalse(updated(entry("w-ghost").build().moved(WaitlistStatus.LEFT, Optional.empty(), at("08:00:00"))),
                "an update of an entry that does not exist was stored");

        assertEquals(Optional.of(offered), store().reads(TENANT).findEntry("w-1"));
        assertEquals(Optional.empty(), store().reads(TENANT).findEntry("w-ghost"));
        assertEquals(List.of(offered), store().reads(TENANT).findEntries(List.of("room-1"), EVER));
    }

    /**
     * Entries are found on any of the resources asked for, in every status, in order of sequence
     * then id, each once; no resource, or unknown ones only, finds none.
     */
    @Test
    default void entries_are_found_by_resource_in_order_of_sequence_then_id_each_once() {
        givenEntries();

        assertEquals(List.of("w-d", "w-a", "w-f"), entriesOn(List.of("room-1"), between("10:00:00", "11:00:00")));
        assertEquals(List.of("w-c", "w-d"), entriesOn(List.of("room-2"), EVER));
        assertEquals(List.of("w-e"), entriesOn(List.of("room-3"), EVER));
        assertEquals(List.of("w-b", "w-c", "w-d", "w-a", "w-f"), entriesOn(List.of("room-1", "room-2"), EVER));
        assertEquals(List.of("w-e", "w-b", "w-c", "w-d", "w-a", "w-f"),
                entriesOn(List.of("room-3", "room-2", "room-1", "room-9"), EVER));
        assertEquals(List.of(), entriesOn(List.of("room-9"), EVER));
        assertEquals(List.of(), entriesOn(List.of(), EVER));
    }

    /**
     * Entries are found by time in half-open intervals: touching ends do not overlap; one shared
     * microsecond, or a range one nanosecond long, does.
     */
    @Test
    default void entries_are_found_by_time_in_half_open_intervals() {
        givenEntries();

        // Touching is not overlapping: a ends where the range starts, b starts where it ends.
        assertEquals(List.of("w-b", "w-d"), entriesOn(List.of("room-1"), between("11:00:00", "11:30:00")));
        assertEquals(List.of("w-d", "w-a", "w-f"), entriesOn(List.of("room-1"), between("10:30:00", "11:00:00")));
        assertEquals(List.of(), entriesOn(List.of("room-1"), between("09:00:00", "10:00:00")));
        assertEquals(List.of(), entriesOn(List.of("room-1"), between("12:00:00", "13:00:00")));
        // One shared microsecond is an overlap.
        assertEquals(List.of("w-d", "w-a", "w-f"), entriesOn(List.of("room-1"), between("10:59:59.999999", "11:00:00")));
        assertEquals(List.of("w-b", "w-d"), entriesOn(List.of("room-1"), between("11:00:00", "11:00:00.000001")));
        // So is one nanosecond, as the core asks for what is at one instant.
        assertEquals(List.of("w-b", "w-d"), entriesOn(List.of("room-1"), Interval.of(at("11:00:00"),
                at("11:00:00").plusNanos(1))));
        assertEquals(List.of("w-c"), entriesOn(List.of("room-2"), Interval.of(at("10:29:59.999999999"),
                at("10:30:00"))));
    }

    /**
     * A customer's entries are found in every status, in order of sequence then id, outside and
     * inside a unit of work; a customer without entries has none.
     */
    @Test
    default void entries_of_a_customer_come_in_order_of_sequence_then_id() {
        givenEntries();
        insertEntries(entry("w-g").resources("room-3").sequence(0).customer("cust-2").status(WaitlistStatus.EXPIRED)
                .build());

        assertEquals(List.of("w-d", "w-a", "w-f"), entryIds(store().reads(TENANT).findEntriesOfCustomer("cust-1")));
        assertEquals(List.of("w-g", "w-b", "w-c"), entryIds(store().reads(TENANT).findEntriesOfCustomer("cust-2")));
        assertEquals(List.of(), store().reads(TENANT).findEntriesOfCustomer("cust-9"));
        assertEquals(List.of("w-g", "w-b", "w-c"), store().inUnitOfWork(TENANT, List.of("room-1"),
                unit -> entryIds(unit.findEntriesOfCustomer("cust-2"))));
    }

    /**
     * A unit of work reads the entries it inserted and updated, by id, resource and customer,
     * refuses an update from a version it replaced itself, and commits the rest.
     */
    @Test
    default void a_unit_reads_the_entries_it_inserted_and_updated() {
        WaitlistEntry committed = entry("w-1").sequence(1).build();
        insertEntries(committed);
        WaitlistEntry added = entry("w-2").sequence(2).customer("cust-2").build();
        WaitlistEntry offered = committed.moved(WaitlistStatus.OFFERED, Optional.of("bk-1"), at("08:00:00"));
        WaitlistEntry addedAndLeft = added.moved(WaitlistStatus.LEFT, Optional.empty(), at("08:00:01"));

        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insertEntry(added);
            assertEquals(Optional.of(added), unit.findEntry("w-2"));
            assertEquals(List.of(committed, added), unit.findEntries(List.of("room-1"), EVER));
            assertTrue(unit.updateEntry(offered), "the update of a committed entry was refused");
            assertEquals(Optional.of(offered), unit.findEntry("w-1"));
            assertEquals(List.of(offered, added), unit.findEntries(List.of("room-1"), EVER));
            assertEquals(List.of(offered), unit.findEntriesOfCustomer("cust-1"));
            assertTrue(unit.updateEntry(addedAndLeft), "the update of an entry inserted in the unit was refused");
            assertFalse(unit.updateEntry(added.moved(WaitlistStatus.EXPIRED, Optional.empty(), at("08:00:02"))),
                    "an update from the version the unit replaced was stored");
            assertEquals(List.of(addedAndLeft), unit.findEntriesOfCustomer("cust-2"));
            return null;
        });

        assertEquals(Optional.of(offered), store().reads(TENANT).findEntry("w-1"));
        assertEquals(Optional.of(addedAndLeft), store().reads(TENANT).findEntry("w-2"));
        assertEquals(List.of(offered, addedAndLeft), store().reads(TENANT).findEntries(List.of("room-1"), EVER));
    }

    /**
     * A unit of work that throws writes no entry insert or update, and the id it inserted is free
     * again.
     */
    @Test
    default void a_unit_that_throws_leaves_no_entry_written() {
        WaitlistEntry committed = entry("w-1").build();
        insertEntries(committed);
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
                    unit.insertEntry(entry("w-2").sequence(2).build());
                    unit.updateEntry(committed.moved(WaitlistStatus.LEFT, Optional.empty(), at("08:00:00")));
                    throw boom;
                }));

        assertSame(boom, thrown);
        assertEquals(Optional.empty(), store().reads(TENANT).findEntry("w-2"));
        assertEquals(Optional.of(committed), store().reads(TENANT).findEntry("w-1"));
        assertEquals(List.of(committed), store().reads(TENANT).findEntries(List.of("room-1"), EVER));
        // The id of the rolled-back entry is free.
        WaitlistEntry retry = entry("w-2").sequence(2).build();
        insertEntries(retry);
        assertEquals(Optional.of(retry), store().reads(TENANT).findEntry("w-2"));
    }

    /**
     * An entry id already used in a tenant is refused with {@link DuplicateBookingException}, on
     * another resource or twice within one unit, and the unit writes nothing; another tenant may
     * use the id.
     */
    @Test
    default void an_entry_id_is_used_once_per_tenant() {
        insertEntries(entry("w-1").build());

        assertThrows(DuplicateBookingException.class, () -> store().inUnitOfWork(TENANT, List.of("room-2"), unit -> {
            unit.insertEntry(entry("w-1").resources("room-2").customer("cust-2").build());
            return null;
        }));
        givenResources(TENANT, "room-2");
        assertThrows(DuplicateBookingException.class, () -> store().inUnitOfWork(TENANT, List.of("room-2"), unit -> {
            unit.insertEntry(entry("w-2").resources("room-2").build());
            unit.insertEntry(entry("w-2").resources("room-2").customer("cust-2").build());
            return null;
        }));

        assertEquals(List.of("w-1"), entriesOn(List.of("room-1", "room-2"), EVER));
        insertEntries(entry("w-1").tenant(OTHER_TENANT).build());
        assertTrue(store().reads(OTHER_TENANT).findEntry("w-1").isPresent(), "another tenant may use the same id");
    }

    /**
     * Two units on different resources that insert one entry id at once: exactly one stores it, the
     * other is refused with {@link DuplicateBookingException}.
     *
     * @throws Exception if the test thread is interrupted, or a unit does not finish within a
     *                   minute
     */
    @Test
    default void two_units_inserting_one_entry_id_at_once_store_it_once() throws Exception {
        givenResources(TENANT, "room-1", "room-2");
        WaitlistEntry mine = entry("w-1").build();
        WaitlistEntry yours = entry("w-1").resources("room-2").customer("cust-2").build();
        CountDownLatch firstInserted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // On other resources, so no resource lock puts the two units one after the other.
            Future<WaitlistEntry> first = pool.submit(() -> store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
                unit.insertEntry(mine);
                firstInserted.countDown();
                try {
                    // Give the second unit time to insert before this one commits.
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return mine;
            }));
            assertTrue(firstInserted.await(30, TimeUnit.SECONDS), "the first unit never inserted");
            Future<WaitlistEntry> second = pool.submit(() -> store().inUnitOfWork(TENANT, List.of("room-2"), unit -> {
                unit.insertEntry(yours);
                return yours;
            }));
            List<WaitlistEntry> stored = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<WaitlistEntry> unit : List.of(first, second)) {
                try {
                    stored.add(unit.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertEquals(1, stored.size(), "exactly one of the units may store the id; refused: " + refused);
            assertEquals(1, refused.size());
            assertTrue(refused.get(0) instanceof DuplicateBookingException, "refused with " + refused.get(0));
            assertEquals(Optional.of(stored.get(0)), store().reads(TENANT).findEntry("w-1"));
            assertEquals(List.of(stored.get(0)), store().reads(TENANT).findEntries(List.of("room-1", "room-2"), EVER));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Two tenants' entries with the same ids and customer never mix, in reads, in units of work and
     * in updates.
     */
    @Test
    default void tenants_with_the_same_entry_ids_never_mix() {
        WaitlistEntry ours = entry("w-1").customer("ana").build();
        WaitlistEntry theirs = entry("w-1").tenant(OTHER_TENANT).customer("ana").time("10:30:00", "11:30:00").build();
        WaitlistEntry onlyTheirs = entry("w-2").tenant(OTHER_TENANT).customer("ana").sequence(2).build();
        insertEntries(ours, theirs, onlyTheirs);

        assertEquals(Optional.of(ours), store().reads(TENANT).findEntry("w-1"));
        assertEquals(Optional.of(theirs), store().reads(OTHER_TENANT).findEntry("w-1"));
        assertEquals(Optional.empty(), store().reads(TENANT).findEntry("w-2"));
        assertEquals(List.of(ours), store().reads(TENANT).findEntries(List.of("room-1"), EVER));
        assertEquals(List.of(theirs, onlyTheirs), store().reads(OTHER_TENANT).findEntries(List.of("room-1"), EVER));
        assertEquals(List.of(ours), store().reads(TENANT).findEntriesOfCustomer("ana"));
        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            assertEquals(Optional.empty(), unit.findEntry("w-2"));
            assertEquals(List.of(ours), unit.findEntries(List.of("room-1"), EVER));
            assertEquals(List.of(ours), unit.findEntriesOfCustomer("ana"));
            return null;
        });

        WaitlistEntry left = ours.moved(WaitlistStatus.LEFT, Optional.empty(), at("08:00:00"));
        assertTrue(updated(left));
        assertEquals(Optional.of(left), store().reads(TENANT).findEntry("w-1"));
        assertEquals(Optional.of(theirs), store().reads(OTHER_TENANT).findEntry("w-1"));
        assertEquals(Optional.of(onlyTheirs), store().reads(OTHER_TENANT).findEntry("w-2"));
    }

    /**
     * A booking's waitlist entry id comes back, stays through an update, and is empty for a booking
     * that was no offer.
     */
    @Test
    default void a_bookings_waitlist_entry_comes_back_and_stays_through_updates() {
        Booking offer = booking("bk-offer").status(BookingStatus.HELD).expiresAt(at("09:00:00"))
                .waitlistEntry("w-1").build();
        Booking plain = booking("bk-plain").time("12:00:00", "13:00:00").build();
        insert(offer, plain);

        assertEquals(Optional.of(offer), store().reads(TENANT).findBooking("bk-offer"));
        assertEquals(Optional.of("w-1"), store().reads(TENANT).findBooking("bk-offer").orElseThrow().waitlistEntryId());
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-plain").orElseThrow().waitlistEntryId());
        assertEquals(List.of(offer, plain), store().reads(TENANT).findOverlapping(List.of("room-1"), EVER));

        Booking accepted = offer.transitioned(BookingStatus.CONFIRMED, ContractData.BOSS, at("08:30:00"), "accepted");
        update(accepted);
        assertEquals(Optional.of(accepted), store().reads(TENANT).findBooking("bk-offer"));
        assertEquals(Optional.of("w-1"), store().reads(TENANT).findBooking("bk-offer").orElseThrow().waitlistEntryId());
    }
}
