package io.bookingkit.ical;

import static io.bookingkit.ical.Ical4j.instant;
import static io.bookingkit.ical.Ical4j.only;
import static io.bookingkit.ical.Ical4j.parse;
import static io.bookingkit.ical.Ical4j.property;
import static io.bookingkit.ical.Ical4j.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.booking.Transition;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.time.WallClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.threeten.extra.Interval;

/**
 * Every file the export writes is read back with ical4j, an independent parser: the events'
 * instants (resolved through the generated {@code VTIMEZONE}) equal the bookings' across
 * daylight-saving changes, and hostile text survives escaping and folding.
 */
class ICalendarTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final Resource HALL = Resource.of("studio", "hall", "Hall A",
            OpeningHours.parse("Mo-Su 00:00-24:00", MADRID));

    @Test
    void bookings_on_both_sides_of_both_changes_keep_their_instants() throws Exception {
        List<Booking> bookings = new ArrayList<>();
        // The nights of 2026's changes in Madrid, around the missing and the repeated hour.
        for (LocalDate day : List.of(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 24),
                LocalDate.of(2026, 10, 25), LocalDate.of(2027, 7, 1))) {
            for (int hour : List.of(0, 1, 3, 18)) {
                Instant start = WallClock.toInstant(day, LocalTime.of(hour, 0), MADRID);
                bookings.add(booking("b-" + day + "-" + hour, start, Duration.ofMinutes(90), BookingStatus.CONFIRMED));
            }
        }
        // 02:30 on the night the clocks go back happens twice; the second one is this instant.
        bookings.add(booking("b-repeated", Instant.parse("2026-10-25T01:30:00Z"), Duration.ofMinutes(30),
                BookingStatus.CONFIRMED));

        String ics = ICalendar.feed("Hall A", bookings, id -> HALL);
        Calendar calendar = parse(ics);

        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(bookings.size(), events.size());
        for (VEvent event : events) {
            Booking b = bookings.stream().filter(x -> ICalendar.uid(x).equals(value(event, "UID"))).findFirst()
                    .orElseThrow();
            assertWritten(ics, event, "DTSTART", b.interval().getStart(), MADRID);
            assertWritten(ics, event, "DTEND", b.interval().getEnd(), MADRID);
        }
    }

    @Test
    void a_southern_zone_and_a_fixed_offset_resource_are_written_correctly() throws Exception {
        Resource lordHowe = Resource.of("studio", "island", "Island", OpeningHours.parse("Mo-Su 00:00-24:00", SYDNEY));
        Resource utc = Resource.of("studio", "cloud", "Cloud", OpeningHours.parse("Mo-Su 00:00-24:00", ZoneOffset.UTC));
        // Sydney leaves daylight saving on 5 April 2026 and enters it on 4 October.
        Booking april = booking("syd-1", Instant.parse("2026-04-04T13:30:00Z"), Duration.ofHours(1), BookingStatus.PENDING,
                List.of("island"));
        Booking october = booking("syd-2", Instant.parse("2026-10-03T16:30:00Z"), Duration.ofHours(1),
                BookingStatus.PENDING, List.of("island"));
        Booking plain = booking("utc-1", Instant.parse("2026-06-01T10:00:00Z"), Duration.ofHours(1),
                BookingStatus.CONFIRMED, List.of("cloud"));
        Map<String, Resource> byId = Map.of("island", lordHowe, "cloud", utc);

        String ics = ICalendar.feed("Both", List.of(april, october, plain), byId::get);
        Calendar calendar = parse(ics);

        for (Booking b : List.of(april, october)) {
            VEvent event = eventOf(calendar, b);
            assertWritten(ics, event, "DTSTART", b.interval().getStart(), SYDNEY);
            assertWritten(ics, event, "DTEND", b.interval().getEnd(), SYDNEY);
        }
        assertEquals(plain.interval().getStart(), instant(eventOf(calendar, plain), "DTSTART"));
        assertTrue(ics.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=SU"), ics);
        // Lord Howe changes by half an hour (ical4j 4.0 misreads it, so only the text is checked).
        String halfHour = ICalendar.of(booking("lh", Instant.parse("2026-10-03T15:45:00Z"), Duration.ofHours(1),
                BookingStatus.CONFIRMED, List.of("island")), Resource.of("studio", "island", "Island",
                OpeningHours.parse("Mo-Su 00:00-24:00", LORD_HOWE)));
        assertTrue(halfHour.contains("TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100"), halfHour);
        assertTrue(halfHour.contains("DTSTART;TZID=Australia/Lord_Howe:20261004T024500"), halfHour);
        assertTrue(ics.contains("DTSTART:20260601T100000Z"), "a fixed offset is written in UTC");
        assertEquals("TENTATIVE", value(eventOf(calendar, april), "STATUS"));
    }

    @Test
    void an_event_carries_the_bookings_identity_version_and_status() throws Exception {
        Booking held = booking("b1", Instant.parse("2026-05-04T16:00:00Z"), Duration.ofHours(1), BookingStatus.HELD);
        Booking confirmed = held.transitioned(BookingStatus.CONFIRMED, Actor.customer("studio", "ana"),
                Instant.parse("2026-05-01T10:00:00Z"), "");
        Booking cancelled = confirmed.transitioned(BookingStatus.CANCELLED, Actor.customer("studio", "ana"),
                Instant.parse("2026-05-02T10:00:00Z"), "");

        VEvent first = only(parse(ICalendar.of(held, HALL)));
        VEvent last = only(parse(ICalendar.of(cancelled, HALL)));
        Calendar invitation = parse(ICalendar.of(confirmed, HALL, ICalendar.Method.REQUEST));
        Calendar withdrawal = parse(ICalendar.of(confirmed, HALL, ICalendar.Method.CANCEL));

        assertEquals(value(first, "UID"), value(last, "UID"), "one event in the calendar, updated");
        assertEquals("0", value(first, "SEQUENCE"));
        assertEquals("2", value(last, "SEQUENCE"));
        assertEquals("TENTATIVE", value(first, "STATUS"));
        assertEquals("CANCELLED", value(last, "STATUS"));
        assertEquals("20260502T100000Z", value(last, "DTSTAMP"), "when it last changed");
        assertEquals("yoga", value(first, "SUMMARY"));
        assertEquals("Hall A", value(first, "LOCATION"));
        assertEquals("REQUEST", property(invitation, "METHOD"));
        assertEquals("CONFIRMED", value(only(invitation), "STATUS"));
        assertEquals("CANCEL", property(withdrawal, "METHOD"));
        assertEquals("CANCELLED", value(only(withdrawal), "STATUS"));
        assertEquals(ICalendar.of(confirmed, HALL), ICalendar.of(confirmed, HALL), "the same booking, the same text");
        assertThrows(InvalidRequestException.class, () -> ICalendar.of(held, Resource.of("studio", "other", "Other",
                OpeningHours.parse("Mo-Su 00:00-24:00", MADRID))));
    }

    @Test
    void a_booking_of_two_resources_names_both_or_the_one_given() throws Exception {
        Resource coach = Resource.of("studio", "coach", "Coach Bea", OpeningHours.parse("Mo-Su 00:00-24:00", SYDNEY));
        Booking both = booking("b2", Instant.parse("2026-05-04T16:00:00Z"), Duration.ofHours(1), BookingStatus.CONFIRMED,
                List.of("coach", "hall"));
        Map<String, Resource> known = Map.of("hall", HALL, "coach", coach);

        VEvent all = only(parse(ICalendar.of(both, known::get, ICalendar.Method.REQUEST)));
        VEvent one = only(parse(ICalendar.of(both, HALL, ICalendar.Method.REQUEST)));

        assertEquals("Coach Bea, Hall A", value(all, "LOCATION"));
        assertTrue(ICalendar.of(both, known::get, ICalendar.Method.REQUEST).contains("TZID=Australia/Sydney"),
                "the zone of the first resource");
        assertEquals("Hall A", value(one, "LOCATION"));
        assertTrue(ICalendar.of(both, HALL, ICalendar.Method.REQUEST).contains("TZID=Europe/Madrid"));
        assertThrows(InvalidRequestException.class, () -> ICalendar.of(both, id -> null, ICalendar.Method.REQUEST));
    }

    @Test
    void a_series_occurrence_is_its_own_event_that_names_its_place() throws Exception {
        Booking occurrence = booking("s1", Instant.parse("2026-05-04T16:00:00Z"), Duration.ofHours(1),
                BookingStatus.CONFIRMED).toBuilder().series(Optional.of(new SeriesLink("weekly-ana", 3))).build();
        VEvent event = only(parse(ICalendar.of(occurrence, HALL)));
        assertEquals("weekly-ana#3", value(event, "X-BOOKINGKIT-SERIES"));
    }

    @Test
    void hostile_names_survive_escaping_and_folding() {
        qt().withExamples(300).forAll(hostileText()).checkAssert(name -> {
            Resource room = Resource.of("studio", "hall", name, OpeningHours.parse("Mo-Su 00:00-24:00", MADRID));
            Booking b = booking("b1", Instant.parse("2026-05-04T16:00:00Z"), Duration.ofHours(1), BookingStatus.CONFIRMED);
            String ics = ICalendar.feed(name, List.of(b), id -> room);
            for (String line : ics.split("\r\n")) {
                assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, () -> "a line over 75 octets: " + line);
            }
            assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
            Calendar calendar = parse(ics);
            assertEquals(name, value(only(calendar), "LOCATION"));
            assertEquals(name, property(calendar, "X-WR-CALNAME"));
        });
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Text full of what iCalendar must escape or fold around: separators, breaks, wide characters. */
    private static Gen<String> hostileText() {
        String[] pieces = {",", ";", "\\", "\n", ":", "\"", " ", "a", "Ñ", "é", "日本", "😀", "\\n", "BEGIN:VEVENT", "x"};
        return Generate.intArrays(Generate.range(1, 60), Generate.range(0, pieces.length - 1)).map(indexes -> {
            StringBuilder text = new StringBuilder("n");
            for (int i : indexes) {
                text.append(pieces[i]);
            }
            // Readers (ical4j among them) drop spaces at the end of a value, so names end
            // otherwise; and ical4j 4.0 reads an escaped backslash before an escaped line break
            // as two characters, which RFC 5545 does not, so none stands there.
            return text.append('.').toString().replace("\\\n", "\\x\n");
        });
    }

    @Test
    void uids_stay_apart_across_tenants_whatever_the_ids_hold() {
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        Booking plain = booking("bk-1", start, Duration.ofHours(1), BookingStatus.CONFIRMED);
        Booking atInId = booking("a@b", start, Duration.ofHours(1), BookingStatus.CONFIRMED).toBuilder().tenantId("c")
                .build();
        Booking atInTenant = booking("a", start, Duration.ofHours(1), BookingStatus.CONFIRMED).toBuilder()
                .tenantId("b@c").build();
        Booking percent = booking("a%40b", start, Duration.ofHours(1), BookingStatus.CONFIRMED).toBuilder()
                .tenantId("c").build();

        assertEquals("bk-1@studio.bookingkit", ICalendar.uid(plain), "ids without '@' keep their UIDs");
        assertEquals(4, java.util.Set.of(ICalendar.uid(plain), ICalendar.uid(atInId), ICalendar.uid(atInTenant),
                ICalendar.uid(percent)).size(), ICalendar.uid(atInId) + " " + ICalendar.uid(atInTenant));
    }

    private static Booking booking(String id, Instant start, Duration length, BookingStatus status) {
        return booking(id, start, length, status, List.of("hall"));
    }

    private static Booking booking(String id, Instant start, Duration length, BookingStatus status, List<String> on) {
        Instant created = Instant.parse("2026-01-01T09:00:00Z");
        return Booking.builder().id(id).tenantId("studio").resourceIds(on).customerId("ana").templateName("yoga")
                .interval(Interval.of(start, length)).status(status).createdAt(created)
                .expiresAt(status == BookingStatus.HELD || status == BookingStatus.PENDING
                        ? Optional.of(created.plus(Duration.ofDays(400))) : Optional.empty())
                .history(List.of(new Transition(Optional.empty(), status, Actor.customer("studio", "ana"), created, "")))
                .build();
    }

    private static VEvent eventOf(Calendar calendar, Booking b) {
        return calendar.<VEvent>getComponents("VEVENT").stream().filter(e -> value(e, "UID").equals(ICalendar.uid(b)))
                .findFirst().orElseThrow();
    }

    /**
     * The property holds {@code expected}: read by ical4j through the file's own VTIMEZONE, and
     * as the local time (or UTC time) written. On the day of a change ical4j 4.0 reads local
     * times of the hours after the change with the offset before it (a VTIMEZONE that follows
     * RFC 5545's own examples), so there only the text is checked, against java.time.
     */
    private static void assertWritten(String ics, VEvent event, String property, Instant expected, ZoneId zone) {
        DateProperty<?> p = event.<DateProperty<?>>getProperty(property).orElseThrow();
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(expected, zone);
        boolean changeDay = !zone.getRules().getOffset(local.toLocalDate().atStartOfDay(zone).toInstant())
                .equals(zone.getRules().getOffset(local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()));
        if (p.getParameter("TZID").isEmpty()) {
            assertEquals(expected, instant(event, property), "a time written in UTC: " + p);
        } else if (changeDay) {
            // ical4j gives its own reading back as the value, so the check reads the file itself.
            String line = property + ";TZID=" + zone.getId() + ":"
                    + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(local) + "\r\n";
            String uid = "UID:" + value(event, "UID") + "\r\n";
            String text = ics.substring(ics.indexOf(uid), ics.indexOf("END:VEVENT", ics.indexOf(uid)));
            assertTrue(text.contains(line), () -> "expected " + line + " in\n" + text);
        } else {
            assertEquals(expected, instant(event, property), () -> property + " " + p.getValue());
        }
    }
}
