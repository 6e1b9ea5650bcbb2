package io.bookingkit.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import io.bookingkit.BookingEngine;
import io.bookingkit.OutboxDispatcher;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** One notifier shared by several dispatchers at once: every notification goes out once. */
class ConcurrentDeliveryTest {

    @Test
    void three_dispatchers_share_one_notifier_and_every_notification_arrives_once() throws Exception {
        GreenMail greenMail = Mails.smtp(0);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
            InMemoryBookingStore store = new InMemoryBookingStore();
            TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                    .duration(Duration.ofMinutes(30)).build());
            // This node takes bookings; the three dispatchers below deliver them.
            BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(catalog)
                    .notificationsDeliveredElsewhere().build();
            engine.resources().register(Resource.of("clinic", "dr", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 08:00-18:00",
                    ZoneId.of("Europe/Madrid"))));
            int bookings = 12;
            for (int i = 0; i < bookings; i++) {
                engine.book(BookingRequest.builder().template("consultation").resource("dr")
                        .start(Instant.parse("2026-03-04T08:00:00Z").plus(Duration.ofMinutes(30L * i))).build(),
                        Actor.customer("clinic", "c" + i));
            }
            MailNotifier mail = MailNotifier.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort())
                    .tls(TlsMode.NONE).sender("bookings@clinic.example")
                    .recipients((tenant, customer) -> Optional.of(Recipient.of(customer + "@example.com")))
                    .store(store).templates(catalog).clock(clock).build();

            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                OutboxDispatcher dispatcher = OutboxDispatcher.builder(store, mail, clock).batchSize(2).build();
                runs.add(pool.submit(() -> {
                    start.await();
                    return dispatcher.dispatchDue();
                }));
            }
            start.countDown();
            int delivered = 0;
            for (Future<Integer> run : runs) {
                delivered += run.get(60, TimeUnit.SECONDS);
            }

            assertEquals(bookings, delivered);
            List<MimeMessage> messages = Mails.await(greenMail, bookings);
            Set<String> ids = messages.stream().map(m -> {
                try {
                    return m.getMessageID();
                } catch (MessagingException e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            assertEquals(bookings, ids.size(), "one message per notification");
            assertEquals(0, store.outbox().backlog(clock.instant().plus(Duration.ofDays(1))).due());
        } finally {
            pool.shutdownNow();
            greenMail.stop();
        }
    }
}
