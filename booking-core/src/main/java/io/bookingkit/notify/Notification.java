package io.bookingkit.notify;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import io.bookingkit.template.Channel;
import java.util.Locale;
import java.util.Optional;

/**
 * A message for a person about a booking.
 *
 * @param kind      what it tells
 * @param recipient who receives it (the customer id)
 * @param channel   for reminders, the template's channel; empty lets the port choose
 * @param locale    the language to write it in
 * @param booking   the booking as it is at delivery time
 * @param dedupeKey the same on every delivery attempt of this notification: a receiver that
 *                  has seen it can drop the repeat (delivery is at least once)
 * @param calendar  the booking as an iCalendar file to attach, for the kinds that carry one
 *                  ({@link CalendarAttachment#methodFor}); empty for the others, and when the
 *                  booking's resource no longer exists
 */
public record Notification(NotificationKind kind, String recipient, Optional<Channel> channel, Locale locale,
                           Booking booking, String dedupeKey, Optional<CalendarAttachment> calendar) {

    /**
     * Validates the components.
     *
     * @param kind      what it tells
     * @param recipient who receives it (the customer id)
     * @param channel   for reminders, the template's channel; empty lets the port choose
     * @param locale    the language to write it in
     * @param booking   the booking as it is at delivery time
     * @param dedupeKey the same on every delivery attempt of this notification: a receiver that has
     *                  seen it can drop the repeat (delivery is at least once)
     * @param calendar  the booking as an iCalendar file to attach, for the kinds that carry one
     *                  ({@link CalendarAttachment#methodFor}); empty for the others, and when the
     *                  booking's resource no longer exists
     */
    public Notification {
        Require.nonNull(kind, "kind");
        Require.nonNull(recipient, "recipient");
        Require.nonNull(channel, "channel");
        Require.nonNull(locale, "locale");
        Require.nonNull(booking, "booking");
        Require.nonNull(dedupeKey, "dedupeKey");
        Require.nonNull(calendar, "calendar");
    }
}
