package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.RaceHarness.racingEngine;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bookingkit.BookingEngine;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The waitlist race catches a store that does not serialize units of work: over the in-memory
 * store with its resource locks left out ({@link LocklessStore}), the same race breaks the
 * guarantee.
 */
class WaitlistRaceNegativeControlTest {

    @Test
    void without_resource_locks_the_race_breaks_the_guarantee() throws Exception {
        BookingStore store = new LocklessStore(new InMemoryBookingStore());
        store.saveResource(new Resource(TENANT, WaitlistRace.HALL, "Hall", OPEN_DAILY, WaitlistRace.CAPACITY));
        ServiceTemplate template = ServiceTemplate.builder(WaitlistRace.TEMPLATE).duration(Duration.ofHours(1)).build();
        BookingEngine[] nodes = {racingEngine(store, template), racingEngine(store, template)};
        List<String> broken = new ArrayList<>();
        int rounds = 0;
        while (broken.isEmpty() && rounds < 50) {
            // Threads may also fail in ways the guarantee does not excuse; what counts here is
            // that the stored data breaks it.
            WaitlistRace.race(nodes, 32, rounds);
            rounds++;
            broken.addAll(WaitlistRace.violations(store, rounds));
        }
        assertFalse(broken.isEmpty(), "50 rounds without locks broke nothing: the race cannot catch a missing lock");
    }
}
