package io.bookingkit.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * Each reminder goes to the port of its template's channel, everything without a channel to the
 * default port, and a channel without a port is refused when the engine is built.
 */
class ChannelRoutingTest {

    private static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final String SHOP = "shop";

    private final InMemoryBookingStore store = new InMemoryBookingStore();
    private final MutableClock clock = MutableClock.of(local("2031-03-10T09:00"), BUENOS_AIRES);
    private final Recorder byDefault = new Recorder();
    private final Recorder whatsapp = new Recorder();
    private final Recorder sms = new Recorder();

    @Test
    void reminders_go_to_their_channels_port_and_the_rest_to_the_default_port() {
        // The barber's reminders: a day before over WhatsApp, two hours before by SMS.
        BookingEngine engine = barber().notifications(byDefault).notifications("whatsapp", whatsapp)
                .notifications("SMS", sms).build();
        engine.resources().register(Resource.of(SHOP, "chair-1", "Silla 1",
                OpeningHours.parse("Mo-Sa 09:00-19:00", BUENOS_AIRES)));
        engine.book(BookingRequest.builder().template("barber").resource("chair-1").start(local("2031-03-12T10:00"))
                .build(), Actor.customer(SHOP, "ana"));

        clock.setInstant(local("2031-03-11T10:00"));
        engine.dispatchNotifications();
        clock.setInstant(local("2031-03-12T08:00"));
        engine.dispatchNotifications();

        assertEquals(List.of(NotificationKind.CONFIRMED), byDefault.kinds());
        assertEquals(List.of(NotificationKind.REMINDER), whatsapp.kinds());
        assertEquals(List.of(NotificationKind.REMINDER), sms.kinds());
        assertEquals(local("2031-03-11T10:00"), whatsapp.sent.get(0).booking().interval().getStart()
                .minus(Duration.ofDays(1)));
    }

    @Test
    void a_reminder_channel_without_a_port_is_refused_when_the_engine_is_built() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> barber().notifications(byDefault).notifications("sms", sms).build());
        assertTrue(e.getMessage().contains("'barber'") && e.getMessage().contains("'whatsapp'"), e.getMessage());
    }

    @Test
    void channel_ports_need_a_default_port_and_one_port_per_channel() {
        InvalidRequestException noDefault = assertThrows(InvalidRequestException.class,
                () -> barber().notifications("whatsapp", whatsapp).notifications("sms", sms).build());
        assertTrue(noDefault.getMessage().contains("notifications(port)"), noDefault.getMessage());
        assertThrows(InvalidRequestException.class,
                () -> barber().notifications("sms", sms).notifications("SMS", whatsapp));
        assertThrows(InvalidRequestException.class, () -> barber().notifications("not a channel", sms));
    }

    @Test
    void one_port_alone_still_gets_everything() {
        BookingEngine engine = barber().notifications(byDefault).build();
        engine.resources().register(Resource.of(SHOP, "chair-1", "Silla 1",
                OpeningHours.parse("Mo-Sa 09:00-19:00", BUENOS_AIRES)));
        engine.book(BookingRequest.builder().template("barber").resource("chair-1").start(local("2031-03-12T10:00"))
                .build(), Actor.customer(SHOP, "ana"));
        clock.setInstant(local("2031-03-12T08:00"));
        engine.dispatchNotifications();

        assertEquals(List.of(NotificationKind.CONFIRMED, NotificationKind.REMINDER, NotificationKind.REMINDER),
                byDefault.kinds());
    }

    private BookingEngine.Builder barber() {
        return BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(
                TemplateCatalog.verticals().get("barber")));
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BUENOS_AIRES).toInstant();
    }

    /** Keeps what it is sent. */
    private static final class Recorder implements NotificationPort {
        final List<Notification> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(Notification notification) {
            sent.add(notification);
        }

        List<NotificationKind> kinds() {
            return sent.stream().map(Notification::kind).toList();
        }
    }
}
