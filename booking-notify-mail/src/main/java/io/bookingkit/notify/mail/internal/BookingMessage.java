package io.bookingkit.notify.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is the notification's, not one Jakarta Mail makes up when it saves
 * the message: every delivery attempt of a notification carries the same id. Not API.
 */
final class BookingMessage extends MimeMessage {

    private final String messageId;

    BookingMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
