package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.BOSS;
import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.between;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.ids;
import static io.bookingkit.testsupport.ContractData.message;
import static io.bookingkit.testsupport.ContractData.messageIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.booking.Transition;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.DuplicateBookingException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Persistence: bookings come back equal, field for field, whatever they hold; updates are stored
 * from the current version only, and an update from any other version returns {@code false} and
 * changes nothing; expiring is idempotent; ids and idempotency keys are unique per tenant.
 */
public interface PersistenceContract extends StoreFixture {

    /**
     * A booking with every optional component set comes back equal: resources in their own order,
     * microseconds, a series with its pattern, an idempotency key, a locale with a region, an
     * expiry, forced, and a history whose staff actor names resources and whose reason is not
     * ASCII.
     */
    @Test
    default void booking_with_every_optional_field_comes_back_equal() {
        store().saveResource(new Resource(TENANT, "room-2", "Room 2", OPEN_DAILY, 2));
        store().saveResource(new Resource(TENANT, "chair-1", "Chair 1", OPEN_DAILY, 2));
        Actor staff = Actor.staff(TENANT, "staff-7", Set.of("room-2", "chair-1"));
        Booking full = booking("bk-full")
                .resources("room-2", "chair-1") // not in id order: the order is part of the booking
                .customer("cust-42")
                .template("psychologist")
                .interval(Interval.of(at("10:00:00.123456"), at("10:50:00.654321")))
                .buffers(Duration.ofMinutes(5), Duration.ofMinutes(10))
                .party(2)
                .status(BookingStatus.PENDING)
                .series("series-1", 3, new SeriesLink.Pattern("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12",
                        LocalDateTime.parse("2031-03-04T10:00"), ZoneId.of("America/Argentina/Buenos_Aires")))
                .key("idem-1")
                .locale(Locale.forLanguageTag("es-AR"))
                .createdAt(Instant.parse("2031-03-10T08:00:00.000001Z"))
                .expiresAt(Instant.parse("2031-03-10T20:00:00.999999Z"))
                .forced(true)
                .history(
                        new Transition(Optional.empty(), BookingStatus.HELD, Actor.customer(TENANT, "cust-42"),
                                Instant.parse("2031-03-10T07:50:00.000001Z"), ""),
                        new Transition(Optional.of(BookingStatus.HELD), BookingStatus.PENDING, staff,
                                Instant.parse("2031-03-10T08:00:00.000001Z"),
                                "forced over a conflict: cliente habitual, año nuevo ✂"))
                .build();
        insert(full);

        Booking found = store().reads(TENANT).findBooking("bk-full").orElseThrow();
        assertEquals(full, found);
        assertEquals(List.of("room-2", "chair-1"), found.resourceIds());
        assertEquals(Locale.forLanguageTag("es-AR"), found.locale());
        assertEquals(Set.of("room-2", "chair-1"), found.history().get(1).actor().resourceIds());
    }

