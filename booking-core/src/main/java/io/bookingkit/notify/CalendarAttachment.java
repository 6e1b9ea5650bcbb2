package io.bookingkit.notify;

import io.bookingkit.booking.Booking;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.util.Optional;

/**
 * A booking as an iCalendar file to attach to a notification, so that an e-mail adapter can
 * hand it to the recipient's phone or mail client without any calendar code of its own: the
 * client adds the event on a {@code METHOD:REQUEST} and removes it on a {@code METHOD:CANCEL}
 * with the same {@code UID} ({@link io.bookingkit.ical.ICalendar#uid}). Which notifications
 * carry one, and with which method, is {@link #methodFor}; the {@link io.bookingkit.OutboxDispatcher}
 * writes the file with {@link io.bookingkit.ical.ICalendar} when it delivers the notification.
 *
 * @param fileName  a name to attach it under, such as {@code booking-b-42.ics}: no path
 *                  separators, no control characters
 * @param mediaType its MIME type with the iCalendar method, such as
 *                  {@code text/calendar; charset=UTF-8; method=REQUEST}
 * @param text      the RFC 5545 text
 */
public record CalendarAttachment(String fileName, String mediaType, String text) {

    private static final String MEDIA_TYPE = "text/calendar";

    /**
     * Validates the components.
     *
     * @param fileName  a name to attach it under, such as {@code booking-b-42.ics}: no path
     *                  separators, no control characters
     * @param mediaType its MIME type with the iCalendar method, such as
     *                  {@code text/calendar; charset=UTF-8; method=REQUEST}
     * @param text      the RFC 5545 text
     * @throws InvalidRequestException if a component is blank, the file name holds a path separator
     *                                 or a control character, or the media type is not
     *                                 {@code text/calendar}
     */
    public CalendarAttachment {
        Require.notBlank(fileName, "fileName");
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new InvalidRequestException("fileName must not contain path separators or control characters, "
                        + "but has one at index " + i);
            }
        }
        Require.notBlank(mediaType, "mediaType");
        if (!mediaType.regionMatches(true, 0, MEDIA_TYPE, 0, MEDIA_TYPE.length())) {
            throw new InvalidRequestException("mediaType must be " + MEDIA_TYPE + ", but was '" + mediaType + "'");
        }
        Require.notBlank(text, "text");
    }

    /**
     * What an attachment asks of the recipient's calendar ({@code METHOD}, RFC 5546): the two of
     * {@link io.bookingkit.ical.ICalendar.Method} that a message to one person uses.
     */
    public enum Method {
        /** Add the event, or update it to this version. */
        REQUEST,
        /** Remove the event. */
        CANCEL
    }

    /**
     * {@code text}, the iCalendar file of {@code booking} with {@code method}, as an attachment.
     *
     * @param booking the booking the file is about; it names the file {@code booking-<id>.ics}
     * @param method  the method the text was written with
     * @param text    the iCalendar text, as {@link io.bookingkit.ical.ICalendar} writes it
     * @return the attachment
     */
    public static CalendarAttachment of(Booking booking, Method method, String text) {
        Require.nonNull(booking, "booking");
        Require.nonNull(method, "method");
        return new CalendarAttachment(fileName(booking), MEDIA_TYPE + "; charset=UTF-8; method=" + method.name(), text);
    }

    /**
     * The method of the attachment that a notification of {@code kind} about {@code booking}
     * carries, or empty for none: {@code REQUEST} for the kinds that tell of an agreed, requested
     * or moved booking ({@code CONFIRMED}, {@code REQUESTED}, {@code RESCHEDULED},
     * {@code REMINDER}; a pending one reads {@code STATUS:TENTATIVE}), {@code CANCEL} for those
     * that end it ({@code CANCELLED}, {@code DECLINED}, {@code EXPIRED}), none for the rest. A
     * booking that was never requested ({@link Booking#wasRequested()}) carries none whatever the
     * kind, and one that has ended by delivery time carries {@code CANCEL} even on a message that
     * was an invitation when it was written.
     *
     * @param kind    the notification's kind
     * @param booking the booking as it is at delivery time
     * @return the method, or empty for no attachment
     */
    public static Optional<Method> methodFor(NotificationKind kind, Booking booking) {
        Require.nonNull(kind, "kind");
        Require.nonNull(booking, "booking");
        // A hold (a waitlist offer is one) lasts minutes and is usually let go: an event for it would
        // clutter the calendar, so none goes out, and its end has nothing in a calendar to withdraw.
        if (!booking.wasRequested()) {
            return Optional.empty();
        }
        Optional<Method> method = switch (kind) {
            // A reminder repeats the invitation, so a recipient who deleted it gets the event back.
            case REQUESTED, CONFIRMED, RESCHEDULED, REMINDER -> Optional.of(Method.REQUEST);
            case CANCELLED, DECLINED, EXPIRED -> Optional.of(Method.CANCEL);
            // Starting, completing or missing a booking changes nothing a calendar shows: the
            // event keeps its time and stays.
            case HELD, WAITLIST_OFFER, STARTED, COMPLETED, NO_SHOW -> Optional.empty();
        };
        // A message delivered after the booking ended (a retried confirmation, say) must not put
        // the event back: the booking as it is now decides.
        return booking.status().isCalledOff() ? method.map(m -> Method.CANCEL) : method;
    }

    /** {@code booking-<id>.ics}, with every character of the id a file system may refuse replaced. */
    private static String fileName(Booking booking) {
        StringBuilder name = new StringBuilder("booking-");
        booking.id().codePoints().forEach(c -> name.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-'
                || c == '_' || c == '.') ? (char) c : '_'));
        return name.append(".ics").toString();
    }
}
