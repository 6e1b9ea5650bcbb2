package io.bookingkit.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.booking.Actor;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** Pools: any one of several technicians, or a practitioner and a room together. */
class PoolSlotsTest {

    private static final String TENANT = "clinic";
    private static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
    private static final LocalDate DAY = LocalDate.of(2026, 9, 15);
    private static final ServiceTemplate VISIT = ServiceTemplate.builder("visit").duration(Duration.ofHours(1)).build();

    private final BookingEngine engine = BookingEngine.builder().store(new InMemoryBookingStore())
            .clock(Clock.fixed(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC))
            .templates(TemplateCatalog.of(VISIT)).build();

    PoolSlotsTest() {
        OpeningHours hours = OpeningHours.parse("Mo-Fr 09:00-12:00", ZONE);
        for (String id : List.of("tech-a", "tech-b", "dr-lee", "room-1")) {
            engine.resources().register(Resource.of(TENANT, id, id, hours));
        }
    }

    private static Instant at(int hour) {
        return WallClock.toInstant(DAY, LocalTime.of(hour, 0), ZONE);
    }

    private Booking book(int hour, String customer, String... resources) {
        BookingRequest.Builder request = BookingRequest.builder().template("visit").start(at(hour));
        if (resources.length == 1) {
            request.resource(resources[0]);
        } else {
            request.allOf(resources);
        }
        return engine.book(request.build(), Actor.customer(TENANT, customer));
    }

    private List<Slot> slots(SlotQuery.Builder query) {
        return engine.availableSlots(query.tenant(TENANT).template("visit")
                .window(Interval.of(at(0), at(23))).build());
    }

    @Test
    void anyOfOffersAnHourWhileOneTechnicianIsFreeAndAssignsTheLessBookedOne() {
        book(9, "c1", "tech-a");
        book(10, "c2", "tech-a");
        book(10, "c3", "tech-b");

        List<Slot> slots = slots(SlotQuery.builder().anyOf("tech-a", "tech-b"));

        assertEquals(List.of(at(9), at(11)), slots.stream().map(s -> s.interval().getStart()).toList(),
                "10:00 is taken on both; 9:00 only on tech-a");
        assertEquals(List.of("tech-b"), slots.get(0).resourceIds(), "only tech-b is free at 9:00");
        assertEquals(List.of("tech-b"), slots.get(1).resourceIds(),
                "at 11:00 both are free, and tech-b has fewer bookings that day");
    }

    @Test
    void anyOfBookingTakesTheAssignedTechnician() {
        book(9, "c1", "tech-a");
        Booking booking = engine.book(BookingRequest.builder().template("visit").anyOf("tech-a", "tech-b")
                .start(at(9)).build(), Actor.customer(TENANT, "c2"));
        assertEquals(List.of("tech-b"), booking.resourceIds());
        assertThrows(SlotUnavailableException.class, () -> engine.book(BookingRequest.builder().template("visit")
                .anyOf("tech-a", "tech-b").start(at(9)).build(), Actor.customer(TENANT, "c3")));
    }

    @Test
    void allOfNeedsThePractitionerAndTheRoomFreeAndTakesBoth() {
        book(9, "c1", "dr-lee");
        book(10, "c2", "room-1");

        List<Slot> slots = slots(SlotQuery.builder().allOf("dr-lee", "room-1"));
        assertEquals(List.of(at(11)), slots.stream().map(s -> s.interval().getStart()).toList());
        assertEquals(List.of("dr-lee", "room-1"), slots.get(0).resourceIds());

        Booking together = book(11, "c3", "dr-lee", "room-1");
        assertEquals(List.of("dr-lee", "room-1"), together.resourceIds());
        assertTrue(slots(SlotQuery.builder().resource("room-1")).stream().noneMatch(s -> s.interval().getStart().equals(at(11))),
                "the room alone is no longer free at 11:00");
        assertFalse(engine.whyNotAvailable(SlotQuery.builder().tenant(TENANT).template("visit").resource("dr-lee")
                .window(Interval.of(at(0), at(23))).build(), at(11)).isEmpty());
    }

    @Test
    void a_grid_step_under_a_second_or_over_a_day_is_refused_instead_of_never_ending() {
        Interval day = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(1));
        for (Duration step : List.of(Duration.ZERO, Duration.ofMinutes(-15), Duration.ofNanos(1), Duration.ofDays(2))) {
            assertThrows(InvalidRequestException.class,
                    () -> SlotGenerator.gridStarts(day, ZoneOffset.UTC, step), "step " + step);
        }
        assertEquals(96, SlotGenerator.gridStarts(day, ZoneOffset.UTC, Duration.ofMinutes(15)).size());
    }
}