    /**
     * A series' bookings are found by series id in order of place, only in their own tenant; a unit
     * of work also finds the occurrences it inserted itself.
     */
    @Test
    default void a_series_is_read_in_place_order_within_its_tenant_and_a_unit_sees_its_own_occurrences() {
        insert(booking("s-c").series("weekly", 2).time("14:00:00", "15:00:00").build(),
                booking("s-a").series("weekly", 0).time("10:00:00", "11:00:00").build(),
                booking("s-b").series("weekly", 1).time("12:00:00", "13:00:00").build(),
                booking("s-other").series("monthly", 0).time("16:00:00", "17:00:00").build(),
                booking("s-plain").time("18:00:00", "19:00:00").build(),
                booking("s-elsewhere").tenant(OTHER_TENANT).series("weekly", 0).build());

        assertEquals(List.of("s-a", "s-b", "s-c"), ids(store().reads(TENANT).findBySeries("weekly")));
        assertEquals(List.of("s-elsewhere"), ids(store().reads(OTHER_TENANT).findBySeries("weekly")));
        assertEquals(List.of(), store().reads(TENANT).findBySeries("none"));
        List<String> inUnit = store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(booking("s-d").series("weekly", 3).time("20:00:00", "21:00:00").build());
            return ids(unit.findBySeries("weekly"));
        });
        assertEquals(List.of("s-a", "s-b", "s-c", "s-d"), inUnit);
    }

    /** A booking without any optional component comes back equal, with those components empty. */
    @Test
    default void booking_without_optional_fields_comes_back_equal() {
        Booking plain = booking("bk-plain")
                .interval(Interval.of(at("12:00:00"), at("12:30:00")))
                .locale(Locale.forLanguageTag("pt-BR"))
                .history(new Transition(Optional.empty(), BookingStatus.CONFIRMED, Actor.system(TENANT),
                        Instant.parse("2031-03-01T09:00:00.000001Z"), ""))
                .build();
        insert(plain);

        Booking found = store().reads(TENANT).findBooking("bk-plain").orElseThrow();
        assertEquals(plain, found);
        assertEquals(Optional.empty(), found.series());
        assertEquals(Optional.empty(), found.idempotencyKey());
        assertEquals(Optional.empty(), found.expiresAt());
        assertFalse(found.forced());
    }

    /** A booking in each status comes back equal. */
    @Test
    default void booking_in_every_status_comes_back_equal() {
        List<Booking> all = new ArrayList<>();
        int hour = 6;
        for (BookingStatus status : BookingStatus.values()) {
            String start = String.format("%02d:00:00", hour++);
            String end = String.format("%02d:00:00", hour);
            all.add(booking("bk-" + status.name().toLowerCase(Locale.ROOT)).status(status).time(start, end)
                    .history(new Transition(Optional.empty(), BookingStatus.PENDING, BOSS,
                                    at(start).minus(Duration.ofDays(1)), ""),
                            new Transition(Optional.of(BookingStatus.PENDING), status, BOSS,
                                    at(start).minus(Duration.ofHours(1)), "because"))
                    .build());
        }
        insert(all.toArray(Booking[]::new));

        for (Booking b : all) {
            assertEquals(Optional.of(b), store().reads(TENANT).findBooking(b.id()), b.id());
        }
    }

    /** An id that was never inserted is not found, before and after other bookings are. */
    @Test
    default void booking_unknown_is_not_found() {
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("nope"));
        insert(booking("bk-1").build());
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-2"));
    }

    /**
     * An update from the current version is stored with every component, a new time too, and the
     * overlap reads then find the booking at its new time only.
     */
    @Test
    default void update_from_the_current_version_is_stored_whole() {
        Booking v0 = booking("bk-1").status(BookingStatus.PENDING).expiresAt(at("09:00:00")).build();
        insert(v0);
        Booking v1 = v0.transitioned(BookingStatus.CONFIRMED, BOSS, at("08:00:00.000123"), "ok");
        update(v1);
        assertEquals(Optional.of(v1), store().reads(TENANT).findBooking("bk-1"));

        Booking v2 = v1.movedTo(between("15:00:00", "16:00:00"), between("14:45:00", "16:15:00"), BOSS,
                at("08:30:00"), "moved");
        update(v2);
        assertEquals(Optional.of(v2), store().reads(TENANT).findBooking("bk-1"));
        assertEquals(List.of("bk-1"), ids(store().reads(TENANT).findOverlapping(List.of("room-1"), between("14:45:00", "14:46:00"))));
        assertEquals(List.of(), store().reads(TENANT).findOverlapping(List.of("room-1"), between("10:00:00", "11:00:00")));
    }

    /**
     * Two updates of one booking in one unit of work, the second from the first one's version, are
     * both applied.
     */
    @Test
    default void update_twice_in_one_unit_of_work_applies_both() {
        Booking v0 = booking("bk-1").status(BookingStatus.HELD).build();
        insert(v0);
        Booking v1 = v0.transitioned(BookingStatus.PENDING, BOSS, at("08:00:00"), "");
        Booking v2 = v1.transitioned(BookingStatus.CONFIRMED, BOSS, at("08:01:00"), "");
        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            assertTrue(unit.update(v1), "the first update was refused");
            assertTrue(unit.update(v2), "the second update, from the first one's version, was refused");
            return null;
        });
        assertEquals(Optional.of(v2), store().reads(TENANT).findBooking("bk-1"));
    }

    /** An update of a booking that the same unit of work inserted is stored. */
    @Test
    default void update_after_insert_in_one_unit_of_work_stores_the_update() {
        givenResources(TENANT, "room-1");
        Booking v0 = booking("bk-1").build();
        Booking v1 = v0.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "changed mind");
        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(v0);
            assertTrue(unit.update(v1), "the update of a booking inserted in the same unit was refused");
            return null;
        });
        assertEquals(Optional.of(v1), store().reads(TENANT).findBooking("bk-1"));
    }

    /**
     * An update from a stale copy returns false and leaves the stored booking, and the unit's own
     * copy, as they were; the unit's other writes are still committed.
     */
    @Test
    default void update_from_a_stale_copy_returns_false_and_changes_nothing() {
        Booking v0 = booking("bk-1").build();
        Booking bystander = booking("bk-2").resources("room-2").build();
        insert(v0, bystander);
        Booking winner = v0.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "first");
        update(winner);
        Booking loser = v0.transitioned(BookingStatus.IN_PROGRESS, BOSS, at("08:00:01"), "second");
        Booking along = bystander.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:02"), "along");
        Booking added = booking("bk-3").resources("room-2").time("13:00:00", "14:00:00").build();

        boolean stored = store().inUnitOfWork(TENANT, List.of("room-1", "room-2"), unit -> {
            unit.insert(added);
            assertTrue(unit.update(along), "the store refused an update from the current version");
            unit.enqueue(message("msg-1", added, NotificationKind.CONFIRMED, at("08:00:00")));
            boolean answer = unit.update(loser);
            assertEquals(Optional.of(winner), unit.findBooking("bk-1"), "the refused update changed its unit's copy");
            return answer;
        });

        assertFalse(stored, "an update from a stale copy was stored");
        assertEquals(Optional.of(winner), store().reads(TENANT).findBooking("bk-1"));
        // The refusal is an answer, not a failure: the unit goes on and commits its other writes.
        // (The core turns the answer into a StaleBookingException, which rolls the unit back.)
        assertEquals(Optional.of(along), store().reads(TENANT).findBooking("bk-2"));
        assertEquals(Optional.of(added), store().reads(TENANT).findBooking("bk-3"));
        assertEquals(List.of("msg-1"), messageIds(claimAll(at("23:00:00"))));
    }

    /**
     * An update more than one version after the stored booking returns false and changes nothing.
     */
    @Test
    default void update_skipping_a_version_returns_false_and_changes_nothing() {
        Booking v0 = booking("bk-1").build();
        insert(v0);
        Booking v2 = v0.transitioned(BookingStatus.IN_PROGRESS, BOSS, at("08:00:00"), "")
                .transitioned(BookingStatus.COMPLETED, BOSS, at("09:00:00"), "");

        assertFalse(offerUpdate(v2), "an update that skips a version was stored");
        assertEquals(Optional.of(v0), store().reads(TENANT).findBooking("bk-1"));
    }

    /** The same update applied a second time returns false and changes nothing. */
    @Test
    default void update_repeated_returns_false_and_changes_nothing() {
        Booking v0 = booking("bk-1").build();
        insert(v0);
        Booking v1 = v0.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "");
        update(v1);

        assertFalse(offerUpdate(v1), "the same update was stored twice");
        assertEquals(Optional.of(v1), store().reads(TENANT).findBooking("bk-1"));
    }

    /** An update of a booking that was never inserted returns false and stores nothing. */
    @Test
    default void update_of_a_missing_booking_returns_false_and_stores_nothing() {
        givenResources(TENANT, "room-1");
        Booking ghost = booking("bk-ghost").build().transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "");

        assertFalse(offerUpdate(ghost), "an update of a booking never inserted was stored");
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-ghost"));
        assertEquals(List.of(), store().reads(TENANT).findOverlapping(List.of("room-1"), EVER));
    }

    /**
     * Offers {@code changed} to the store's update in a unit of work of its own, and returns the
     * answer; when the answer is false, the unit must still read the booking as it was.
     */
    private boolean offerUpdate(Booking changed) {
        return store().inUnitOfWork(changed.tenantId(), changed.resourceIds(), unit -> {
            Optional<Booking> before = unit.findBooking(changed.id());
            boolean answer = unit.update(changed);
            if (!answer) {
                assertEquals(before, unit.findBooking(changed.id()), "the refused update changed its unit's copy");
            }
            return answer;
        });
    }

    /**
     * Expiring a blocking booking stores the expired copy, even from a unit that locks only one of
     * its resources.
     */
    @Test
    default void expire_stores_the_expiry_of_a_blocking_booking() {
        Booking hold = booking("bk-1").resources("room-1", "room-2").status(BookingStatus.HELD)
                .expiresAt(at("08:10:00")).build();
        insert(hold);
        Booking expired = hold.transitioned(BookingStatus.EXPIRED, Actor.system(TENANT), at("09:00:00"), "expired");

        assertEquals(true, store().inUnitOfWork(TENANT, List.of("room-1"), unit -> unit.expire(expired)));
        assertEquals(Optional.of(expired), store().reads(TENANT).findBooking("bk-1"));
    }

    /**
     * A second expiry of a booking already expired, from a unit on another of its resources,
     * returns false and changes nothing, and that unit still commits its other writes.
     */
    @Test
    default void expire_a_second_time_from_another_resource_is_a_no_op_not_a_failure() {
        Booking hold = booking("bk-1").resources("room-1", "room-2").status(BookingStatus.HELD)
                .expiresAt(at("08:10:00")).build();
        insert(hold);
        Booking first = hold.transitioned(BookingStatus.EXPIRED, Actor.system(TENANT), at("09:00:00"), "expired");
        Booking second = hold.transitioned(BookingStatus.EXPIRED, Actor.system(TENANT), at("09:00:01"), "expired");
        Booking added = booking("bk-2").resources("room-2").time("13:00:00", "14:00:00").build();

        store().inUnitOfWork(TENANT, List.of("room-1"), unit -> unit.expire(first));
        boolean again = store().inUnitOfWork(TENANT, List.of("room-2"), unit -> {
            boolean stored = unit.expire(second);
            unit.insert(added);
            return stored;
        });

        assertEquals(false, again);
        assertEquals(Optional.of(first), store().reads(TENANT).findBooking("bk-1"));
        assertEquals(Optional.of(added), store().reads(TENANT).findBooking("bk-2"), "the unit went on and committed");
    }

    /**
     * A second booking with an id already used is refused with {@link DuplicateBookingException},
     * and the first stays as it was.
     */
    @Test
    default void duplicate_id_is_refused() {
        Booking first = booking("bk-1").build();
        insert(first);
        Booking second = booking("bk-1").customer("someone-else").time("15:00:00", "16:00:00").build();

        assertThrows(DuplicateBookingException.class, () -> insert(second));
        assertEquals(Optional.of(first), store().reads(TENANT).findBooking("bk-1"));
    }

    /** An id already used is refused on another resource too, and nothing is written there. */
    @Test
    default void duplicate_id_is_refused_on_another_resource_too() {
        insert(booking("bk-1").resources("room-1").build());
        assertThrows(DuplicateBookingException.class, () -> insert(booking("bk-1").resources("room-2").build()));
        assertEquals(List.of(), store().reads(TENANT).findOverlapping(List.of("room-2"), EVER));
    }

    /**
     * A second booking with an idempotency key already used is refused with
     * {@link DuplicateBookingException}; the key still finds the first.
     */
    @Test
    default void duplicate_idempotency_key_is_refused() {
        Booking first = booking("bk-1").key("idem-1").build();
        insert(first);
        Booking second = booking("bk-2").key("idem-1").resources("room-2").build();

        assertThrows(DuplicateBookingException.class, () -> insert(second));
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-2"));
        assertEquals(Optional.of(first), store().inUnitOfWork(TENANT, List.of("room-2"),
                unit -> unit.findByIdempotencyKey("idem-1")));
    }

    /** Inserting one id twice in one unit of work is refused, and the unit writes nothing. */
    @Test
    default void duplicate_within_one_unit_of_work_is_refused() {
        givenResources(TENANT, "room-1");
        Booking one = booking("bk-1").build();
        Booking again = booking("bk-1").time("12:00:00", "13:00:00").build();

        assertThrows(DuplicateBookingException.class, () -> store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(one);
            unit.insert(again);
            return null;
        }));
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-1"));
    }

    /**
     * A unit of work refused for a duplicate writes nothing: neither its other bookings nor its
     * outbox messages.
     */
    @Test
    default void duplicate_makes_the_whole_unit_write_nothing() {
        insert(booking("bk-1").key("idem-1").build());
        Booking fine = booking("bk-2").time("14:00:00", "15:00:00").build();
        Booking dup = booking("bk-3").key("idem-1").time("16:00:00", "17:00:00").build();

        assertThrows(DuplicateBookingException.class, () -> store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(fine);
            unit.enqueue(message("msg-1", fine, NotificationKind.CONFIRMED, at("08:00:00")));
            unit.insert(dup);
            return null;
        }));
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-2"));
        assertEquals(Optional.empty(), store().reads(TENANT).findBooking("bk-3"));
        assertEquals(List.of(), claimAll(at("23:00:00")));
    }

    /**
     * Ids and idempotency keys are unique within a tenant only: another tenant may use the same
     * ones.
     */
    @Test
    default void duplicate_ids_and_keys_are_per_tenant_only() {
        Booking ours = booking("bk-1").key("idem-1").build();
        Booking theirs = booking("bk-1").key("idem-1").tenant(OTHER_TENANT).customer("other").build();
        insert(ours, theirs);

        assertEquals(Optional.of(ours), store().reads(TENANT).findBooking("bk-1"));
        assertEquals(Optional.of(theirs), store().reads(OTHER_TENANT).findBooking("bk-1"));
    }
}
