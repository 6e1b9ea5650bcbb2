package io.bookingkit.notify;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.internal.Require;
import io.bookingkit.template.Reminder;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that turns a change of a booking into what it tells: outbox messages (with one
 * dedupe-key format), reminders planned or dropped, and events. An engine that writes no
 * notifications still gets the events.
 *
 * <p>Dedupe keys are {@code <booking id>:<kind>:v<version>}, and for a reminder
 * {@code <booking id>:REMINDER:v<version>:<offset>:<channel>}: the same for every delivery
 * attempt of one message, new when the booking changes (a moved booking's reminders are new
 * reminders).
 *
 * <p>Immutable and thread-safe.
 */
public final class Notices {

    private final boolean writesMessages;
    private final Supplier<String> ids;

    private Notices(boolean writesMessages, Supplier<String> ids) {
        this.writesMessages = writesMessages;
        this.ids = ids;
    }

    /**
     * Notices with outbox messages, whose ids come from {@code ids}.
     *
     * @param ids gives a new, unique outbox message id each time it is called
     * @return the notices
     */
    public static Notices writing(Supplier<String> ids) {
        return new Notices(true, Require.nonNull(ids, "ids"));
    }

    /**
     * Notices with events only: no outbox messages, for engines that nothing delivers for.
     *
     * @return the notices
     */
    public static Notices eventsOnly() {
        return new Notices(false, () -> {
            throw new IllegalStateException("No message ids without messages");
        });
    }

    /**
     * The dedupe key of {@code kind} about {@code booking} as it is now.
     *
     * @param booking the booking, at the version the message is about
     * @param kind    the message's kind
     * @return {@code <booking id>:<kind>:v<version>}
     */
    public static String dedupeKey(Booking booking, NotificationKind kind) {
        return booking.id() + ":" + kind + ":v" + booking.version();
    }

    /**
     * A new booking: held, requested or confirmed (then with its reminders); its time is taken.
     *
     * @param booking  the new booking, HELD, PENDING or CONFIRMED
     * @param template its template, for the reminders
     * @param now      when it was made
     * @return the notice
     * @throws IllegalArgumentException if the booking is in another status
     */
    public Notice created(Booking booking, ServiceTemplate template, Instant now) {
        BookingEvent.Kind kind = createdKind(booking);
        List<OutboxMessage> messages = new ArrayList<>();
        message(booking, kind, now).ifPresent(messages::add);
        if (booking.status() == BookingStatus.CONFIRMED) {
            messages.addAll(reminders(booking, template, now));
        }
        return new Notice(List.of(), messages, createdEvents(booking, now));
    }

