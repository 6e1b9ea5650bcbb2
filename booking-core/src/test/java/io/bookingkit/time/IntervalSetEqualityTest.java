package io.bookingkit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** Two sets are equal exactly when they hold the same instants; nothing else equals a set. */
class IntervalSetEqualityTest {

    private static final Instant NINE = Instant.parse("2031-03-12T09:00:00Z");

    private static Interval hours(int from, int length) {
        return Interval.of(NINE.plus(Duration.ofHours(from)), Duration.ofHours(length));
    }

    @Test
    void sets_with_other_instants_are_not_equal() {
        IntervalSet set = IntervalSet.of(List.of(hours(0, 1), hours(2, 1)));
        assertEquals(set, IntervalSet.of(List.of(hours(2, 1), hours(0, 1))));
        assertNotEquals(set, IntervalSet.of(List.of(hours(0, 1), hours(2, 2))), "another end");
        assertNotEquals(set, IntervalSet.of(List.of(hours(0, 1), hours(3, 1))), "another start");
        assertNotEquals(set, IntervalSet.of(List.of(hours(0, 1))), "fewer intervals");
        assertNotEquals(set, IntervalSet.of(List.of()), "the empty set");
        assertNotEquals(set, List.of(hours(0, 1), hours(2, 1)), "a list of the same intervals");
    }
}
