package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.CapacityBruteForce.assertNoInstantOverCapacity;
import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.RaceHarness.race;
import static io.bookingkit.testsupport.RaceHarness.racingEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.recurrence.ConflictPolicy;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesRefusedException;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.resource.Resource;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recurring series through a {@link BookingEngine} over the store: a refused series leaves
 * nothing behind, and series racing on two application nodes never put more seats on a resource
 * than it has at any instant, checked by brute force over the bookings read back and by
 * {@link #assertNoOverbookingInStorage()}.
 */
public interface SeriesContract extends RaceContract {

    /**
     * A series refused because one occurrence is taken books none of its occurrences, sends no
     * message and leaves its idempotency key unused; the refusal names the occurrence.
     */
    @Test
    default void a_refused_series_writes_nothing() {
        store().saveResource(new Resource(TENANT, "room-1", "Room 1", OPEN_DAILY, 1));
        ServiceTemplate template = ServiceTemplate.builder("weekly").duration(Duration.ofHours(1)).build();
        BookingEngine engine = racingEngine(store(), template);
        Instant first = at("10:00:00").plus(Duration.ofDays(2));
        Booking blocker = booking("blocker").template("weekly").interval(
                org.threeten.extra.Interval.of(first.plus(Duration.ofDays(21)), Duration.ofHours(1))).build();
        insert(blocker);

        SeriesRefusedException refused = assertThrows(SeriesRefusedException.class, () -> engine.bookSeries(
                SeriesRequest.builder().template("weekly").resource("room-1").start(first)
                        .rule(RecurrenceRule.weekly().count(5)).idempotencyKey("series-1").build(),
                Actor.customer(TENANT, "ana")));

        assertEquals(List.of(3), refused.refused().stream().map(r -> r.index()).toList());
        assertEquals(List.of("blocker"), ContractData.ids(store().reads(TENANT).findOverlapping(List.of("room-1"), EVER)));
        assertEquals(List.of(), claimAll(first.plus(Duration.ofDays(60))), "a refused series sends nothing");
        // The key is not spent by a refusal.
        assertTrue(store().inUnitOfWork(TENANT, List.of("room-1"), u -> u.findByIdempotencyKey("series-1")).isEmpty());
    }

    /**
     * Series of three daily occurrences, all-or-nothing or skipping conflicts, race on two nodes
     * for a resource of one seat: no two occurrences share it, and every occurrence booked is
     * stored.
     *
     * @throws Exception if the test thread is interrupted while it waits for the racers
     */
    @Test
    default void series_racing_on_two_nodes_never_share_an_occurrence() throws Exception {
        int threads = raceThreads();
        store().saveResource(new Resource(TENANT, "room-1", "Room 1", OPEN_DAILY, 1));
        ServiceTemplate template = ServiceTemplate.builder("daily").duration(Duration.ofHours(1)).build();
        BookingEngine[] nodes = {racingEngine(store(), template), racingEngine(secondNode(store()), template)};

        List<Object> outcomes = race(threads, i -> nodes[i % 2].bookSeries(SeriesRequest.builder().template("daily")
                .resource("room-1").start(at("10:00:00").plus(Duration.ofDays(1 + i % 5)))
                .rule(RecurrenceRule.daily(3))
                .policy(i % 3 == 0 ? ConflictPolicy.ALL_OR_NOTHING : ConflictPolicy.SKIP_CONFLICTS).build(),
                Actor.customer(TENANT, String.format("cust-%03d", i))));

        List<Booking> won = seriesBookings(outcomes);
        assertFalse(won.isEmpty(), "no series got an occurrence");
        List<Booking> stored = store().reads(TENANT).findOverlapping(List.of("room-1"), EVER);
        assertEquals(won.size(), stored.size(), "every occurrence booked is stored, and nothing else");
        assertNoInstantOverCapacity(stored, Map.of("room-1", 1));
        assertNoOverbookingInStorage();
    }

    /**
     * Weekly series of parties of one or two, skipping conflicts or appending replacements, race on
     * two nodes for a class of 3 seats: no instant is over capacity, every occurrence booked is
     * stored, and the class fills.
     *
     * @throws Exception if the test thread is interrupted while it waits for the racers
     */
    @Test
    default void a_seated_class_booked_as_series_never_goes_over_capacity() throws Exception {
        int threads = raceThreads();
        int capacity = 3;
        store().saveResource(new Resource(TENANT, "studio", "Studio", OPEN_DAILY, capacity));
        ServiceTemplate template = ServiceTemplate.builder("class").duration(Duration.ofHours(1)).partySize(1, 2)
                .build();
        BookingEngine[] nodes = {racingEngine(store(), template), racingEngine(secondNode(store()), template)};

        List<Object> outcomes = race(threads, i -> nodes[i % 2].bookSeries(SeriesRequest.builder().template("class")
                .resource("studio").start(at("18:00:00").plus(Duration.ofDays(1 + i % 2)))
                .rule(RecurrenceRule.weekly().count(4)).partySize(1 + i % 2)
                .policy(i % 2 == 0 ? ConflictPolicy.SKIP_CONFLICTS : ConflictPolicy.APPEND_REPLACEMENTS).build(),
                Actor.customer(TENANT, String.format("cust-%03d", i))));

        List<Booking> won = seriesBookings(outcomes);
        List<Booking> stored = store().reads(TENANT).findOverlapping(List.of("studio"), EVER);
        assertEquals(won.size(), stored.size(), "every occurrence booked is stored, and nothing else");
        assertNoInstantOverCapacity(stored, Map.of("studio", capacity));
        assertTrue(stored.size() >= 8, "the class should fill: " + stored.size() + " occurrences");
        assertNoOverbookingInStorage();
    }

    /** The occurrences of the series in {@code outcomes}; fails on anything but a series or its refusal. */
    private static List<Booking> seriesBookings(List<Object> outcomes) {
        List<Booking> booked = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof SeriesResult r) {
                booked.addAll(r.booked());
            } else if (!(o instanceof SeriesRefusedException)) {
                throw new AssertionError("a racer failed: " + o, o instanceof Throwable t ? t : null);
            }
        }
        return booked;
    }
}
