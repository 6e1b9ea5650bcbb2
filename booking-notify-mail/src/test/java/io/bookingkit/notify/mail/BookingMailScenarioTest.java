package io.bookingkit.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.Notices;
import io.bookingkit.notify.mail.internal.MessageIds;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Channel;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * A real engine on the in-memory store, delivering to GreenMail on 127.0.0.1: book, confirm,
 * reschedule and cancel, in English and in Argentine Spanish, and the messages that arrive.
 */
class BookingMailScenarioTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String HOSTILE = "<script>alert('x')</script> & Dr. García";
    private static final Actor DESK_EN = Actor.staff("clinic", "desk", Set.of("dr"));

    private final GreenMail greenMail = Mails.smtp(0);
    // Monday 2 March 2026, 09:00 in Madrid.
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    private final InMemoryBookingStore store = new InMemoryBookingStore();

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private MailNotifier.Builder notifier(TemplateCatalog catalog, Map<String, Recipient> directory) {
        return MailNotifier.builder()
                .host("127.0.0.1").port(greenMail.getSmtp().getPort()).tls(TlsMode.NONE)
                .sender("bookings@clinic.example", "Clínica Norte")
                .replyTo("desk@clinic.example")
                .linkPattern("https://clinic.example/{tenant}/bookings/{bookingId}")
                .recipients((tenant, customer) -> Optional.ofNullable(directory.get(tenant + "/" + customer)))
                .store(store).templates(catalog).clock(clock);
    }

    private BookingEngine engine(TemplateCatalog catalog, MailNotifier mail) {
        return BookingEngine.builder().store(store).clock(clock).templates(catalog).notifications(mail).build();
    }

    @Test
    void english_request_confirmation_move_and_cancellation_arrive_as_four_messages() throws Exception {
        TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                .duration(Duration.ofMinutes(30)).requiresConfirmation(Duration.ofHours(12))
                .cancellationCutoff(Duration.ofHours(24)).locale(Locale.ENGLISH).build());
        Map<String, Recipient> directory = Map.of("clinic/ana",
                Recipient.of("ana@example.com", "Ana <b>Pérez</b>", NEW_YORK));
        BookingEngine engine = engine(catalog, notifier(catalog, directory).build());
        engine.resources().register(Resource.of("clinic", "dr", HOSTILE, OpeningHours.parse("Mo-Fr 08:00-18:00", MADRID)));
        Actor ana = Actor.customer("clinic", "ana");

        // Wednesday 4 March, 10:00 in Madrid (CET), 04:00 in New York (EST).
        Booking requested = engine.book(BookingRequest.builder().template("consultation").resource("dr")
                .start(Instant.parse("2026-03-04T09:00:00Z")).build(), ana);
        Booking confirmed = engine.confirm(requested.id(), DESK_EN);
        // Thursday 5 March, 11:00 in Madrid.
        Booking moved = engine.reschedule(requested.id(), Instant.parse("2026-03-05T10:00:00Z"), DESK_EN);
        Booking cancelled = engine.cancel(requested.id(), DESK_EN, "The doctor is ill");

        List<MimeMessage> messages = Mails.await(greenMail, 4);
        MimeMessage request = messages.get(0);
        MimeMessage confirmation = messages.get(1);
        MimeMessage move = messages.get(2);
        MimeMessage cancellation = messages.get(3);

        assertEquals("Booking request received: Wednesday, March 4, 2026", request.getSubject());
        assertEquals("Booking confirmed: Wednesday, March 4, 2026, 10:00 AM", confirmation.getSubject());
        assertEquals("Booking moved to Thursday, March 5, 2026, 11:00 AM", move.getSubject());
        assertEquals("Booking cancelled: Thursday, March 5, 2026, 11:00 AM", cancellation.getSubject());

        for (MimeMessage m : messages) {
            InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
            assertEquals(1, m.getAllRecipients().length);
            assertEquals("ana@example.com", to.getAddress());
            assertEquals("Ana <b>Pérez</b>", to.getPersonal());
            InternetAddress from = (InternetAddress) m.getFrom()[0];
            assertEquals("bookings@clinic.example", from.getAddress());
            assertEquals("Clínica Norte", from.getPersonal());
            assertEquals("desk@clinic.example", ((InternetAddress) m.getReplyTo()[0]).getAddress());
            assertEquals("auto-generated", Mails.header(m, "Auto-Submitted"));
            assertEquals("en", Mails.header(m, "Content-Language"));
            assertEquals(clock.instant(), m.getSentDate().toInstant());
        }

        // The tenant and the dedupe key of each notification, as the core writes it, are the Message-ID.
        assertEquals("<clinic." + requested.id() + "%3AREQUESTED%3Av" + requested.version() + "@bookingkit>",
                request.getMessageID());
        assertEquals(MessageIds.of(requested.tenantId(), Notices.dedupeKey(requested, NotificationKind.REQUESTED)), request.getMessageID());
        assertEquals(MessageIds.of(confirmed.tenantId(), Notices.dedupeKey(confirmed, NotificationKind.CONFIRMED)), confirmation.getMessageID());
        assertEquals(MessageIds.of(moved.tenantId(), Notices.dedupeKey(moved, NotificationKind.RESCHEDULED)), move.getMessageID());
        assertEquals(MessageIds.of(cancelled.tenantId(), Notices.dedupeKey(cancelled, NotificationKind.CANCELLED)),
                cancellation.getMessageID());

        String text = Mails.text(confirmation);
        assertEquals("""
                Hello Ana <b>Pérez</b>,

                your booking is confirmed: <script>alert('x')</script> & Dr. García on Wednesday, March 4, 2026, \
                10:00 AM to 10:30 AM (Central European Time).

                In your time zone (Eastern Time) that is Wednesday, March 4, 2026, 4:00 AM to 4:30 AM.

                You can cancel or reschedule up to 24 hours before the start.

                Your booking: https://clinic.example/clinic/bookings/%s

                See you then,
                Clínica Norte
                """.formatted(requested.id()), text);
        String html = Mails.html(confirmation);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("Hello Ana &lt;b&gt;Pérez&lt;/b&gt;,"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Dr. García on Wednesday, March 4,"
                + " 2026, 10:00 AM to 10:30 AM (Central European Time)."), html);
        assertTrue(html.contains("Wednesday, March 4, 2026, 4:00 AM to 4:30 AM"), html);
        assertTrue(html.contains("<a href=\"https://clinic.example/clinic/bookings/" + requested.id() + "\">"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);

        assertTrue(Mails.text(move).contains("The new time is Thursday, March 5, 2026, 11:00 AM to 11:30 AM"
                + " (Central European Time)."), Mails.text(move));
        assertTrue(Mails.text(move).contains("Thursday, March 5, 2026, 5:00 AM to 5:30 AM."), Mails.text(move));
        assertTrue(Mails.text(request).contains("It is not confirmed yet"), Mails.text(request));
        assertFalse(Mails.text(cancellation).contains("You can cancel"), "no cutoff line on a cancellation");

        // Every message carries the booking's calendar: an invitation, then its withdrawal, one UID.
        assertEquals("multipart/mixed", Mails.topType(confirmation));
        assertEquals(List.of("multipart/alternative", "text/calendar"), Mails.childTypes(confirmation));
        Mails.Ics requestIcs = Mails.ics(request).orElseThrow();
        Mails.Ics confirmedIcs = Mails.ics(confirmation).orElseThrow();
        Mails.Ics movedIcs = Mails.ics(move).orElseThrow();
        Mails.Ics cancelIcs = Mails.ics(cancellation).orElseThrow();
        assertEquals(List.of("REQUEST", "REQUEST", "REQUEST", "CANCEL"),
                List.of(requestIcs.method(), confirmedIcs.method(), movedIcs.method(), cancelIcs.method()));
        assertEquals("REQUEST", confirmedIcs.type().getParameter("method"));
        assertEquals("CANCEL", cancelIcs.type().getParameter("method"));
        assertEquals("booking-" + requested.id() + ".ics", confirmedIcs.fileName());
        assertEquals(List.of(requestIcs.uid(), requestIcs.uid(), requestIcs.uid()),
                List.of(confirmedIcs.uid(), movedIcs.uid(), cancelIcs.uid()));
        // Delivered right after each change, so each file shows the booking as it was then.
        assertEquals(List.of("TENTATIVE", "CONFIRMED", "CONFIRMED", "CANCELLED"),
                List.of(requestIcs.status(), confirmedIcs.status(), movedIcs.status(), cancelIcs.status()));
        assertEquals(0, store.outbox().parkedMessages("clinic").size());
    }

    @Test
    void argentine_spanish_messages_are_written_in_spanish_with_the_barbers_cutoff_in_words() throws Exception {
        TemplateCatalog verticals = TemplateCatalog.verticals();
        // The barber template, in es-AR with a 24 h cutoff, confirmed by the shop.
        TemplateCatalog catalog = verticals.with(verticals.get("barber").toBuilder().name("corte")
                .requiresConfirmation(Duration.ofHours(12)).build());
        Map<String, Recipient> directory = Map.of("barberia/juan", Recipient.of("juan@example.com.ar", "Juan <i>"),
                "barberia/lu", Recipient.of("lu@example.com", "Lu", ZoneId.of("Europe/Madrid")));
        BookingEngine engine = engine(catalog, notifier(catalog, directory).build());
        engine.resources().register(Resource.of("barberia", "silla", "Silla 1 <Tito>",
                OpeningHours.parse("Mo-Sa 09:00-20:00", BUENOS_AIRES)));
        Actor juan = Actor.customer("barberia", "juan");
        Actor shop = Actor.staff("barberia", "tito", Set.of("silla"));
        // Monday 2 March 2026, 05:00 in Buenos Aires; the cut is Wednesday at 12:00.
        Booking requested = engine.book(BookingRequest.builder().template("corte").resource("silla")
                .start(Instant.parse("2026-03-04T15:00:00Z")).build(), juan);
        engine.confirm(requested.id(), shop);
        engine.reschedule(requested.id(), Instant.parse("2026-03-05T18:30:00Z"), shop);
        engine.cancel(requested.id(), shop, "Se cortó la luz");

        List<MimeMessage> messages = Mails.await(greenMail, 4);
        assertEquals(List.of("Recibimos tu pedido de turno: miércoles, 4 de marzo de 2026",
                "Turno confirmado: miércoles, 4 de marzo de 2026, 12:00",
                "Turno cambiado al jueves, 5 de marzo de 2026, 15:30",
                "Turno cancelado: jueves, 5 de marzo de 2026, 15:30"),
                messages.stream().map(m -> {
                    try {
                        return m.getSubject();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList());
        MimeMessage confirmation = messages.get(1);
        assertEquals("es-AR", Mails.header(confirmation, "Content-Language"));
        assertEquals("""
                Hola, Juan <i>:

                tu turno está confirmado: Silla 1 <Tito>, el miércoles, 4 de marzo de 2026, de 12:00 a 12:30 \
                (hora de Argentina).

                Podés cancelar o cambiar el turno hasta 24 horas antes del horario.

                Tu turno: https://clinic.example/barberia/bookings/%s

                ¡Te esperamos!
                Clínica Norte
                """.formatted(requested.id()), Mails.text(confirmation));
        String html = Mails.html(confirmation);
        assertTrue(html.contains("Hola, Juan &lt;i&gt;:"), html);
        assertTrue(html.contains("Silla 1 &lt;Tito&gt;, el miércoles, 4 de marzo de 2026, de 12:00 a 12:30"), html);
        assertTrue(html.contains("hasta 24 horas antes"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"es-AR\">"), html);
        assertTrue(Mails.text(messages.get(2)).contains("El nuevo horario es el jueves, 5 de marzo de 2026, de 15:30 a"
                + " 16:00 (hora de Argentina)."), Mails.text(messages.get(2)));
        assertTrue(Mails.text(messages.get(3)).contains("se canceló tu turno"), Mails.text(messages.get(3)));

        List<Mails.Ics> files = messages.stream().map(m -> Mails.ics(m).orElseThrow()).toList();
        assertEquals(List.of("REQUEST", "REQUEST", "REQUEST", "CANCEL"), files.stream().map(Mails.Ics::method).toList());
        assertEquals(1, files.stream().map(Mails.Ics::uid).distinct().count(), "one UID");

        // A customer who reads times in Madrid gets them too, in Spanish.
        greenMail.purgeEmailFromAllMailboxes();
        engine.book(BookingRequest.builder().template("corte").resource("silla")
                .start(Instant.parse("2026-03-06T13:00:00Z")).build(), Actor.customer("barberia", "lu"));
        String lu = Mails.text(Mails.await(greenMail, 1).get(0));
        assertTrue(lu.contains("el viernes, 6 de marzo de 2026, de 10:00 a 10:30 (hora de Argentina)."), lu);
        assertTrue(lu.contains("En tu zona horaria (hora de Europa central) es el viernes, 6 de marzo de 2026, de 14:00"
                + " a 14:30."), lu);
    }

    @Test
    void a_customer_without_an_address_is_skipped_and_nothing_is_parked() {
        TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                .duration(Duration.ofMinutes(30)).build());
        BookingEngine engine = engine(catalog, notifier(catalog, Map.of()).build());
        engine.resources().register(Resource.of("clinic", "dr", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 08:00-18:00",
                MADRID)));
        Booking booked = engine.book(BookingRequest.builder().template("consultation").resource("dr")
                .start(Instant.parse("2026-03-04T09:00:00Z")).build(), Actor.customer("clinic", "walk-in"));

        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals(0, engine.outboxBacklog().due(), "the notification counts as delivered");
        assertEquals(0, store.outbox().parkedMessages("clinic").size());
        assertTrue(engine.find(booked.id(), DESK_EN).isPresent());
    }

    @Test
    void reminders_go_out_by_email_only_over_the_channels_the_notifier_serves() throws Exception {
        TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                .duration(Duration.ofMinutes(30)).reminder(Duration.ofHours(24), Channel.EMAIL)
                .reminder(Duration.ofHours(2), Channel.SMS).build());
        Map<String, Recipient> directory = Map.of("clinic/ana", Recipient.of("ana@example.com", "Ana"));
        BookingEngine engine = engine(catalog, notifier(catalog, directory).build());
        engine.resources().register(Resource.of("clinic", "dr", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 08:00-18:00",
                MADRID)));
        Booking booked = engine.book(BookingRequest.builder().template("consultation").resource("dr")
                .start(Instant.parse("2026-03-04T09:00:00Z")).build(), Actor.customer("clinic", "ana"));
        Mails.await(greenMail, 1);

        clock.setInstant(Instant.parse("2026-03-04T08:00:00Z"));
        engine.dispatchNotifications();
        List<MimeMessage> messages = Mails.await(greenMail, 2);
        MimeMessage reminder = messages.get(1);
        assertEquals("Reminder: Dr. Ruiz, Wednesday, March 4, 2026, 10:00 AM", reminder.getSubject());
        assertEquals(MessageIds.of(booked.tenantId(), Notices.dedupeKey(booked, NotificationKind.REMINDER) + ":PT24H:email"),
                reminder.getMessageID());
        assertEquals("REQUEST", Mails.ics(reminder).orElseThrow().method());
        assertEquals(0, engine.outboxBacklog().due(), "the SMS reminder was taken and skipped");
        assertEquals(2, greenMail.getReceivedMessages().length);
    }

    @Test
    void an_added_locale_from_the_applications_folder_with_its_own_html_and_english_where_it_has_no_file()
            throws Exception {
        TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                .duration(Duration.ofMinutes(30)).requiresConfirmation(Duration.ofHours(12))
                .cancellationCutoff(Duration.ofMinutes(90)).locale(Locale.FRENCH).build());
        Map<String, Recipient> directory = Map.of("clinic/zoe", Recipient.of("zoe@example.fr", "Zoé \"<&>\""));
        BookingEngine engine = engine(catalog, notifier(catalog, directory).templateLocation("mail-templates").build());
        engine.resources().register(Resource.of("clinic", "dr", "Dr <Martin>", OpeningHours.parse("Mo-Fr 08:00-18:00",
                MADRID)));
        Booking requested = engine.book(BookingRequest.builder().template("consultation").resource("dr")
                .start(Instant.parse("2026-03-04T09:00:00Z")).locale(Locale.CANADA_FRENCH).build(),
                Actor.customer("clinic", "zoe"));
        engine.confirm(requested.id(), DESK_EN);

        List<MimeMessage> messages = Mails.await(greenMail, 2);
        // fr-CA has no file: fr has one for the confirmation; the request has none in French, so it is
        // English throughout, its date too.
        assertEquals("Booking request received: Wednesday, March 4, 2026", messages.get(0).getSubject());
        MimeMessage confirmation = messages.get(1);
        assertEquals("Rendez-vous confirmé : mercredi 4 mars 2026", confirmation.getSubject());
        // French words from the fr file, times the Canadian way (10 h 00) from the booking's fr-CA.
        assertEquals("""
                Bonjour Zoé "<&>",
                Dr <Martin>, mercredi 4 mars 2026, de 10 h 00 à 10 h 30.
                Annulation possible jusqu'à 1 heure et 30 minutes avant.
                """, Mails.text(confirmation));
        assertEquals("""
                <html><body style="color: #333">
                <h1>Bonjour Zoé &quot;&lt;&amp;&gt;&quot;</h1>
                <p>Dr &lt;Martin&gt;, mercredi 4 mars 2026, de 10 h 00 à 10 h 30.</p>
                <p><a href="https://clinic.example/clinic/bookings/%s">Voir</a></p>
                <p>Annulation possible jusqu&#39;à 1 heure et 30 minutes avant.</p>
                </body></html>
                """.formatted(requested.id()), Mails.html(confirmation));
    }

    @Test
    void credentials_log_in_to_a_loopback_server_without_tls() throws Exception {
        greenMail.setUser("bookings@clinic.example", "bookings", "s3cret");
        TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                .duration(Duration.ofMinutes(30)).build());
        Map<String, Recipient> directory = Map.of("clinic/ana", Recipient.of("ana@example.com"));
        BookingEngine engine = engine(catalog, notifier(catalog, directory).credentials("bookings", "s3cret").build());
        engine.resources().register(Resource.of("clinic", "dr", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 08:00-18:00",
                MADRID)));
        engine.book(BookingRequest.builder().template("consultation").resource("dr")
                .start(Instant.parse("2026-03-04T09:00:00Z")).build(), Actor.customer("clinic", "ana"));
        MimeMessage message = Mails.await(greenMail, 1).get(0);
        assertTrue(Mails.text(message).startsWith("Hello ana@example.com,"), Mails.text(message));
    }
}
