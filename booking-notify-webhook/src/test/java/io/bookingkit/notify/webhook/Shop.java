package io.bookingkit.notify.webhook;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Channel;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.threeten.extra.MutableClock;

/**
 * A barber's on the in-memory store, with a real engine whose notifications go to the port under
 * test, and a clock the test moves.
 */
final class Shop {

    static final String TENANT = "shop";
    static final Actor ANA = Actor.customer(TENANT, "ana");
    static final Actor OWNER = Actor.admin(TENANT, "owner");
    // Monday 09:00 in Buenos Aires; the bookings are at noon there, three hours later.
    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant NOON = Instant.parse("2026-03-02T15:00:00Z");
    static final Locale LOCALE = Locale.forLanguageTag("es-AR");
    /** Confirmed at once, with an e-mail reminder an hour ahead. */
    static final ServiceTemplate CUT = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30))
            .reminder(Duration.ofHours(1), Channel.EMAIL).locale(LOCALE).build();
    /** Waits for the owner to confirm it. */
    static final ServiceTemplate CONSULT = ServiceTemplate.builder("consult").duration(Duration.ofMinutes(45))
            .requiresConfirmation(Duration.ofHours(6)).locale(LOCALE).build();

    final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
    final InMemoryBookingStore store = new InMemoryBookingStore();
    final BookingEngine engine;

    Shop(NotificationPort port) {
        this(port, null);
    }

    Shop(NotificationPort port, Supplier<String> ids) {
        BookingEngine.Builder builder = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(CUT, CONSULT)).notifications(port);
        if (ids != null) {
            builder.ids(ids);
        }
        engine = builder.build();
        engine.resources().register(Resource.of(TENANT, "chair-1", "Chair 1",
                OpeningHours.parse("Mo-Sa 09:00-19:00", ZoneId.of("America/Argentina/Buenos_Aires"))));
    }

    Booking bookCut() {
        return engine.book(BookingRequest.builder().template("cut").resource("chair-1").start(NOON).build(), ANA);
    }

    Booking bookConsult() {
        return engine.book(BookingRequest.builder().template("consult").resource("chair-1").start(NOON).build(), ANA);
    }

    Booking stored(String bookingId) {
        return store.reads(TENANT).findBooking(bookingId).orElseThrow();
    }

    List<OutboxMessage> parked() {
        return store.outbox().parkedMessages(TENANT);
    }

    /** Messages due by {@code later} and not delivered. */
    long dueBy(Duration later) {
        return store.outbox().backlog(clock.instant().plus(later)).due();
    }
}
