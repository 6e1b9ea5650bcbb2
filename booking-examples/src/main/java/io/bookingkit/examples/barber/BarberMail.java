package io.bookingkit.examples.barber;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.mail.MailNotifier;
import io.bookingkit.notify.mail.Recipient;
import io.bookingkit.notify.mail.TlsMode;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The barber's confirmation by e-mail, in Spanish, to an SMTP server in this JVM (GreenMail on
 * 127.0.0.1): the mail port is the default, and the reminders' other channels print on the
 * console.
 */
public final class BarberMail {

    private BarberMail() {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        BookingStore store = Examples.h2("barber-mail");
        run(System.out, store, Resource.of("barberia-centro", "chair-1", "Silla de Martín", BarberShop.HOURS));
    }

    /**
     * Books Valentina's Saturday cut and prints the e-mail that arrives.
     *
     * @param out   where the story is printed
     * @param store where the bookings go
     * @param chair the barber's chair; registered again if it is not stored yet
     */
    public static void run(PrintStream out, BookingStore store, Resource chair) {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            TemplateCatalog catalog = TemplateCatalog.of(Examples.template(BarberShop.class, "barber.properties"));
            MailNotifier mail = MailNotifier.builder()
                    .host("127.0.0.1").port(smtp.getSmtp().getPort()).tls(TlsMode.NONE)
                    .sender("turnos@barberia.example", "Barbería Centro")
                    .linkPattern("https://barberia.example/turnos/{bookingId}")
                    .recipients((tenant, customer) -> tenant.equals(chair.tenantId()) && customer.equals("valentina")
                            ? Optional.of(Recipient.of("valentina@example.com.ar", "Valentina")) : Optional.empty())
                    .store(store).templates(catalog).build();
            // A template channel left without a port would fail build(): WhatsApp and SMS print.
            NotificationPort console = Examples.console(out);
            BookingEngine engine = BookingEngine.builder().store(store)
                    .clock(Clock.fixed(Instant.parse("2026-12-21T12:00:00Z"), BarberShop.BUENOS_AIRES)).templates(catalog)
                    .notifications(mail).notifications("whatsapp", console).notifications("sms", console).build();
            engine.resources().register(chair);
            Instant saturday = WallClock.toInstant(LocalDate.of(2026, 12, 26), LocalTime.of(11, 0), BarberShop.BUENOS_AIRES);
            engine.book(BookingRequest.builder().template("barber").resource(chair.id()).start(saturday).build(),
                    Actor.customer(chair.tenantId(), "valentina"));
            smtp.waitForIncomingEmail(10_000, 1);
            for (MimeMessage message : smtp.getReceivedMessages()) {
                out.println("   to " + Arrays.stream(message.getAllRecipients()).map(Object::toString)
                        .collect(Collectors.joining(", ")) + ": " + message.getSubject());
                out.println(String.valueOf(textPart(message).getContent()).replace("\r\n", "\n").lines()
                        .map(line -> "   | " + line).collect(Collectors.joining("\n")));
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Reading the example's e-mail failed", e);
        } finally {
            smtp.stop();
        }
    }

    /** The plain-text part of a message, however deep its multiparts nest it. */
    private static Part textPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = textPart(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
