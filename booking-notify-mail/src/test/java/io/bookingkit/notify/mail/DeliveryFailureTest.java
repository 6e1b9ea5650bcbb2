package io.bookingkit.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.bookingkit.BookingEngine;
import io.bookingkit.OutboxDispatcher;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.Notices;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.notify.mail.internal.MessageIds;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * What the outbox does when the SMTP server is down, drops the connection or refuses: the booking
 * stays committed, a temporary failure is retried with backoff and parked after the dispatcher's
 * last attempt, a recipient refused for good is parked at once.
 */
class DeliveryFailureTest {

    private static final String CLINIC = "clinic";
    private static final Duration BACKOFF = Duration.ofSeconds(5);
    private static final Actor ANA = Actor.customer(CLINIC, "ana");
    private static final Actor DESK = Actor.staff(CLINIC, "desk", Set.of("dr"));
    private static final TemplateCatalog CATALOG = TemplateCatalog.of(ServiceTemplate.builder("consultation")
            .duration(Duration.ofMinutes(30)).build());

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    private final InMemoryBookingStore store = new InMemoryBookingStore();

    private MailNotifier notifier(String host, int port) {
        return MailNotifier.builder().host(host).port(port).tls(TlsMode.NONE)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .sender("bookings@clinic.example")
                .recipients((tenant, customer) -> Optional.ofNullable(Map.of("ana", Recipient.of("ana@example.com"),
                        "ghost", Recipient.of("ghost@example.com")).get(customer)))
                .store(store).templates(CATALOG).clock(clock).build();
    }

