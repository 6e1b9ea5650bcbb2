package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.spi.BookingStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The feed race catches positions taken at write time: over a feed numbered by a counter when
 * changes are recorded ({@link NumberedAtWriteStore}), the reader loses changes that commit
 * after it passed their numbers.
 */
class ChangeFeedRaceNegativeControlTest {

    @Test
    void positions_taken_when_changes_are_written_lose_changes_that_commit_late() throws Exception {
        List<String> violations = new ArrayList<>();
        int rounds = 0;
        while (violations.isEmpty() && rounds < 20) {
            BookingStore store = new NumberedAtWriteStore(new InMemoryBookingStore());
            violations.addAll(ChangeFeedRace.run(new BookingStore[] {store}, List.of(store.changes()), TENANT, 6, 40));
            rounds++;
        }
        assertTrue(violations.stream().anyMatch(v -> v.contains("never seen")),
                "20 rounds of a write-time sequence lost no change: the race cannot catch it; " + violations);
    }
}
