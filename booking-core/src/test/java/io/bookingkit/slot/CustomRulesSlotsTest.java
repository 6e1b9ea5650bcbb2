package io.bookingkit.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.policy.CustomerState;
import io.bookingkit.policy.ResourceState;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * The slot list's quick checks stand in for the opening-hours and conflict rules only when
 * those rules are in force: a generator without them offers what they would refuse.
 */
class CustomRulesSlotsTest {

    private static final Instant NINE = Instant.parse("2031-03-12T09:00:00Z");
    private static final Instant NOW = NINE.minus(Duration.ofDays(1));
    private static final ServiceTemplate HOUR = ServiceTemplate.builder("hour").duration(Duration.ofHours(1)).build();
    private static final Resource ROOM = Resource.of("t", "room", "Room", OpeningHours.parse("Mo-Su 10:00-12:00", ZoneOffset.UTC));
    private static final Booking AT_TEN = Booking.builder().id("b").tenantId("t").resourceIds(List.of("room"))
            .customerId("c").templateName("hour").interval(Interval.of(NINE.plus(Duration.ofHours(1)), Duration.ofHours(1)))
            .status(BookingStatus.CONFIRMED).createdAt(NOW).build();

    private static List<Instant> offered(List<BookingRule> rules) {
        Interval window = Interval.of(NINE, Duration.ofHours(3));
        ResourceState state = ResourceState.of(ROOM, HOUR, Interval.of(NINE, Duration.ofHours(5)), List.of(AT_TEN), NOW);
        List<Instant> starts = List.of(NINE, NINE.plus(Duration.ofHours(1)), NINE.plus(Duration.ofHours(2)));
        return new SlotGenerator(rules).slots(HOUR, PoolMode.ALL_OF, List.of(state), CustomerState.anonymous(), starts,
                Duration.ofHours(1), 1, NOW, ZoneOffset.UTC).stream().map(s -> s.interval().getStart())
                .filter(window::contains).toList();
    }

    @Test
    void only_the_rules_in_force_refuse_starts() {
        Instant nine = NINE;
        Instant ten = NINE.plus(Duration.ofHours(1));
        Instant eleven = NINE.plus(Duration.ofHours(2));
        assertEquals(List.of(eleven), offered(List.of(BookingRules.openingHours(), BookingRules.noConflicts())));
        assertEquals(List.of(ten, eleven), offered(List.of(BookingRules.openingHours())), "no conflict rule");
        assertEquals(List.of(nine, eleven), offered(List.of(BookingRules.noConflicts())), "no opening-hours rule");
    }
}
