package io.bookingkit.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Channel;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Who writes to the outbox: an engine with a port, or one told that another node delivers. */
class OutboxWritingTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final ServiceTemplate VISIT = ServiceTemplate.builder("visit").duration(Duration.ofMinutes(30))
            .reminder(Duration.ofHours(24), Channel.EMAIL).build();

    private final InMemoryBookingStore store = new InMemoryBookingStore();

    private BookingEngine engine(Consumer<BookingEngine.Builder> settings) {
        BookingEngine.Builder builder = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(VISIT));
        settings.accept(builder);
        BookingEngine engine = builder.build();
        engine.resources().register(Resource.of("t", "room", "Room",
                OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("UTC"))));
        engine.book(BookingRequest.builder().template("visit").resource("room").start(NOW.plus(Duration.ofDays(3)))
                .build(), Actor.customer("t", "ana"));
        return engine;
    }

    private List<NotificationKind> outbox() {
        List<NotificationKind> kinds = new ArrayList<>();
        store.outbox().claimDueMessages(NOW.plus(Duration.ofDays(30)), 100, Duration.ofMinutes(1)).forEach(m -> kinds.add(m.kind()));
        return kinds;
    }

    @Test
    void anEngineWithoutNotificationsWritesNothingThatNobodyWouldDeliver() {
        engine(b -> { });
        assertEquals(List.of(), outbox());
    }

    @Test
    void anEngineWhoseNotificationsAnotherNodeDeliversWritesThemWithoutDelivering() {
        engine(BookingEngine.Builder::notificationsDeliveredElsewhere);
        assertEquals(List.of(NotificationKind.CONFIRMED, NotificationKind.REMINDER), outbox());
    }

    @Test
    void anEngineWithAPortDeliversWhatIsDueAndKeepsTheReminderForItsTime() {
        List<Notification> sent = new ArrayList<>();
        engine(b -> b.notifications(sent::add));
        assertEquals(List.of(NotificationKind.CONFIRMED), sent.stream().map(Notification::kind).toList());
        assertEquals(List.of(NotificationKind.REMINDER), outbox());
    }
}
