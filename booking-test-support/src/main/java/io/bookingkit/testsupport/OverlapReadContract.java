package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.between;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.resource.Resource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Overlap reads: {@code findOverlapping} and {@code findByCustomer}, outside and inside a unit of
 * work. Intervals are half-open, so touching bookings do not overlap and one shared microsecond
 * does; results are in every status, ordered by start then id, each booking once, of one tenant.
 */
public interface OverlapReadContract extends StoreFixture {

    /**
     * Seven bookings: a 10-11, b 11-12 and f 10:15-10:45 (cancelled) on room-1; c 10:30-11:30 on
     * room-2; d 10-12 on room-3; e 9-10 on room-3 and room-1; g 12:30-13:00 on room-1 with
     * buffers occupying 12:00-13:30. Returned in that order: a, b, c, d, e, f, g.
     */
    private List<Booking> givenOverlappingBookings() {
        givenResources(TENANT, "room-1", "room-2", "room-3");
        Booking a = booking("bk-a").resources("room-1").time("10:00:00", "11:00:00").build();
        Booking b = booking("bk-b").resources("room-1").time("11:00:00", "12:00:00").build();
        Booking c = booking("bk-c").resources("room-2").time("10:30:00", "11:30:00").build();
        Booking d = booking("bk-d").resources("room-3").time("10:00:00", "12:00:00").build();
        Booking e = booking("bk-e").resources("room-3", "room-1").time("09:00:00", "10:00:00").build();
        Booking f = booking("bk-f").resources("room-1").time("10:15:00", "10:45:00").status(BookingStatus.CANCELLED).build();
        // Its own time is 12:30-13:00, but its buffers occupy the room from 12:00 to 13:30.
        Booking g = booking("bk-g").resources("room-1").time("12:30:00", "13:00:00")
                .buffers(Duration.ofMinutes(30), Duration.ofMinutes(30)).build();
        insert(g, f, e, d, c, b, a);
        return List.of(a, b, c, d, e, f, g);
    }

    private List<String> overlapping(Collection<String> resources, String start, String end) {
        return ids(store().reads(TENANT).findOverlapping(resources, between(start, end)));
    }

