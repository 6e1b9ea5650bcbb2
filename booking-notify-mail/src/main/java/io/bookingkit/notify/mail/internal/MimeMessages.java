package io.bookingkit.notify.mail.internal;

import io.bookingkit.notify.CalendarAttachment;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the MIME message of one notification: {@code multipart/alternative} with the plain text
 * and the HTML, inside {@code multipart/mixed} with the booking's {@code .ics} attached
 * ({@code text/calendar; method=REQUEST} or {@code CANCEL}, the notification's file as it is) when
 * it carries one. Not API.
 */
public final class MimeMessages {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private MimeMessages() {
    }

    /**
     * The message.
     *
     * @param session   the server's session
     * @param messageId the Message-ID, with its angle brackets
     * @param from      the sender
     * @param replyTo   where replies go, if not to the sender
     * @param to        the one recipient
     * @param composed  subject, text and HTML
     * @param locale    the language it is written in
     * @param calendar  the attachment, if the notification carries one
     * @param sentAt    the Date header
     * @return the message, ready to send
     * @throws MessagingException if Jakarta Mail refuses a part
     */
    public static MimeMessage build(Session session, String messageId, InternetAddress from,
            Optional<InternetAddress> replyTo, InternetAddress to, Composer.Composed composed, Locale locale,
            Optional<CalendarAttachment> calendar, Instant sentAt) throws MessagingException {
        MimeMessage message = new BookingMessage(session, messageId);
        message.setFrom(from);
        if (replyTo.isPresent()) {
            message.setReplyTo(new InternetAddress[] {replyTo.get()});
        }
        message.setRecipient(MimeMessage.RecipientType.TO, to);
        message.setSubject(composed.subject(), UTF_8);
        message.setSentDate(Date.from(sentAt));
        message.setContentLanguage(new String[] {locale.toLanguageTag()});
        // RFC 3834: sent by a program, so auto-responders (out-of-office replies) stay quiet.
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(composed.text(), UTF_8, "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(composed.html(), UTF_8, "html");
        alternative.addBodyPart(html);

        if (calendar.isEmpty()) {
            message.setContent(alternative);
            return message;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment(calendar.get()));
        message.setContent(mixed);
        return message;
    }

    private static MimeBodyPart attachment(CalendarAttachment calendar) throws MessagingException {
        ContentType type = new ContentType(calendar.mediaType());
        type.setParameter("name", calendar.fileName());
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(calendar.text().getBytes(StandardCharsets.UTF_8),
                type.toString())));
        part.setFileName(calendar.fileName());
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Type", type.toString());
        return part;
    }
}
