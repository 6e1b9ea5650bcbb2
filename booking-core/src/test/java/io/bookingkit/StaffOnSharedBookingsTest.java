package io.bookingkit;

import io.bookingkit.booking.AccessDeniedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.PoolMode;
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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A member of staff may see and act on a booking that uses any one of the resources they work
 * on: the doctor's assistant handles a consultation that takes the doctor and a room, and so
 * does the receptionist who runs the rooms; someone who works on neither may not.
 */
class StaffOnSharedBookingsTest {

    private static final String TENANT = "practice";
    private static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
    private static final LocalDate DAY = LocalDate.of(2026, 9, 15);
    private static final ServiceTemplate CONSULT = ServiceTemplate.builder("consult").duration(Duration.ofMinutes(30))
            .requiresConfirmation(Duration.ofHours(12)).poolMode(PoolMode.ALL_OF).build();

    private static final Actor ANA = Actor.customer(TENANT, "ana");
    private static final Actor ASSISTANT = Actor.staff(TENANT, "assistant", Set.of("doctor"));
    private static final Actor RECEPTION = Actor.staff(TENANT, "reception", Set.of("room"));
    private static final Actor BOTH = Actor.staff(TENANT, "manager", Set.of("doctor", "room"));
    private static final Actor ELSEWHERE = Actor.staff(TENANT, "nurse", Set.of("lab"));

    private final BookingEngine engine = BookingEngine.builder().store(new InMemoryBookingStore())
            .clock(Clock.fixed(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC))
            .templates(TemplateCatalog.of(CONSULT)).build();

    StaffOnSharedBookingsTest() {
        OpeningHours hours = OpeningHours.parse("Mo-Fr 08:00-18:00", ZONE);
        for (String id : List.of("doctor", "room", "lab")) {
            engine.resources().register(Resource.of(TENANT, id, id, hours));
        }
    }

    @Test
    void staffOnOneOfTheResourcesSeesTheBooking() {
        Booking consult = bookDoctorAndRoom(10);
        assertEquals(List.of("doctor", "room"), consult.resourceIds());

        assertEquals(Optional.of(consult), engine.find(consult.id(), ASSISTANT));
        assertEquals(Optional.of(consult), engine.find(consult.id(), RECEPTION));
        assertEquals(Optional.of(consult), engine.find(consult.id(), BOTH));
        assertEquals(Optional.empty(), engine.find(consult.id(), ELSEWHERE));
    }

    @Test
    void staffOnTheFirstResourceMayConfirm() {
        Booking consult = bookDoctorAndRoom(10);
        assertEquals(BookingStatus.PENDING, consult.status());

        Booking confirmed = engine.confirm(consult.id(), ASSISTANT);

        assertEquals(BookingStatus.CONFIRMED, confirmed.status());
        assertEquals(ASSISTANT, confirmed.history().get(confirmed.history().size() - 1).actor());
    }

    @Test
    void staffOnTheSecondResourceMayDeclineAndCancel() {
        Booking first = bookDoctorAndRoom(10);
        Booking second = bookDoctorAndRoom(11);

        assertEquals(BookingStatus.DECLINED, engine.decline(first.id(), RECEPTION, "room under repair").status());
        Booking cancelled = engine.cancel(second.id(), RECEPTION, "room under repair");
        assertEquals(BookingStatus.CANCELLED, cancelled.status());
        assertEquals("room under repair", cancelled.history().get(cancelled.history().size() - 1).reason());
    }

    @Test
    void staffOnNeitherResourceIsRefused() {
        Booking consult = bookDoctorAndRoom(10);

        assertThrows(AccessDeniedException.class, () -> engine.confirm(consult.id(), ELSEWHERE));
        assertThrows(AccessDeniedException.class, () -> engine.decline(consult.id(), ELSEWHERE, "no"));
        assertThrows(AccessDeniedException.class, () -> engine.cancel(consult.id(), ELSEWHERE, "no"));
        assertThrows(AccessDeniedException.class,
                () -> engine.reschedule(consult.id(), at(14), ELSEWHERE));
        assertEquals(consult, engine.find(consult.id(), ANA).orElseThrow(), "nothing changed");
    }

    @Test
    void staffOnOneResourceMayMoveTheBookingOfBoth() {
        Booking consult = bookDoctorAndRoom(10);

        Booking moved = engine.reschedule(consult.id(), at(14), RECEPTION);

        assertEquals(at(14), moved.interval().getStart());
        assertEquals(List.of("doctor", "room"), moved.resourceIds());
        assertTrue(engine.find(consult.id(), ASSISTANT).isPresent());
    }

    private static Instant at(int hour) {
        return WallClock.toInstant(DAY, LocalTime.of(hour, 0), ZONE);
    }

    private Booking bookDoctorAndRoom(int hour) {
        return engine.book(BookingRequest.builder().template("consult").allOf("doctor", "room").start(at(hour)).build(), ANA);
    }
}
