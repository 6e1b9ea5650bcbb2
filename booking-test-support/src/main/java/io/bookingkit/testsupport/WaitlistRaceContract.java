package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.RaceHarness.racingEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.BookingEngine;
import io.bookingkit.resource.Resource;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The waitlist's guarantee under races ({@link WaitlistRace}): threads on two application nodes
 * cancel, join and accept offers on a few full sessions at once; afterwards no session is over
 * capacity, no entry waits while a seat is free, and no seat was offered twice.
 */
public interface WaitlistRaceContract extends RaceContract {

    /**
     * Rounds of {@link WaitlistRace} on two nodes keep the waitlist's guarantee: no racer fails
     * unexpectedly, the stored data breaks none of its rules, some offer was accepted, and every
     * session ends full.
     *
     * @throws Exception if the test thread is interrupted while it waits for the racers
     */
    @Test
    default void races_of_cancelling_joining_and_accepting_keep_the_waitlists_guarantee() throws Exception {
        int threads = Math.max(18, raceThreads());
        store().saveResource(new Resource(TENANT, WaitlistRace.HALL, "Hall", OPEN_DAILY, WaitlistRace.CAPACITY));
        ServiceTemplate template = ServiceTemplate.builder(WaitlistRace.TEMPLATE).duration(Duration.ofHours(1)).build();
        BookingEngine[] nodes = {racingEngine(store(), template), racingEngine(secondNode(store()), template)};
        int rounds = Math.max(1, raceRounds() / 2);
        for (int round = 0; round < rounds; round++) {
            assertEquals(List.of(), WaitlistRace.race(nodes, threads, round), "round " + round);
        }
        assertEquals(List.of(), WaitlistRace.violations(store(), rounds));
        java.util.Map<Object, Long> tally = WaitlistRace.tally(store(), rounds);
        org.junit.jupiter.api.Assertions.assertTrue(tally.getOrDefault(io.bookingkit.waitlist.WaitlistStatus.BOOKED, 0L) > 0,
                () -> "no offer was accepted: " + tally);
        assertEquals(null, tally.get("sessions not full"), () -> "a freed seat was lost: " + tally);
        assertNoOverbookingInStorage();
    }
}
