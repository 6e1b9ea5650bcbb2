package io.bookingkit.testsupport;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.template.Channel;
import io.bookingkit.waitlist.WaitlistEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * The data the contract is written with: tenants, instants, resources, bookings, outbox
 * messages, waitlist entries and scheduled tasks. Every instant is whole microseconds (databases keep no more) and before 2038
 * (MariaDB's {@code TIMESTAMP} ends there). Import its members statically.
 */
public final class ContractData {

    /** The tenant of most tests. */
    public static final String TENANT = "acme";

    /** Another tenant, with the same ids as {@link #TENANT}'s where a test needs them. */
    public static final String OTHER_TENANT = "globex";

    /** Open every day from 06:00 to 22:00 UTC; the races book on it. */
    public static final OpeningHours OPEN_DAILY = OpeningHours.parse("Mo-Su 06:00-22:00", ZoneOffset.UTC);

    /** Hours with breaks, a day off and an exception, in a zone that is neither UTC nor the JVM's. */
    public static final OpeningHours BARBER_HOURS = OpeningHours.parse(
            "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off; 2031-12-24 09:00-12:00",
            ZoneId.of("America/Argentina/Buenos_Aires"));

    /** The engines of the races run at this instant, two days before the Wednesday of {@link #at}. */
    public static final Instant NOW = Instant.parse("2031-03-10T08:00:00Z");

    /** Generous bound for waits that only a deadlock or a lost thread can reach. */
    public static final Duration DEADLOCK_TIMEOUT = Duration.ofSeconds(60);

    /** An administrator of {@link #TENANT}, the actor of the transitions the tests make. */
    public static final Actor BOSS = Actor.admin(TENANT, "boss");

    /** A range that holds every booking of the contract. */
    public static final Interval EVER = Interval.of(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2037-12-31T00:00:00Z"));

    private ContractData() {
    }

    /**
     * {@code 2031-03-12T<time>Z}, a Wednesday; {@code time} may carry microseconds.
     *
     * @param time an ISO-8601 local time such as {@code 10:00} or {@code 10:00:00.000001}
     * @return that time of 2031-03-12 at UTC
     */
    public static Instant at(String time) {
        return Instant.parse("2031-03-12T" + time + "Z");
    }

    /**
     * The interval between two times of {@link #at}.
     *
     * @param start the start, as for {@link #at}
     * @param end   the end, as for {@link #at}; not before {@code start}
     * @return the half-open interval from {@code at(start)} to {@code at(end)}
     */
    public static Interval between(String start, String end) {
        return Interval.of(at(start), at(end));
    }

    /**
     * A resource of one seat, open daily.
     *
     * @param tenantId the resource's tenant
     * @param id       its id; it is also named {@code Resource <id>}
     * @return a resource with {@link #OPEN_DAILY} hours and a capacity of 1
     */
    public static Resource resource(String tenantId, String id) {
        return new Resource(tenantId, id, "Resource " + id, OPEN_DAILY, 1);
    }

    /**
     * A booking with plain defaults (tenant {@link #TENANT}, room-1, 10:00-11:00, confirmed);
     * change what matters.
     *
     * @param id the booking's id
     * @return a draft to change and then build
     */
    public static BookingDraft booking(String id) {
        return new BookingDraft(id);
    }

    /**
     * A waitlist entry with plain defaults (tenant {@link #TENANT}, room-1, 10:00-11:00,
     * waiting, sequence 1); change what matters.
     *
     * @param id the entry's id
     * @return a draft to change and then build
     */
    public static WaitlistEntryDraft entry(String id) {
        return new WaitlistEntryDraft(id);
    }

    /**
     * A task of {@link #TENANT} of {@code kind} about {@code subject}, due at {@code dueAt}.
     *
     * @param kind    what the task does
     * @param subject what it does it to, such as a booking id
     * @param dueAt   when it is due
     * @return the task
     */
    public static ScheduledTask task(ScheduledTask.Kind kind, String subject, Instant dueAt) {
        return new ScheduledTask(TENANT, kind, subject, dueAt);
    }

    /**
     * An outbox message about {@code booking}, due at {@code dueAt}; reminders go by SMS.
     *
     * @param id      the message's id
     * @param booking the booking it is about; its tenant, id, customer (the recipient) and locale
     *                are copied
     * @param kind    what it tells
     * @param dueAt   when it is due
     * @return a message with no failed attempts and the dedupe key {@code <booking id>:<kind>:<id>}
     */
    public static OutboxMessage message(String id, Booking booking, NotificationKind kind, Instant dueAt) {
        Optional<Channel> channel = kind == NotificationKind.REMINDER ? Optional.of(Channel.SMS) : Optional.empty();
        return new OutboxMessage(id, booking.tenantId(), booking.id(), kind, channel, booking.customerId(),
                booking.locale(), dueAt, booking.id() + ":" + kind + ":" + id, 0);
    }

    /**
     * The ids of {@code bookings}, in their order.
     *
     * @param bookings bookings, in the order their ids are wanted
     * @return their ids
     */
    public static List<String> ids(Collection<Booking> bookings) {
        return bookings.stream().map(Booking::id).toList();
    }

    /**
     * The ids of {@code entries}, in their order.
     *
     * @param entries the waitlist entries
     * @return their ids
     */
    public static List<String> entryIds(Collection<WaitlistEntry> entries) {
        return entries.stream().map(WaitlistEntry::id).toList();
    }

    /**
     * The subjects of {@code tasks}, in their order.
     *
     * @param tasks tasks, in the order their subjects are wanted
     * @return their subjects
     */
    public static List<String> subjects(Collection<ScheduledTask> tasks) {
        return tasks.stream().map(ScheduledTask::subject).toList();
    }

    /**
     * The ids of {@code messages}, in their order.
     *
     * @param messages the outbox messages
     * @return their ids
     */
    public static List<String> messageIds(Collection<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::id).toList();
    }
}
