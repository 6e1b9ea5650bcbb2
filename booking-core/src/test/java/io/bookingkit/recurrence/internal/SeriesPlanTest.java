package io.bookingkit.recurrence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which starts a series tries: the cap on occurrences, and replacements only for a COUNT. */
class SeriesPlanTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDateTime FIRST = LocalDateTime.of(2026, 1, 6, 18, 0);
    private static final Instant FAR = Instant.parse("2036-01-01T00:00:00Z");

    @Test
    void a_series_may_have_exactly_the_most_occurrences_and_no_more() {
        assertEquals(SeriesRequest.MAX_OCCURRENCES, SeriesPlan.of(RecurrenceRule.daily(SeriesRequest.MAX_OCCURRENCES),
                FIRST, BERLIN, Set.of(), FAR).planned().size());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SeriesPlan.of(
                RecurrenceRule.daily(SeriesRequest.MAX_OCCURRENCES + 1), FIRST, BERLIN, Set.of(), FAR));
        assertTrue(e.getMessage().contains("1001 occurrences"), e.getMessage());
    }

    @Test
    void replacements_follow_a_count_up_to_the_horizon_but_never_an_until() {
        Instant horizon = FIRST.atZone(BERLIN).toInstant().plus(Duration.ofDays(10));
        SeriesPlan counted = SeriesPlan.of(RecurrenceRule.daily(3), FIRST, BERLIN, Set.of(), horizon);
        assertEquals(3, counted.planned().size());
        assertEquals(7, counted.replacements().size(), "days 4 to 10 follow, up to the horizon");
        assertEquals(3, counted.replacements().get(0).index());

        SeriesPlan until = SeriesPlan.of(RecurrenceRule.weekly().until(FIRST.toLocalDate().plusDays(2)), FIRST, BERLIN,
                Set.of(), horizon);
        assertEquals(1, until.planned().size());
        assertEquals(0, until.replacements().size());
    }
}
