package io.bookingkit.notify;

import static io.bookingkit.ical.Ical4j.instant;
import static io.bookingkit.ical.Ical4j.parse;
import static io.bookingkit.ical.Ical4j.property;
import static io.bookingkit.ical.Ical4j.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.ForwardingStore;
import io.bookingkit.OutboxDispatcher;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.ical.Ical4j;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.Channel;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * The iCalendar file a notification carries: which kinds carry one and with which method, and
 * that the dispatcher writes it from the booking as it is at delivery, read back with ical4j;
 * a resource that is gone leaves the notification without one, and it still goes out.
 */
class CalendarAttachmentTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    // A Thursday in May: Madrid is at +02:00, far from either change.
    private static final Instant START = LocalDateTime.parse("2026-05-07T10:30").atZone(MADRID).toInstant();
    private static final ServiceTemplate VISIT = ServiceTemplate.builder("visit").duration(Duration.ofMinutes(45))
            .reminder(Duration.ofHours(24), Channel.EMAIL).build();
    private static final ServiceTemplate CONSULT = ServiceTemplate.builder("consult").duration(Duration.ofMinutes(30))
            .requiresConfirmation(Duration.ofDays(1)).build();
    private static final Actor ANA = Actor.customer("t", "ana");
    private static final Actor OWNER = Actor.admin("t", "owner");
    private static final Actor STAFF = Actor.staff("t", "leo", Set.of("room"));

    private final MutableClock clock = MutableClock.of(NOW, MADRID);
    private final InMemoryBookingStore store = new InMemoryBookingStore();
    private final List<Notification> sent = new CopyOnWriteArrayList<>();

    private BookingEngine engine(UnaryOperator<BookingEngine.Builder> settings) {
        BookingEngine engine = settings.apply(BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(VISIT, CONSULT)).notifications(sent::add)).build();
        engine.resources().register(Resource.of("t", "room", "Room 1",
                OpeningHours.parse("Mo-Su 00:00-24:00", MADRID)));
        return engine;
    }

    private BookingEngine engine() {
        return engine(b -> b);
    }

    private static BookingRequest request(String template, Instant start) {
        return BookingRequest.builder().template(template).resource("room").start(start).build();
    }

    // ---- through the dispatcher ----------------------------------------------------------------

    @Test
    void a_confirmed_booking_carries_an_invitation_and_its_cancellation_withdraws_the_same_event() {
        BookingEngine engine = engine();
        Booking booking = engine.book(request("visit", START), ANA);

        Notification confirmed = sent(NotificationKind.CONFIRMED);
        CalendarAttachment invitation = confirmed.calendar().orElseThrow();
        assertEquals("text/calendar; charset=UTF-8; method=REQUEST", invitation.mediaType());
        assertEquals("booking-" + booking.id() + ".ics", invitation.fileName());
        Calendar calendar = parse(invitation.text());
        VEvent event = Ical4j.only(calendar);
        assertEquals("REQUEST", property(calendar, "METHOD"));
        assertEquals(ICalendar.uid(booking), value(event, "UID"));
        assertEquals(START, instant(event, "DTSTART"));
        assertEquals(START.plus(Duration.ofMinutes(45)), instant(event, "DTEND"));
        assertEquals("CONFIRMED", value(event, "STATUS"));
        assertEquals("Room 1", value(event, "LOCATION"));

        engine.cancel(booking.id(), OWNER, "the room floods");

        CalendarAttachment withdrawal = sent(NotificationKind.CANCELLED).calendar().orElseThrow();
        assertEquals("text/calendar; charset=UTF-8; method=CANCEL", withdrawal.mediaType());
        Calendar cancelled = parse(withdrawal.text());
        VEvent gone = Ical4j.only(cancelled);
        assertEquals("CANCEL", property(cancelled, "METHOD"));
        assertEquals(ICalendar.uid(booking), value(gone, "UID"), "the same event, withdrawn");
        assertEquals("CANCELLED", value(gone, "STATUS"));
        assertTrue(Integer.parseInt(value(gone, "SEQUENCE")) > Integer.parseInt(value(event, "SEQUENCE")),
                () -> "SEQUENCE " + value(gone, "SEQUENCE") + " after " + value(event, "SEQUENCE"));
    }

    @Test
    void a_rescheduled_booking_carries_the_new_time_and_a_reminder_repeats_the_invitation() {
        BookingEngine engine = engine();
        Booking booking = engine.book(request("visit", START), ANA);
        Instant later = START.plus(Duration.ofHours(3));
        engine.reschedule(booking.id(), later, ANA);

        VEvent first = Ical4j.only(parse(sent(NotificationKind.CONFIRMED).calendar().orElseThrow().text()));
        Calendar moved = parse(sent(NotificationKind.RESCHEDULED).calendar().orElseThrow().text());
        assertEquals("REQUEST", property(moved, "METHOD"));
        assertEquals(ICalendar.uid(booking), value(Ical4j.only(moved), "UID"));
        assertEquals(later, instant(Ical4j.only(moved), "DTSTART"));
        assertTrue(Integer.parseInt(value(Ical4j.only(moved), "SEQUENCE")) > Integer.parseInt(value(first, "SEQUENCE")));

        clock.setInstant(later.minus(Duration.ofHours(24)));
        assertEquals(1, engine.dispatchNotifications());
        Calendar reminder = parse(sent(NotificationKind.REMINDER).calendar().orElseThrow().text());
        assertEquals("REQUEST", property(reminder, "METHOD"));
        assertEquals(later, instant(Ical4j.only(reminder), "DTSTART"));
    }

    @Test
    void a_request_is_a_tentative_invitation_and_its_decline_withdraws_it() {
        BookingEngine engine = engine();
        Booking request = engine.book(request("consult", START), ANA);
        assertEquals(BookingStatus.PENDING, request.status());

        Calendar asked = parse(sent(NotificationKind.REQUESTED).calendar().orElseThrow().text());
        assertEquals("REQUEST", property(asked, "METHOD"));
        assertEquals("TENTATIVE", value(Ical4j.only(asked), "STATUS"));

        engine.decline(request.id(), STAFF, "on leave that day");
        Calendar declined = parse(sent(NotificationKind.DECLINED).calendar().orElseThrow().text());
        assertEquals("CANCEL", property(declined, "METHOD"));
        assertEquals(value(Ical4j.only(asked), "UID"), value(Ical4j.only(declined), "UID"));
    }

    @Test
    void starting_a_booking_carries_no_calendar() {
        BookingEngine engine = engine();
        Booking booking = engine.book(request("visit", START), ANA);
        clock.setInstant(START);
        engine.start(booking.id(), STAFF);

        assertEquals(Optional.empty(), sent(NotificationKind.STARTED).calendar());
    }

    @Test
    void a_hold_carries_no_calendar_and_neither_does_letting_it_go() {
        BookingEngine engine = engine();
        Booking hold = engine.hold(request("visit", START), ANA);
        engine.cancel(hold.id(), ANA, "");

        assertEquals(Optional.empty(), sent(NotificationKind.HELD).calendar());
        assertEquals(Optional.empty(), sent(NotificationKind.CANCELLED).calendar(),
                "no invitation went out, so there is nothing to withdraw");
    }

    @Test
    void a_hold_that_was_confirmed_carries_the_invitation() {
        BookingEngine engine = engine();
        Booking hold = engine.hold(request("visit", START), ANA);
        engine.confirm(hold.id(), ANA);

        Calendar calendar = parse(sent(NotificationKind.CONFIRMED).calendar().orElseThrow().text());
        assertEquals("REQUEST", property(calendar, "METHOD"));
    }

    @Test
    void a_resource_that_is_gone_leaves_the_notification_without_a_calendar_and_it_still_goes_out() {
        BookingEngine engine = engine(b -> b.dispatcher((s, p, c) -> OutboxDispatcher.builder(
                new ResourcesSeenAs(s, r -> Optional.empty()), p, c).build()));
        engine.book(request("visit", START), ANA);

        assertEquals(Optional.empty(), sent(NotificationKind.CONFIRMED).calendar());
        assertEquals(List.of(), store.outbox().parkedMessages("t"));
        assertEquals(0, engine.dispatchNotifications(), "delivered, not waiting for a retry");
    }

    @Test
    void a_resource_read_that_fails_leaves_the_notification_without_a_calendar_and_it_still_goes_out() {
        BookingEngine engine = engine(b -> b.dispatcher((s, p, c) -> OutboxDispatcher.builder(
                new ResourcesSeenAs(s, r -> {
                    throw new IllegalStateException("the resource table went away");
                }), p, c).build()));
        engine.book(request("visit", START), ANA);

        assertEquals(Optional.empty(), sent(NotificationKind.CONFIRMED).calendar());
        assertEquals(List.of(), store.outbox().parkedMessages("t"));
        assertEquals(0, engine.dispatchNotifications(), "delivered, not waiting for a retry");
    }

    @Test
    void a_confirmation_delivered_after_the_cancellation_withdraws_the_event_instead_of_restoring_it() {
        AtomicBoolean down = new AtomicBoolean(true);
        BookingEngine engine = engine(b -> b.notifications(n -> {
            if (down.get()) {
                throw new IllegalStateException("the mail server is down");
            }
            sent.add(n);
        }));
        Booking booking = engine.book(request("visit", START), ANA);
        engine.cancel(booking.id(), ANA, "");
        down.set(false);
        clock.add(Duration.ofHours(1));
        engine.dispatchNotifications();

        Calendar late = parse(sent(NotificationKind.CONFIRMED).calendar().orElseThrow().text());
        Calendar cancelled = parse(sent(NotificationKind.CANCELLED).calendar().orElseThrow().text());
        assertEquals("CANCEL", property(late, "METHOD"), "the booking ended before the confirmation went out");
        assertEquals("CANCEL", property(cancelled, "METHOD"));
        assertEquals(value(Ical4j.only(late), "UID"), value(Ical4j.only(cancelled), "UID"));
    }

    // ---- the decision and the record -----------------------------------------------------------

    @Test
    void each_kind_carries_its_method_for_a_booking_that_was_more_than_a_hold() {
        Map<NotificationKind, Optional<CalendarAttachment.Method>> expected = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : List.of(NotificationKind.REQUESTED, NotificationKind.CONFIRMED,
                NotificationKind.RESCHEDULED, NotificationKind.REMINDER)) {
            expected.put(kind, Optional.of(CalendarAttachment.Method.REQUEST));
        }
        for (NotificationKind kind : List.of(NotificationKind.CANCELLED, NotificationKind.DECLINED,
                NotificationKind.EXPIRED)) {
            expected.put(kind, Optional.of(CalendarAttachment.Method.CANCEL));
        }
        for (NotificationKind kind : List.of(NotificationKind.HELD, NotificationKind.WAITLIST_OFFER,
                NotificationKind.STARTED, NotificationKind.COMPLETED, NotificationKind.NO_SHOW)) {
            expected.put(kind, Optional.empty());
        }
        assertEquals(Set.of(NotificationKind.values()), expected.keySet(), "every kind decided here");

        Booking confirmed = booking("b1", BookingStatus.CONFIRMED);
        Booking withoutHistory = booking("b3", BookingStatus.PENDING).toBuilder().history(List.of()).build();
        for (Booking booking : List.of(confirmed, withoutHistory)) {
            expected.forEach((kind, method) -> assertEquals(method, CalendarAttachment.methodFor(kind, booking),
                    () -> kind + " about " + booking.history()));
        }
        // Once the booking has ended, every message that carries a calendar withdraws the event.
        Booking requestedThenExpired = booking("b2", BookingStatus.HELD).transitioned(BookingStatus.PENDING, ANA, NOW, "")
                .transitioned(BookingStatus.EXPIRED, Actor.system("t"), NOW, "");
        expected.forEach((kind, method) -> assertEquals(method.map(m -> CalendarAttachment.Method.CANCEL),
                CalendarAttachment.methodFor(kind, requestedThenExpired), () -> kind + " about an expired request"));
    }

    @Test
    void a_booking_that_was_never_more_than_a_hold_carries_none_whatever_the_kind() {
        Booking held = booking("b1", BookingStatus.HELD);
        Booking heldThenCancelled = held.transitioned(BookingStatus.CANCELLED, ANA, NOW, "");
        Booking heldThenExpired = held.transitioned(BookingStatus.EXPIRED, Actor.system("t"), NOW, "");
        Booking heldWithoutHistory = held.toBuilder().history(List.of()).build();
        for (Booking booking : List.of(held, heldThenCancelled, heldThenExpired, heldWithoutHistory)) {
            for (NotificationKind kind : NotificationKind.values()) {
                assertEquals(Optional.empty(), CalendarAttachment.methodFor(kind, booking),
                        () -> kind + " about " + booking.history());
            }
        }
    }

    @Test
    void the_file_name_keeps_only_what_any_file_system_takes() {
        Resource room = Resource.of("t", "room", "Room 1", OpeningHours.parse("Mo-Su 00:00-24:00", MADRID));
        Booking booking = booking("b/7 ü:x.Y_z-1", BookingStatus.CONFIRMED);

        String ics = ICalendar.of(booking, room, ICalendar.Method.CANCEL);
        CalendarAttachment attachment = CalendarAttachment.of(booking, CalendarAttachment.Method.CANCEL, ics);

        assertEquals("booking-b_7___x.Y_z-1.ics", attachment.fileName());
        assertEquals("text/calendar; charset=UTF-8; method=CANCEL", attachment.mediaType());
        assertEquals(ics, attachment.text());
    }

    @Test
    void the_components_are_validated() {
        String ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
        String type = "text/calendar; charset=UTF-8; method=REQUEST";
        new CalendarAttachment("b.ics", "TEXT/CALENDAR", ics);
        assertThrows(NullPointerException.class, () -> new CalendarAttachment(null, type, ics));
        assertThrows(NullPointerException.class, () -> new CalendarAttachment("b.ics", null, ics));
        assertThrows(NullPointerException.class, () -> new CalendarAttachment("b.ics", type, null));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment(" ", type, ics));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment("../b.ics", type, ics));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment("a\\b.ics", type, ics));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment("b\n.ics", type, ics));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment("b.ics", "text/plain", ics));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment("b.ics", "text/cal", ics));
        assertThrows(InvalidRequestException.class, () -> new CalendarAttachment("b.ics", type, ""));
        assertThrows(NullPointerException.class, () -> new Notification(NotificationKind.CONFIRMED, "ana",
                Optional.empty(), java.util.Locale.ENGLISH, booking("b1", BookingStatus.CONFIRMED), "k", null));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The one delivered notification of {@code kind}. */
    private Notification sent(NotificationKind kind) {
        List<Notification> of = sent.stream().filter(n -> n.kind() == kind).toList();
        assertEquals(1, of.size(), () -> "one " + kind + " among " + sent.stream().map(Notification::kind).toList());
        return of.get(0);
    }

    private static Booking booking(String id, BookingStatus status) {
        return Booking.builder().id(id).tenantId("t").resourceIds(List.of("room")).customerId("ana")
                .templateName("visit").interval(Interval.of(START, Duration.ofMinutes(45))).status(status)
                .createdAt(NOW).expiresAt(status == BookingStatus.HELD || status == BookingStatus.PENDING
                        ? Optional.of(NOW.plus(Duration.ofDays(1))) : Optional.empty())
                .history(List.of(new Transition(Optional.empty(), status, ANA, NOW, ""))).build();
    }

    /** A store whose {@link #findResource} answers as told, as a store would whose resource was removed. */
    private static final class ResourcesSeenAs extends ForwardingStore {
        private final Function<String, Optional<Resource>> resources;

        ResourcesSeenAs(BookingStore store, Function<String, Optional<Resource>> resources) {
            super(store);
            this.resources = resources;
        }

        @Override
        public Optional<Resource> findResource(String tenantId, String resourceId) {
            return resources.apply(resourceId);
        }
    }
}