    private static List<BookingEvent> createdEvents(Booking booking, Instant now) {
        return List.of(new BookingEvent(createdKind(booking), booking, now),
                new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, booking, now));
    }

    private static BookingEvent.Kind createdKind(Booking booking) {
        return switch (booking.status()) {
            case HELD -> BookingEvent.Kind.HELD;
            case PENDING -> BookingEvent.Kind.REQUESTED;
            case CONFIRMED -> BookingEvent.Kind.CONFIRMED;
            default -> throw new IllegalArgumentException("A new booking is not " + booking.status());
        };
    }

    /**
     * The new occurrences of a series, in order: one message for the series, about its first
     * occurrence (a port tells a series by the booking's {@code series()}), reminders for each
     * confirmed occurrence, and each occurrence's events.
     *
     * @param occurrences the booked occurrences, at least one, each HELD, PENDING or CONFIRMED
     * @param template    their template, for the reminders
     * @param now         when they were made
     * @return the notice
     * @throws IllegalArgumentException if there is no occurrence, or one is in another status
     */
    public Notice seriesCreated(List<Booking> occurrences, ServiceTemplate template, Instant now) {
        Require.nonNull(occurrences, "occurrences");
        if (occurrences.isEmpty()) {
            throw new IllegalArgumentException("A series has at least one occurrence");
        }
        Notice first = created(occurrences.get(0), template, now);
        List<OutboxMessage> messages = new ArrayList<>(first.messages());
        List<BookingEvent> events = new ArrayList<>(first.events());
        for (Booking occurrence : occurrences.subList(1, occurrences.size())) {
            if (occurrence.status() == BookingStatus.CONFIRMED) {
                messages.addAll(reminders(occurrence, template, now));
            }
            events.addAll(createdEvents(occurrence, now));
        }
        return new Notice(List.of(), messages, events);
    }

    /**
     * Occurrences of a series moved by one change to {@code after}'s statuses (as when this and
     * the following ones are cancelled): one message, about the first of them; each one's
     * reminders and events as {@link #transitioned} would give them.
     *
     * @param before   each occurrence before the change
     * @param after    the same occurrences after it, in the same order
     * @param template their template, for the reminders
     * @param now      when the change was made
     * @return the notice
     * @throws IllegalArgumentException if the lists differ in size or are empty, or an occurrence
     *                                  moved to {@code HELD}
     */
    public Notice seriesTransitioned(List<Booking> before, List<Booking> after, ServiceTemplate template, Instant now) {
        if (before.size() != after.size() || after.isEmpty()) {
            throw new IllegalArgumentException("A series change names each occurrence before and after, at least one");
        }
        Notice notice = transitioned(before.get(0), after.get(0), template, now);
        for (int i = 1; i < after.size(); i++) {
            Notice each = transitioned(before.get(i), after.get(i), template, now);
            notice = notice.then(new Notice(each.discardRemindersOf(), each.messages().stream()
                    .filter(m -> m.kind() == NotificationKind.REMINDER).toList(), each.events()));
        }
        return notice;
    }

    /**
     * {@code before} moved to {@code after}'s status by a lifecycle step: a confirmation plans
     * reminders, leaving the blocking statuses (or starting) drops them, and a change between
     * blocking and free changes availability.
     *
     * @param before   the booking before the step
     * @param after    the booking after it
     * @param template its template, for the reminders
     * @param now      when the step was taken
     * @return the notice
     * @throws IllegalArgumentException if {@code after} is {@code HELD}, which no step leads to
     */
    public Notice transitioned(Booking before, Booking after, ServiceTemplate template, Instant now) {
        BookingStatus to = after.status();
        BookingEvent.Kind kind = switch (to) {
            case PENDING -> BookingEvent.Kind.REQUESTED;
            case CONFIRMED -> BookingEvent.Kind.CONFIRMED;
            case DECLINED -> BookingEvent.Kind.DECLINED;
            case CANCELLED -> BookingEvent.Kind.CANCELLED;
            case IN_PROGRESS -> BookingEvent.Kind.STARTED;
            case COMPLETED -> BookingEvent.Kind.COMPLETED;
            case NO_SHOW -> BookingEvent.Kind.NO_SHOW;
            case EXPIRED -> BookingEvent.Kind.EXPIRED;
            case HELD -> throw new IllegalArgumentException("No step leads to HELD");
        };
        List<OutboxMessage> messages = new ArrayList<>();
        message(after, kind, now).ifPresent(messages::add);
        List<String> discard = List.of();
        if (to == BookingStatus.CONFIRMED) {
            messages.addAll(reminders(after, template, now));
        } else if (!to.blocksTime() || to == BookingStatus.IN_PROGRESS) {
            discard = List.of(after.id());
        }
        List<BookingEvent> events = new ArrayList<>();
        events.add(new BookingEvent(kind, after, now));
        if (before.status().blocksTime() != to.blocksTime()) {
            events.add(new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, after, now));
        }
        return new Notice(discard, messages, events);
    }

    /**
     * Seats held for a waitlist entry: the offer's message to its customer; the time is taken.
     *
     * @param offer the {@code HELD} booking made for the entry
     * @param now   when it was made
     * @return the notice
     */
    public Notice offered(Booking offer, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>();
        message(offer, BookingEvent.Kind.WAITLIST_OFFER, now).ifPresent(messages::add);
        return new Notice(List.of(), messages, List.of(new BookingEvent(BookingEvent.Kind.WAITLIST_OFFER, offer, now),
                new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, offer, now)));
    }

    /**
     * A booking moved to another time: its reminders are planned anew if it is confirmed.
     *
     * @param after    the booking at its new time
     * @param template its template, for the reminders
     * @param now      when it was moved
     * @return the notice: the booking's earlier reminders are dropped
     */
    public Notice moved(Booking after, ServiceTemplate template, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>();
        message(after, BookingEvent.Kind.RESCHEDULED, now).ifPresent(messages::add);
        if (after.status() == BookingStatus.CONFIRMED) {
            messages.addAll(reminders(after, template, now));
        }
        return new Notice(List.of(after.id()), messages, List.of(new BookingEvent(BookingEvent.Kind.RESCHEDULED, after, now),
                new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, after, now)));
    }

    /**
     * An overdue hold or pending booking marked expired by a unit that wanted its seats. Its
     * time became free at its expiry instant, so no availability change is told now.
     *
     * @param expired the booking, now {@code EXPIRED}
     * @param now     when it was marked
     * @return the notice: the booking's reminders are dropped
     */
    public Notice expiredOverdue(Booking expired, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>();
        message(expired, BookingEvent.Kind.EXPIRED, now).ifPresent(messages::add);
        return new Notice(List.of(expired.id()), messages, List.of(new BookingEvent(BookingEvent.Kind.EXPIRED, expired, now)));
    }

    private Optional<OutboxMessage> message(Booking booking, BookingEvent.Kind event, Instant now) {
        if (!writesMessages) {
            return Optional.empty();
        }
        NotificationKind kind = NotificationKind.valueOf(event.name());
        return Optional.of(new OutboxMessage(ids.get(), booking.tenantId(), booking.id(), kind, Optional.empty(),
                booking.customerId(), booking.locale(), now, dedupeKey(booking, kind), 0));
    }

    /**
     * One message per reminder of {@code template}, due its offset before the booking starts.
     * Reminders whose time has already passed at {@code now} are left out rather than sent late.
     */
    private List<OutboxMessage> reminders(Booking booking, ServiceTemplate template, Instant now) {
        if (!writesMessages) {
            return List.of();
        }
        List<OutboxMessage> messages = new ArrayList<>();
        for (Reminder reminder : template.reminders()) {
            Instant due = booking.interval().getStart().minus(reminder.before());
            if (due.isBefore(now)) {
                continue;
            }
            String dedupe = dedupeKey(booking, NotificationKind.REMINDER) + ":" + reminder.before() + ":" + reminder.channel();
            messages.add(new OutboxMessage(ids.get(), booking.tenantId(), booking.id(), NotificationKind.REMINDER,
                    Optional.of(reminder.channel()), booking.customerId(), booking.locale(), due, dedupe, 0));
        }
        return messages;
    }
}
