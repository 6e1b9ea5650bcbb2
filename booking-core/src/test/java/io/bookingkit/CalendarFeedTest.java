package io.bookingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.AccessDeniedException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/** The engine's calendar feeds: a resource's and a customer's, as far as the actor may see. */
class CalendarFeedTest {

    private static final String CLINIC = "clinic";
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private final InMemoryBookingStore store = new InMemoryBookingStore();
    private final BookingEngine engine = BookingEngine.builder().store(store)
            .clock(MutableClock.of(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC))
            .templates(TemplateCatalog.of(ServiceTemplate.builder("visit").duration(Duration.ofMinutes(30)).build()))
            .build();

    @Test
    void staff_see_every_booking_of_their_resource_and_a_customer_their_own() throws Exception {
        engine.resources().register(Resource.of(CLINIC, "dr-lopez", "Dr. López, room 2",
                OpeningHours.parse("Mo-Fr 08:00-18:00", ZoneId.of("Europe/Madrid"))));
        Booking ana = book("ana", MONDAY);
        Booking ben = book("ben", MONDAY.plus(Duration.ofHours(1)));
        Interval week = Interval.of(MONDAY.minus(Duration.ofDays(1)), Duration.ofDays(7));

        List<String> forStaff = uids(engine.calendar("dr-lopez", week, Actor.staff(CLINIC, "desk", Set.of("dr-lopez"))));
        List<String> forAna = uids(engine.calendar("dr-lopez", week, Actor.customer(CLINIC, "ana")));
        List<String> anasOwn = uids(engine.customerCalendar("ana", week, Actor.customer(CLINIC, "ana")));

        assertEquals(List.of(ICalendar.uid(ana), ICalendar.uid(ben)), forStaff);
        assertEquals(List.of(ICalendar.uid(ana)), forAna);
        assertEquals(List.of(ICalendar.uid(ana)), anasOwn);
        assertTrue(engine.calendar("dr-lopez", week, Actor.admin(CLINIC, "boss")).contains("X-WR-CALNAME:Dr. López\\, room 2"));
        assertThrows(AccessDeniedException.class, () -> engine.customerCalendar("ben", week, Actor.customer(CLINIC, "ana")));
        assertThrows(InvalidRequestException.class, () -> engine.calendar("dr-lopez", Interval.of(MONDAY,
                Duration.ofDays(401)), Actor.admin(CLINIC, "boss")));
    }

    private Booking book(String customer, Instant start) {
        return engine.book(BookingRequest.builder().template("visit").resource("dr-lopez").start(start).build(),
                Actor.customer(CLINIC, customer));
    }

    private static List<String> uids(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.<Property>getProperty("UID").orElseThrow().getValue()).toList();
    }
}
