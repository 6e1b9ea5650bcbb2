package io.bookingkit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** What the rules count, asked directly: per customer, per resource, per day and per week. */
class RuleStatesTest {

    // Wednesday 12 March 2031; its ISO week starts on Monday the 10th.
    private static final LocalDate WEDNESDAY = LocalDate.of(2031, 3, 12);
    private static final Instant NOW = Instant.parse("2031-03-01T00:00:00Z");
    private static final ServiceTemplate CUT = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30))
            .limits(Limits.none().withPerCustomerDay(5).withPerResourceWeek(9)).build();

    private static Booking booking(String id, String customer, LocalDate day, String template) {
        Instant start = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
        return Booking.builder().id(id).tenantId("t").resourceIds(List.of("chair")).customerId(customer)
                .templateName(template).interval(Interval.of(start, Duration.ofMinutes(30)))
                .status(BookingStatus.CONFIRMED).createdAt(NOW).build();
    }

    private final List<Booking> bookings = List.of(
            booking("a1", "ana", WEDNESDAY, "cut"),
            booking("a2", "ana", WEDNESDAY.minusDays(1), "cut"),
            booking("a3", "ana", WEDNESDAY, "dye"),
            booking("b1", "ben", WEDNESDAY, "cut"));

    @Test
    void a_customer_counts_only_their_own_bookings_of_the_template_by_day_and_by_week() {
        CustomerState ana = CustomerState.of("ana", CUT, bookings, NOW);
        assertEquals(1, ana.bookingsOn(WEDNESDAY, ZoneOffset.UTC, Set.of()), "Wednesday's cut, not Ben's nor the dye");
        assertEquals(2, ana.bookingsInWeekOf(WEDNESDAY, ZoneOffset.UTC, Set.of()), "Tuesday's and Wednesday's cuts");
        assertEquals(1, ana.bookingsInWeekOf(WEDNESDAY, ZoneOffset.UTC, Set.of("a2")));
        assertEquals(0, ana.bookingsOn(WEDNESDAY.plusDays(7), ZoneOffset.UTC, Set.of()));
    }

    @Test
    void a_resource_counts_its_week_even_when_asked_for_it_first() {
        Resource chair = Resource.of("t", "chair", "Chair", OpeningHours.parse("Mo-Su 08:00-20:00", ZoneOffset.UTC));
        ResourceState state = ResourceState.of(chair, CUT, Interval.of(NOW, Duration.ofDays(30)), bookings, NOW);
        assertEquals(3, state.templateBookingsInWeekOf(WEDNESDAY, Set.of()), "a1, a2 and b1");
        assertEquals(2, state.templateBookingsOn(WEDNESDAY, Set.of()));
        assertEquals(3, state.blockingOn(WEDNESDAY), "every blocking booking of the day, any template");
    }

    @Test
    void violations_read_as_code_and_message_and_refusals_count_them() {
        Violation bare = Violation.of("overlap");
        assertEquals("overlap", bare.code());
        assertEquals("overlap: " + bare.message(java.util.Locale.ENGLISH), bare.toString());
        assertEquals("The request breaks 1 rule: " + bare, new PolicyViolationException(List.of(bare)).getMessage());
        assertEquals("The request breaks 2 rules: " + bare + "; " + bare,
                new PolicyViolationException(List.of(bare, bare)).getMessage());
    }
}
