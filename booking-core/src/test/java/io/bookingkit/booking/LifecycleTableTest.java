package io.bookingkit.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** The lifecycle table as data, and the values built around it. */
class LifecycleTableTest {

    @Test
    void the_table_lists_every_step_once_and_finds_each_by_its_statuses() {
        List<Lifecycle.Step> steps = Lifecycle.steps();
        assertEquals(14, steps.size());
        assertEquals(steps.size() + 2, Lifecycle.markdown().lines().count(), "a header, a rule and a row per step");
        for (Lifecycle.Step s : steps) {
            assertEquals(Optional.of(s), Lifecycle.step(s.action(), s.from(), s.to()));
        }
        assertEquals(Optional.empty(), Lifecycle.step(Lifecycle.Action.CONFIRM, BookingStatus.PENDING, BookingStatus.PENDING));
        assertEquals(List.of(), Lifecycle.stepsFrom(Lifecycle.Action.START, BookingStatus.CANCELLED));
    }

    @Test
    void a_status_is_final_exactly_when_no_step_leaves_it() {
        for (BookingStatus status : BookingStatus.values()) {
            boolean left = Lifecycle.steps().stream().anyMatch(s -> s.from() == status);
            assertEquals(!left, status.isFinal(), status.name());
        }
    }

    @Test
    void builders_keep_every_value_they_are_given() {
        Instant at = Instant.parse("2031-03-12T13:00:00Z");
        Booking b = Booking.builder().id("b").tenantId("t").resourceIds(List.of("r")).customerId("c").templateName("x")
                .interval(Interval.of(at, Duration.ofMinutes(30))).status(BookingStatus.CONFIRMED).version(3)
                .createdAt(at).updatedAt(at.plusSeconds(60)).locale(Locale.GERMAN).build();
        assertEquals(3, b.version());
        assertEquals(at.plusSeconds(60), b.updatedAt());
        assertEquals(b, b.toBuilder().build());

        BookingRequest request = BookingRequest.builder().template("x").resource("r").start(at).locale(Locale.GERMAN)
                .duration(Duration.ofMinutes(30)).build();
        assertEquals(Optional.of(Locale.GERMAN), request.locale());
        assertTrue(request.duration().isPresent());
    }
}