    private BookingEngine engine(MailNotifier mail, int maxAttempts) {
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(CATALOG).notifications(mail)
                .dispatcher((s, p, c) -> OutboxDispatcher.builder(s, p, c).maxAttempts(maxAttempts).backoff(BACKOFF)
                        .build())
                .build();
        engine.resources().register(Resource.of(CLINIC, "dr", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 08:00-18:00",
                ZoneId.of("Europe/Madrid"))));
        return engine;
    }

    private Booking book(BookingEngine engine, Actor customer) {
        return book(engine, customer, Instant.parse("2026-03-04T09:00:00Z"));
    }

    private Booking book(BookingEngine engine, Actor customer, Instant start) {
        return engine.book(BookingRequest.builder().template("consultation").resource("dr").start(start).build(),
                customer);
    }

    /**
     * Messages neither delivered nor parked: due now or waiting for their retry (the backlog only
     * counts what is due, and a failed message is due again only after its backoff).
     */
    private long waiting() {
        return store.outbox().backlog(clock.instant().plus(Duration.ofDays(1))).due();
    }

    /** Moves the clock past the backoff of the {@code attempt}-th failure and dispatches. */
    private static void retry(BookingEngine engine, MutableClock clock, int attempt) {
        clock.add(BACKOFF.multipliedBy(1L << (attempt - 1)).plusSeconds(1));
        engine.dispatchNotifications();
    }

    @Test
    void a_server_that_is_down_leaves_the_booking_committed_and_the_message_is_retried_then_parked() {
        int nothingListens = Mails.freePort();
        BookingEngine engine = engine(notifier("127.0.0.1", nothingListens), 3);

        Booking booked = book(engine, ANA);

        assertEquals(BookingStatus.CONFIRMED, engine.find(booked.id(), DESK).orElseThrow().status());
        assertEquals(1, waiting(), "the confirmation waits for a retry");
        assertEquals(0, store.outbox().parkedMessages(CLINIC).size());
        // Not due yet: nothing is attempted before the backoff has passed.
        assertEquals(0, engine.dispatchNotifications());

        retry(engine, clock, 1);
        assertEquals(0, store.outbox().parkedMessages(CLINIC).size(), "two failures of three");
        retry(engine, clock, 2);
        List<OutboxMessage> parked = store.outbox().parkedMessages(CLINIC);
        assertEquals(1, parked.size(), "parked after the third failure");
        assertEquals(NotificationKind.CONFIRMED, parked.get(0).kind());
        assertEquals(3, parked.get(0).attempts());
        assertEquals(0, waiting());
        assertEquals(BookingStatus.CONFIRMED, engine.find(booked.id(), DESK).orElseThrow().status());
    }

    @Test
    void a_server_that_was_stopped_gets_the_retry_once_it_is_back_with_the_same_message_id() throws Exception {
        GreenMail first = Mails.smtp(0);
        int port = first.getSmtp().getPort();
        first.stop();
        BookingEngine engine = engine(notifier("127.0.0.1", port), 5);

        Booking booked = book(engine, ANA);
        assertEquals(1, waiting());
        retry(engine, clock, 1);
        assertEquals(1, waiting(), "still down");

        GreenMail again = Mails.smtp(port);
        try {
            retry(engine, clock, 2);
            MimeMessage message = Mails.await(again, 1).get(0);
            assertEquals(MessageIds.of(booked.tenantId(), Notices.dedupeKey(booked, NotificationKind.CONFIRMED)), message.getMessageID());
            assertEquals(0, waiting());
            assertEquals(0, store.outbox().parkedMessages(CLINIC).size());
        } finally {
            again.stop();
        }
    }

    @Test
    void a_recipient_refused_for_good_is_parked_at_the_first_attempt() {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().rcpt("550 5.1.1 <ghost@example.com>: no such user")) {
            BookingEngine engine = engine(notifier("127.0.0.1", server.port()), 8);

            Booking booked = book(engine, Actor.customer(CLINIC, "ghost"));

            List<OutboxMessage> parked = store.outbox().parkedMessages(CLINIC);
            assertEquals(1, parked.size(), "parked at once, not after 8 attempts");
            assertEquals(1, parked.get(0).attempts());
            assertEquals(0, server.accepted());
            assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("RCPT TO:<ghost@example.com>")),
                    server.commands().toString());
            assertFalse(server.commands().contains("DATA"), "nothing sent after the refusal");
            assertEquals(BookingStatus.CONFIRMED, engine.find(booked.id(), DESK).orElseThrow().status());
        }
    }

    @Test
    void a_temporary_refusal_of_the_recipient_is_retried_and_delivered_when_the_server_takes_it() {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().rcpt("451 4.7.1 greylisted, try again later")) {
            BookingEngine engine = engine(notifier("127.0.0.1", server.port()), 8);

            book(engine, ANA);
            assertEquals(0, store.outbox().parkedMessages(CLINIC).size());
            assertEquals(1, waiting());

            server.rcpt("250 2.1.5 ok");
            retry(engine, clock, 1);
            assertEquals(1, server.accepted());
            assertEquals(0, waiting());
        }
    }

    @Test
    void a_full_mailbox_a_relay_refusal_a_busy_greeting_a_refused_message_and_a_dropped_connection_are_retried() {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().rcpt("552 5.2.2 mailbox full")) {
            BookingEngine engine = engine(notifier("127.0.0.1", server.port()), 8);
            book(engine, ANA);
            assertEquals(1, waiting(), "552 (mailbox full) may pass");

            server.rcpt("550 5.7.1 Relaying denied: authenticate first");
            retry(engine, clock, 1);
            assertEquals(1, waiting(), "a policy refusal (5.7.x) is about this sender's set-up, not the address");
            assertEquals(0, store.outbox().parkedMessages(CLINIC).size());

            server.rcpt("250 ok").greeting("421 4.3.2 too busy, come back later");
            retry(engine, clock, 2);
            assertEquals(1, waiting(), "421 at the greeting");

            server.greeting("220 scripted ESMTP").data("554 5.7.1 message refused");
            retry(engine, clock, 3);
            assertEquals(1, waiting(), "a refused message is the sender's problem, not the address's");

            server.data("250 queued").dropInData(true);
            retry(engine, clock, 4);
            assertEquals(1, waiting(), "dropped in the middle of DATA");

            server.dropInData(false);
            retry(engine, clock, 5);
            assertEquals(1, server.accepted());
            assertEquals(0, waiting());
            assertEquals(0, store.outbox().parkedMessages(CLINIC).size(), "nothing was parked on the way");
            assertEquals(6, server.connections(), "one connection per attempt");
        }
    }

    @Test
    void a_server_that_never_answers_times_out_and_is_retried() throws Exception {
        // Accepts connections (the backlog) but never sends its greeting.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 4, java.net.InetAddress.getByName("127.0.0.1"))) {
            MailNotifier mail = MailNotifier.builder().host("127.0.0.1").port(silent.getLocalPort()).tls(TlsMode.NONE)
                    .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofMillis(300))
                    .sender("bookings@clinic.example").recipients((t, c) -> Optional.of(Recipient.of("ana@example.com")))
                    .store(store).templates(CATALOG).clock(clock).build();
            BookingEngine engine = engine(mail, 8);
            long started = System.nanoTime();
            book(engine, ANA);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(1, waiting());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "bounded by the read timeout: " + took);
        }
    }

    @Test
    void a_malformed_address_from_the_directory_is_parked_at_once_and_a_directory_that_fails_is_retried() {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
            MailNotifier mail = MailNotifier.builder().host("127.0.0.1").port(server.port()).tls(TlsMode.NONE)
                    .sender("bookings@clinic.example")
                    .recipients((tenant, customer) -> {
                        if (customer.equals("typo")) {
                            return Optional.of(Recipient.of("ana@@example.com"));
                        }
                        if (down.get()) {
                            throw new IllegalStateException("the customer directory is down");
                        }
                        return Optional.of(Recipient.of("ana@example.com"));
                    })
                    .store(store).templates(CATALOG).clock(clock).build();
            BookingEngine engine = engine(mail, 8);

            book(engine, Actor.customer(CLINIC, "typo"));
            assertEquals(1, store.outbox().parkedMessages(CLINIC).size(), "no retry mends the address");
            assertEquals(0, server.connections());

            book(engine, ANA, Instant.parse("2026-03-04T10:00:00Z"));
            assertEquals(1, waiting(), "retried while the directory is down");
            down.set(false);
            retry(engine, clock, 1);
            assertEquals(0, waiting());
            assertEquals(1, server.accepted());
        }
    }
}
