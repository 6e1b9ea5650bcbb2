package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.CapacityBruteForce.assertNoInstantOverCapacity;
import static io.bookingkit.testsupport.CapacityBruteForce.wouldOverbook;
import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.ids;
import static io.bookingkit.testsupport.RaceHarness.assertOnlyRefusals;
import static io.bookingkit.testsupport.RaceHarness.race;
import static io.bookingkit.testsupport.RaceHarness.racingEngine;
import static io.bookingkit.testsupport.RaceHarness.successes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.IdempotencyKeyReusedException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Races: many threads, spread over two application nodes ({@link #secondNode}), book the same
 * seats through a {@link BookingEngine} over the store; afterwards no resource is over capacity
 * at any instant, checked by brute force over the bookings read back ({@link CapacityBruteForce})
 * and by {@link #assertNoOverbookingInStorage()}, and every refusal was justified.
 */
public interface RaceContract extends StoreFixture {

    /**
     * Threads that race for the same seats; 32 by default. The capacity raced for is 3.
     *
     * @return the number of threads, more than 3
     */
    default int raceThreads() {
        return 32;
    }

    /**
     * Rounds of the race for the same seats, each at another start; 5 by default.
     *
     * @return the number of rounds, positive
     */
    default int raceRounds() {
        return 5;
    }

    /**
     * An extra check after each race that no resource is over capacity at any instant, for
     * example an SQL query over the bookings table. Does nothing by default; the race tests
     * always check the bookings read back through the port as well.
     */
    default void assertNoOverbookingInStorage() {
    }

    /**
     * In each round, {@link #raceThreads()} customers on two nodes race for one hour of a resource
     * with 3 seats: exactly 3 get a confirmed booking, every other one is refused with
     * {@link SlotUnavailableException}, and the bookings read back are the winners'.
     *
     * @throws Exception if the test thread is interrupted while it waits for the racers
     */
    @Test
    default void race_for_the_same_seats_books_exactly_the_capacity() throws Exception {
        int threads = raceThreads();
        int capacity = 3;
        assertTrue(threads > capacity, "raceThreads() must exceed the capacity of " + capacity);
        store().saveResource(new Resource(TENANT, "studio", "Studio", OPEN_DAILY, capacity));
        ServiceTemplate template = ServiceTemplate.builder("class").duration(Duration.ofHours(1)).build();
        BookingEngine[] nodes = {racingEngine(store(), template), racingEngine(secondNode(store()), template)};

        // Several rounds, each at its own start: every round must end with exactly the capacity.
        for (int round = 0; round < raceRounds(); round++) {
            Instant start = at("07:00:00").plus(Duration.ofHours(2L * round));
            int r = round;
            List<Object> outcomes = race(threads, i -> nodes[i % 2].book(BookingRequest.builder().template("class")
                    .resource("studio").start(start).build(), Actor.customer(TENANT, String.format("cust-%d-%03d", r, i))));

            List<Booking> won = successes(outcomes);
            assertEquals(capacity, won.size(), "round " + round + ": bookings made: " + ids(won));
            assertOnlyRefusals(outcomes, SlotUnavailableException.class);
            List<Booking> stored = store().reads(TENANT).findOverlapping(List.of("studio"), Interval.of(start, Duration.ofHours(1)));
            assertEquals(new TreeSet<>(ids(won)), new TreeSet<>(ids(stored)));
            stored.forEach(b -> assertEquals(BookingStatus.CONFIRMED, b.status()));
        }
        List<Booking> all = store().reads(TENANT).findOverlapping(List.of("studio"), EVER);
        assertEquals(capacity * raceRounds(), all.size());
        assertNoInstantOverCapacity(all, Map.of("studio", capacity));
        assertNoOverbookingInStorage();
    }

    /**
     * Customers on two nodes race for overlapping times of different lengths and party sizes on two
     * resources of 2 seats, booking one of them or both (named in either order): no instant is over
     * capacity, the bookings read back are the winners', and every refusal is justified by the
     * bookings there are at the end.
     *
     * @throws Exception if the test thread is interrupted while it waits for the racers
     */
    @Test
    default void race_for_overlapping_times_on_shared_resources_never_overbooks() throws Exception {
        int threads = raceThreads();
        Map<String, Integer> capacity = Map.of("room-1", 2, "room-2", 2);
        capacity.forEach((id, seats) -> store().saveResource(new Resource(TENANT, id, "Room " + id, OPEN_DAILY, seats)));
        ServiceTemplate template = ServiceTemplate.builder("flex")
                .duration(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(30))
                .buffers(Duration.ZERO, Duration.ofMinutes(15))
                .partySize(1, 2)
                .build();
        BookingEngine[] nodes = {racingEngine(store(), template), racingEngine(secondNode(store()), template)};
        BookingRequest[] requests = new BookingRequest[threads];
        for (int i = 0; i < threads; i++) {
            BookingRequest.Builder r = BookingRequest.builder().template("flex")
                    .start(at("10:00:00").plus(Duration.ofMinutes(30L * (i % 6))))
                    .duration(Duration.ofMinutes(30L * (1 + (i / 6) % 4)))
                    .partySize(1 + (i / 3) % 2);
            switch (i % 4) {
                case 0 -> r.allOf("room-1", "room-2");
                case 1 -> r.resource("room-1");
                case 2 -> r.allOf("room-2", "room-1");
                default -> r.resource("room-2");
            }
            requests[i] = r.build();
        }

        List<Object> outcomes = race(threads, i -> nodes[i % 2].book(requests[i],
                Actor.customer(TENANT, String.format("cust-%03d", i))));

        List<Booking> won = successes(outcomes);
        assertOnlyRefusals(outcomes, SlotUnavailableException.class);
        assertFalse(won.isEmpty(), "nobody got a booking");
        List<Booking> stored = store().reads(TENANT).findOverlapping(capacity.keySet(), EVER);
        assertEquals(new TreeSet<>(ids(won)), new TreeSet<>(ids(stored)));
        for (Booking b : won) {
            assertEquals(Optional.of(b), store().reads(TENANT).findBooking(b.id()));
        }
        assertNoInstantOverCapacity(stored, capacity);
        // Bookings only accumulate during the race, so a refusal must still be justified by the end.
        for (int i = 0; i < threads; i++) {
            if (outcomes.get(i) instanceof SlotUnavailableException) {
                BookingRequest r = requests[i];
                Interval occupied = template.occupied(Interval.of(r.start(), r.duration().orElseThrow()));
                assertTrue(wouldOverbook(stored, capacity, r.resourceIds(), occupied, r.partySize().getAsInt()),
                        "request " + i + " was refused although its seats are free: " + r);
            }
        }
        assertNoOverbookingInStorage();
    }

    /**
     * Retries of a request with one idempotency key race on two nodes, half of them for another
     * resource: one booking is made, and every other attempt is refused with an
     * {@link IdempotencyKeyReusedException} that names it.
     *
     * @throws Exception if the test thread is interrupted while it waits for the racers
     */
    @Test
    default void race_of_retries_with_one_idempotency_key_makes_one_booking() throws Exception {
        int threads = Math.max(8, raceThreads() / 2);
        givenResources(TENANT, "room-1", "room-2");
        ServiceTemplate template = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30)).build();
        BookingEngine[] nodes = {racingEngine(store(), template), racingEngine(secondNode(store()), template)};
        Actor ana = Actor.customer(TENANT, "ana");

        // Half the threads repeat one request; the other half send another request with the same key.
        List<Object> outcomes = race(threads, i -> nodes[i % 2].book(BookingRequest.builder().template("cut")
                .resource(i % 4 < 2 ? "room-1" : "room-2").start(at("10:00:00")).idempotencyKey("idem-1").build(), ana));

        List<Booking> won = successes(outcomes);
        assertFalse(won.isEmpty(), "nobody got a booking");
        assertEquals(1, new HashSet<>(ids(won)).size(), "one key made several bookings: " + ids(won));
        assertOnlyRefusals(outcomes, IdempotencyKeyReusedException.class);
        for (Object o : outcomes) {
            if (o instanceof IdempotencyKeyReusedException e) {
                assertEquals(won.get(0).id(), e.bookingId());
            }
        }
        assertEquals(ids(won.subList(0, 1)), ids(store().reads(TENANT).findOverlapping(List.of("room-1", "room-2"), EVER)));
    }
}
