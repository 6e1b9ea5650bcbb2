package io.bookingkit.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** Reading what arrived: parts, their text, the attached calendar; and servers on 127.0.0.1. */
final class Mails {

    private Mails() {
    }

    /** GreenMail's SMTP server on 127.0.0.1, on a free port (or {@code port}), started. */
    static GreenMail smtp(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    /** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages that arrived, after waiting for {@code count} of them. */
    static List<MimeMessage> await(GreenMail mail, int count) {
        assertTrue(mail.waitForIncomingEmail(10_000, count), "expected " + count + " messages, got "
                + mail.getReceivedMessages().length);
        MimeMessage[] all = mail.getReceivedMessages();
        assertEquals(count, all.length, "messages received");
        return List.of(all);
    }

    /** Every leaf part of {@code part}, depth first. */
    static List<Part> leaves(Part part) {
        List<Part> out = new ArrayList<>();
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    out.addAll(leaves(child));
                }
            } else {
                out.add(part);
            }
        } catch (MessagingException | IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** The base type of the message's top-level body, such as {@code multipart/mixed}. */
    static String topType(MimeMessage message) {
        try {
            return new ContentType(message.getContentType()).getBaseType();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The types of the parts inside the top-level multipart, such as {@code [multipart/alternative, text/calendar]}. */
    static List<String> childTypes(Part part) {
        try {
            Multipart multipart = (Multipart) part.getContent();
            List<String> types = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                types.add(new ContentType(multipart.getBodyPart(i).getContentType()).getBaseType());
            }
            return types;
        } catch (MessagingException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The one leaf of base type {@code type}, if any. */
    static Optional<Part> part(MimeMessage message, String type) {
        List<Part> found = leaves(message).stream().filter(p -> {
            try {
                return p.isMimeType(type);
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertTrue(found.size() <= 1, "at most one " + type + " part");
        return found.stream().findFirst();
    }

    /** The decoded text of {@code part}. */
    static String text(Part part) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (MessagingException | IOException e) {
            throw new AssertionError(e);
        }
    }

    static String text(MimeMessage message) {
        return text(part(message, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part")));
    }

    static String html(MimeMessage message) {
        return text(part(message, "text/html").orElseThrow(() -> new AssertionError("no text/html part")));
    }

    static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The attached calendar as ical4j reads it, with the part's Content-Type. */
    record Ics(Calendar calendar, ContentType type, String fileName) {
        String method() {
            return calendar.<Property>getProperty("METHOD").orElseThrow().getValue();
        }

        String uid() {
            List<VEvent> events = calendar.getComponents("VEVENT");
            assertEquals(1, events.size(), "events");
            return events.get(0).<Property>getProperty("UID").orElseThrow().getValue();
        }

        String status() {
            List<VEvent> events = calendar.getComponents("VEVENT");
            return events.get(0).<Property>getProperty("STATUS").orElseThrow().getValue();
        }
    }

    static Optional<Ics> ics(MimeMessage message) {
        return part(message, "text/calendar").map(p -> {
            try {
                String text = text(p);
                return new Ics(new CalendarBuilder().build(new StringReader(text)), new ContentType(p.getContentType()),
                        p.getFileName());
            } catch (Exception e) {
                throw new AssertionError("ical4j cannot read the attachment", e);
            }
        });
    }
}
