package io.bookingkit.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * What one change tells: the reminders it makes obsolete, the outbox messages the unit of work
 * writes with it, and the events listeners get after commit. A unit drops the reminders first
 * and then writes the messages, so a moved booking's new reminders survive. Immutable.
 *
 * @param discardRemindersOf bookings whose undelivered reminders the change drops
 * @param messages           outbox messages to write, in order
 * @param events             events for listeners, in order
 */
public record Notice(List<String> discardRemindersOf, List<OutboxMessage> messages, List<BookingEvent> events) {

    /** A change that tells nothing. */
    public static final Notice NONE = new Notice(List.of(), List.of(), List.of());

    /**
     * Validates the components.
     *
     * @param discardRemindersOf bookings whose undelivered reminders the change drops
     * @param messages           outbox messages to write, in order
     * @param events             events for listeners, in order
     */
    public Notice {
        discardRemindersOf = List.copyOf(discardRemindersOf);
        messages = List.copyOf(messages);
        events = List.copyOf(events);
    }

    /**
     * This notice followed by {@code next}, as when one unit of work expires overdue holds and
     * then books.
     *
     * @param next the notice of the later change
     * @return a notice with both notices' discards, messages and events, this one's first
     * @throws IllegalArgumentException if {@code next} drops reminders that this notice plans,
     *                                  which dropping first would lose
     */
    public Notice then(Notice next) {
        for (OutboxMessage m : messages) {
            if (m.kind() == NotificationKind.REMINDER && next.discardRemindersOf.contains(m.bookingId())) {
                throw new IllegalArgumentException("A later notice drops the reminders of booking '" + m.bookingId()
                        + "' that an earlier one plans");
            }
        }
        List<String> d = new ArrayList<>(discardRemindersOf);
        d.addAll(next.discardRemindersOf);
        List<OutboxMessage> m = new ArrayList<>(messages);
        m.addAll(next.messages);
        List<BookingEvent> e = new ArrayList<>(events);
        e.addAll(next.events);
        return new Notice(d, m, e);
    }
}