    /** A booking that ends where the range starts does not overlap it. */
    @Test
    default void overlapping_excludes_a_booking_ending_where_the_range_starts() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-b"), overlapping(List.of("room-1"), "11:00:00", "11:30:00"));
    }

    /** A booking that starts where the range ends does not overlap it. */
    @Test
    default void overlapping_excludes_a_booking_starting_where_the_range_ends() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-e"), overlapping(List.of("room-1"), "09:00:00", "10:00:00"));
    }

    /** A range that shares one microsecond with a booking, at either end, finds it. */
    @Test
    default void overlapping_includes_one_shared_microsecond() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-a"), overlapping(List.of("room-1"), "10:59:59.999999", "11:00:00"));
        assertEquals(List.of("bk-b"), overlapping(List.of("room-1"), "11:00:00", "11:00:00.000001"));
    }

    /**
     * A range one nanosecond long finds the booking it falls in, by resource and by customer: a
     * store that keeps microseconds must not round it away.
     */
    @Test
    default void overlapping_includes_one_shared_nanosecond() {
        givenOverlappingBookings();
        // The core asks what is at one instant with a range one nanosecond long; a store that
        // keeps microseconds must not round such a range away.
        assertEquals(List.of("bk-b"), ids(store().reads(TENANT).findOverlapping(List.of("room-1"),
                Interval.of(at("11:00:00"), at("11:00:00").plusNanos(1)))));
        assertEquals(List.of("bk-a"), ids(store().reads(TENANT).findOverlapping(List.of("room-1"),
                Interval.of(at("10:59:59.999999999"), at("11:00:00")))));
        assertEquals(List.of("bk-d", "bk-c", "bk-b"), ids(store().reads(TENANT).findByCustomer("cust-1",
                Interval.of(at("11:00:00"), at("11:00:00").plusNanos(1)))));
    }

    /** Bookings in every status are found, a cancelled one too, in order of start. */
    @Test
    default void overlapping_returns_any_status_in_order_of_start() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-a", "bk-f"), overlapping(List.of("room-1"), "10:00:00", "11:00:00"));
    }

    /**
     * Only bookings on the resources asked for are found; a resource without bookings, or unknown,
     * finds none.
     */
    @Test
    default void overlapping_searches_only_the_requested_resources() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-a", "bk-f", "bk-c", "bk-b"),
                overlapping(List.of("room-1", "room-2"), "10:00:00", "12:00:00"));
        assertEquals(List.of("bk-c"), overlapping(List.of("room-2"), "09:00:00", "18:00:00"));
        assertEquals(List.of(), overlapping(List.of("room-9"), "09:00:00", "18:00:00"));
    }

    /** A booking on several resources is found once, whichever of them are asked for. */
    @Test
    default void overlapping_finds_a_booking_of_several_resources_once() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-e", "bk-d"), overlapping(List.of("room-3"), "09:30:00", "10:30:00"));
        assertEquals(List.of("bk-e"), overlapping(List.of("room-1", "room-3"), "09:30:00", "09:31:00"));
    }

    /**
     * Overlap is judged on the occupied interval: a range that meets only a booking's buffers finds
     * it, one just past them does not.
     */
    @Test
    default void overlapping_uses_the_occupied_interval_buffers_included() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-g"), overlapping(List.of("room-1"), "12:00:00", "12:15:00"));
        assertEquals(List.of("bk-g"), overlapping(List.of("room-1"), "13:15:00", "13:30:00"));
        assertEquals(List.of(), overlapping(List.of("room-1"), "13:30:00", "14:00:00"));
    }

    /** Bookings that start at the same instant come in order of id. */
    @Test
    default void overlapping_orders_equal_starts_by_id() {
        givenOverlappingBookings();
        store().saveResource(new Resource(TENANT, "room-4", "Room with three seats", OPEN_DAILY, 3));
        Booking x2 = booking("bk-x2").resources("room-4").time("15:00:00", "16:00:00").build();
        Booking x1 = booking("bk-x1").resources("room-4").time("15:00:00", "15:30:00").build();
        Booking x3 = booking("bk-x3").resources("room-4").time("15:00:00", "15:45:00").build();
        insert(x2, x3, x1);

        assertEquals(List.of("bk-x1", "bk-x2", "bk-x3"), overlapping(List.of("room-4"), "15:00:00", "15:10:00"));
    }

    /** The bookings found are equal to those inserted, in every component. */
    @Test
    default void overlapping_returns_whole_bookings() {
        List<Booking> x = givenOverlappingBookings(); // a, b, c, d, e, f, g
        assertEquals(List.of(x.get(4), x.get(0), x.get(3), x.get(5), x.get(1), x.get(6)), store().reads(TENANT).findOverlapping(List.of("room-1", "room-3"),
                between("00:00:00", "23:59:59")));
    }

    /** A read of one tenant never finds another tenant's booking on a resource of the same id. */
    @Test
    default void overlapping_never_searches_another_tenant() {
        givenOverlappingBookings();
        insert(booking("bk-z").tenant(OTHER_TENANT).resources("room-1").time("10:00:00", "11:00:00").build());

        assertEquals(List.of("bk-a", "bk-f"), overlapping(List.of("room-1"), "10:00:00", "11:00:00"));
        assertEquals(List.of("bk-z"), ids(store().reads(OTHER_TENANT).findOverlapping(List.of("room-1"), EVER)));
    }

    /**
     * The same overlap read inside a unit of work, on resources it locks, returns the same
     * bookings.
     */
    @Test
    default void overlapping_in_a_unit_of_work_answers_the_same() {
        givenOverlappingBookings();
        List<Booking> expected = store().reads(TENANT).findOverlapping(List.of("room-1", "room-2"), between("10:00:00", "12:00:00"));
        List<Booking> inUnit = store().inUnitOfWork(TENANT, List.of("room-1", "room-2"),
                unit -> unit.findOverlapping(List.of("room-1", "room-2"), between("10:00:00", "12:00:00")));
        assertEquals(expected, inUnit);
    }

    /**
     * The bookings of one customer of one tenant are found by their own time, not their buffers, in
     * every status, in order of start then id, outside and inside a unit of work.
     */
    @Test
    default void by_customer_finds_their_bookings_by_their_own_time_in_order() {
        Booking late = booking("bk-late").customer("ana").resources("room-2").time("14:00:00", "15:00:00")
                .status(BookingStatus.CANCELLED).build();
        Booking early = booking("bk-early").customer("ana").resources("room-1").time("10:00:00", "11:00:00")
                .buffers(Duration.ZERO, Duration.ofMinutes(30)).build();
        Booking sameStart = booking("bk-also").customer("ana").resources("room-3").time("10:00:00", "10:30:00").build();
        Booking someoneElse = booking("bk-ben").customer("ben").resources("room-3").time("14:00:00", "15:00:00").build();
        Booking elsewhere = booking("bk-other").tenant(OTHER_TENANT).customer("ana").time("10:00:00", "11:00:00").build();
        insert(late, early, sameStart, someoneElse, elsewhere);

        assertEquals(List.of(sameStart, early, late), store().reads(TENANT).findByCustomer("ana", between("00:00:00", "23:00:00")));
        assertEquals(List.of("bk-late"), ids(store().reads(TENANT).findByCustomer("ana", between("11:00:00", "14:00:01"))));
        // bk-early's buffer runs to 11:30, but the customer's own time ends at 11:00.
        assertEquals(List.of(), ids(store().reads(TENANT).findByCustomer("ana", between("11:00:00", "11:30:00"))));
        assertEquals(List.of("bk-ben"), ids(store().reads(TENANT).findByCustomer("ben", EVER)));
        assertEquals(List.of("bk-other"), ids(store().reads(OTHER_TENANT).findByCustomer("ana", EVER)));
        assertEquals(List.of(), store().reads(TENANT).findByCustomer("carla", EVER));
        assertEquals(List.of("bk-also", "bk-early", "bk-late"), store().inUnitOfWork(TENANT, List.of("room-1"),
                unit -> ids(unit.findByCustomer("ana", EVER))));
    }
}
