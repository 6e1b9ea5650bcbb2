package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.message;
import static io.bookingkit.testsupport.ContractData.messageIds;
import static io.bookingkit.testsupport.RaceHarness.race;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxBacklog;
import io.bookingkit.notify.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The outbox: messages written by units of work are claimed when due, oldest first, by one
 * claimer at a time for the lease; delivered ones are gone, failed ones come back at the retry
 * time with one more attempt, parked ones are kept apart, per tenant; discarding reminders drops
 * only that booking's undelivered ones.
 */
public interface OutboxContract extends StoreFixture {

    /** Stores the two bookings the outbox messages are about: {@link #b1()} and {@link #b2()}. */
    private void givenTwoBookings() {
        insert(b1(), b2());
    }

    /** bk-1, in es-AR, on room-1. */
    private static Booking b1() {
        return booking("bk-1").locale(Locale.forLanguageTag("es-AR")).build();
    }

    /** bk-2, of cust-2, on room-2. */
    private static Booking b2() {
        return booking("bk-2").resources("room-2").customer("cust-2").build();
    }

    /**
     * A claim returns the messages due at its instant (due at it or before), the oldest due first,
     * each with every component as enqueued; a message due later stays.
     */
    @Test
    default void outbox_claims_due_messages_oldest_first_and_whole() {
        givenTwoBookings();
        Booking b1 = b1();
        Booking b2 = b2();
        OutboxMessage late = message("msg-late", b1, NotificationKind.REMINDER, at("09:00:00"));
        OutboxMessage now = message("msg-now", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        OutboxMessage early = message("msg-early", b2, NotificationKind.REMINDER, at("07:59:59.999999"));
        enqueue(b1, late, now);
        enqueue(b2, early);

        assertEquals(List.of(early, now), store().outbox().claimDueMessages(at("08:00:00"), 10, Duration.ofMinutes(1)));
    }

    /**
     * A claim returns at most its limit of messages, oldest due first; the next claims return the
     * rest, then nothing.
     */
    @Test
    default void outbox_claims_at_most_the_limit() {
        givenTwoBookings();
        Booking b1 = b1();
        enqueue(b1, message("msg-1", b1, NotificationKind.CONFIRMED, at("07:01:00")),
                message("msg-2", b1, NotificationKind.REMINDER, at("07:02:00")),
                message("msg-3", b1, NotificationKind.REMINDER, at("07:03:00")));

        assertEquals(List.of("msg-1", "msg-2"), messageIds(store().outbox().claimDueMessages(at("08:00:00"), 2, Duration.ofMinutes(1))));
        assertEquals(List.of("msg-3"), messageIds(store().outbox().claimDueMessages(at("08:00:00"), 2, Duration.ofMinutes(1))));
        assertEquals(List.of(), store().outbox().claimDueMessages(at("08:00:00"), 2, Duration.ofMinutes(1)));
    }

    /**
     * A claimed message is claimed again only after its lease has ended, and then for a new lease.
     */
    @Test
    default void outbox_claim_is_not_repeated_before_the_lease_ends() {
        givenTwoBookings();
        Booking b1 = b1();
        OutboxMessage m = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m);
        Duration lease = Duration.ofMinutes(1);

        assertEquals(List.of(m), store().outbox().claimDueMessages(at("08:00:00"), 10, lease));
        assertEquals(List.of(), store().outbox().claimDueMessages(at("08:00:00"), 10, lease));
        assertEquals(List.of(), store().outbox().claimDueMessages(at("08:00:59.999999"), 10, lease));
        assertEquals(List.of(m), store().outbox().claimDueMessages(at("08:01:00.000001"), 10, lease));
        assertEquals(List.of(), store().outbox().claimDueMessages(at("08:01:30"), 10, lease));
    }

    /**
     * Eight threads claiming five messages each at once never get the same message twice, and every
     * one of 40 due messages is claimed by somebody.
     *
     * @throws Exception if the test thread is interrupted while it waits for the claimers
     */
    @Test
    default void outbox_concurrent_claims_never_share_a_message() throws Exception {
        givenTwoBookings();
        Booking b1 = b1();
        List<OutboxMessage> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(message(String.format("msg-%02d", i), b1, NotificationKind.CONFIRMED, at("07:00:00").plusSeconds(i)));
        }
        enqueue(b1, all.toArray(OutboxMessage[]::new));

        List<Object> claims = race(8, i -> store().outbox().claimDueMessages(at("08:00:00"), 5, Duration.ofMinutes(5)));
        List<String> claimed = new ArrayList<>();
        for (Object c : claims) {
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = (List<OutboxMessage>) c;
            assertTrue(batch.size() <= 5, "a claim returned more than its limit");
            claimed.addAll(messageIds(batch));
        }
        assertEquals(claimed.size(), new HashSet<>(claimed).size(), "a message was claimed twice: " + claimed);
        claimed.addAll(messageIds(claimAll(at("08:00:00"))));
        assertEquals(new TreeSet<>(messageIds(all)), new TreeSet<>(claimed));
        assertEquals(40, claimed.size());
    }

    /** A message marked delivered is never claimed again; the other booking's message still is. */
    @Test
    default void outbox_delivered_message_is_gone() {
        givenTwoBookings();
        Booking b1 = b1();
        Booking b2 = b2();
        OutboxMessage m1 = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        OutboxMessage m2 = message("msg-2", b2, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m1);
        enqueue(b2, m2);
        claimAll(at("08:00:00"));

        store().outbox().markDelivered("msg-1");

        assertEquals(List.of(m2), claimAll(at("23:00:00")));
    }

    /**
     * A failed message is due again at its retry time, even inside the lease of the claim that
     * failed, with one more attempt and the same dedupe key.
     */
    @Test
    default void outbox_failed_message_counts_the_attempt_and_is_due_at_the_retry_time() {
        givenTwoBookings();
        Booking b1 = b1();
        OutboxMessage m = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m);
        assertEquals(List.of(m), store().outbox().claimDueMessages(at("08:00:00"), 10, Duration.ofMinutes(5)));

        // The retry falls inside the lease of the failed claim: recording the failure ends the claim.
        store().outbox().markFailed("msg-1", at("08:00:30"), "smtp 451 try later", false);

        assertEquals(List.of(), store().outbox().claimDueMessages(at("08:00:29.999999"), 10, Duration.ofMinutes(5)));
        OutboxMessage second = new OutboxMessage(m.id(), m.tenantId(), m.bookingId(), m.kind(), m.channel(),
                m.recipient(), m.locale(), at("08:00:30"), m.dedupeKey(), 1);
        assertEquals(List.of(second), store().outbox().claimDueMessages(at("08:00:30"), 10, Duration.ofMinutes(5)));

        store().outbox().markFailed("msg-1", at("08:02:00"), "smtp 451 try later", false);
        List<OutboxMessage> third = store().outbox().claimDueMessages(at("08:02:00"), 10, Duration.ofMinutes(5));
        assertEquals(1, third.size());
        assertEquals(2, third.get(0).attempts());
        assertEquals(m.dedupeKey(), third.get(0).dedupeKey());
    }

    /**
     * A message failed for good (parked) is never claimed again and is listed among its tenant's
     * parked messages, with its attempt counted.
     */
    @Test
    default void outbox_parked_message_is_kept_and_never_claimed_again() {
        givenTwoBookings();
        Booking b1 = b1();
        OutboxMessage m = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m);
        claimAll(at("08:00:00"));

        store().outbox().markFailed("msg-1", at("08:00:05"), "no such recipient", true);

        assertEquals(List.of(), claimAll(at("08:00:05")));
        assertEquals(List.of(), claimAll(Instant.parse("2037-01-01T00:00:00Z")));
        List<OutboxMessage> parked = store().outbox().parkedMessages(TENANT);
        assertEquals(1, parked.size());
        OutboxMessage p = parked.get(0);
        assertEquals(List.of(m.id(), m.bookingId(), m.dedupeKey(), m.recipient()),
                List.of(p.id(), p.bookingId(), p.dedupeKey(), p.recipient()));
        assertEquals(m.kind(), p.kind());
        assertEquals(m.locale(), p.locale());
        assertEquals(1, p.attempts());
    }

    /** A tenant's parked messages list none of another tenant's. */
    @Test
    default void tenants_see_only_their_parked_messages() {
        Booking ours = booking("bk-1").build();
        Booking theirs = booking("bk-1").tenant(OTHER_TENANT).build();
        insert(ours, theirs);
        enqueue(ours, message("msg-a", ours, NotificationKind.CONFIRMED, at("08:00:00")));
        enqueue(theirs, message("msg-b", theirs, NotificationKind.CONFIRMED, at("08:00:00")));
        claimAll(at("08:00:00"));
        store().outbox().markFailed("msg-a", at("08:00:05"), "smtp 550", true);

        assertEquals(List.of("msg-a"), messageIds(store().outbox().parkedMessages(TENANT)));
        assertEquals(List.of(), store().outbox().parkedMessages(OTHER_TENANT));
    }

    /**
     * Discarding a booking's reminders drops its undelivered reminders only: not its other
     * messages, not another booking's or another tenant's reminders, and not a reminder the same
     * unit enqueues after the discard.
     */
    @Test
    default void outbox_discard_drops_only_that_bookings_undelivered_reminders() {
        givenTwoBookings();
        Booking b1 = b1();
        Booking b2 = b2();
        OutboxMessage r1 = message("msg-r1", b1, NotificationKind.REMINDER, at("08:00:00"));
        OutboxMessage r2 = message("msg-r2", b1, NotificationKind.REMINDER, at("09:00:00"));
        OutboxMessage confirmed = message("msg-c1", b1, NotificationKind.CONFIRMED, at("07:00:00"));
        OutboxMessage otherBooking = message("msg-r3", b2, NotificationKind.REMINDER, at("08:30:00"));
        Booking sameIdElsewhere = booking("bk-1").tenant(OTHER_TENANT).build();
        insert(sameIdElsewhere);
        OutboxMessage otherTenant = message("msg-r4", sameIdElsewhere, NotificationKind.REMINDER, at("08:45:00"));
        enqueue(b1, r1, r2, confirmed);
        enqueue(b2, otherBooking);
        enqueue(sameIdElsewhere, otherTenant);
        OutboxMessage planned = message("msg-r5", b1, NotificationKind.REMINDER, at("09:30:00"));

        store().inUnitOfWork(TENANT, b1.resourceIds(), unit -> {
            unit.discardReminders("bk-1");
            unit.enqueue(planned); // planned after the discard, as a reschedule does: kept
            return null;
        });

        assertEquals(List.of(confirmed, otherBooking, otherTenant, planned), claimAll(at("23:00:00")));
    }

    /**
     * Discarding reminders also drops those enqueued earlier in the same unit of work, and keeps
     * its other messages.
     */
    @Test
    default void outbox_discard_drops_reminders_enqueued_earlier_in_the_unit() {
        givenTwoBookings();
        Booking b1 = b1();
        OutboxMessage early = message("msg-r1", b1, NotificationKind.REMINDER, at("08:00:00"));
        OutboxMessage cancelled = message("msg-c1", b1, NotificationKind.CANCELLED, at("08:00:00"));
        store().inUnitOfWork(TENANT, b1.resourceIds(), unit -> {
            unit.enqueue(early);
            unit.enqueue(cancelled);
            unit.discardReminders("bk-1");
            return null;
        });

        assertEquals(List.of(cancelled), claimAll(at("23:00:00")));
    }

    /**
     * The backlog counts every tenant's due messages, claimed ones included, and not those due
     * later, with the earliest due time; parked messages apart.
     */
    @Test
    default void outbox_backlog_counts_due_and_parked_messages_of_every_tenant() {
        givenTwoBookings();
        Booking b1 = b1();
        Booking b2 = b2();
        Booking theirs = booking("bk-9").tenant(OTHER_TENANT).build();
        insert(theirs);
        Instant now = at("08:00:00");
        assertEquals(new OutboxBacklog(now, 0, Optional.empty(), 0), store().outbox().backlog(now));

        OutboxMessage oldest = message("msg-old", b2, NotificationKind.CONFIRMED, at("07:00:00.000001"));
        OutboxMessage halfHourLate = message("msg-07:30", b1, NotificationKind.CONFIRMED, at("07:30:00"));
        OutboxMessage dueNow = message("msg-now", theirs, NotificationKind.CONFIRMED, now);
        OutboxMessage later = message("msg-later", b1, NotificationKind.REMINDER, at("08:00:00.000001"));
        OutboxMessage parked = message("msg-parked", b1, NotificationKind.CANCELLED, at("06:00:00"));
        enqueue(b1, halfHourLate, later, parked);
        enqueue(b2, oldest);
        enqueue(theirs, dueNow);
        store().outbox().markFailed("msg-parked", at("06:30:00"), "refused", true);
        assertEquals(List.of(oldest), store().outbox().claimDueMessages(at("07:00:00.000001"), 10, Duration.ofHours(2)));

        // The claimed oldest message is still behind: claiming is not delivering. The reminder at
        // 08:00:00.000001 is not due yet.
        assertEquals(new OutboxBacklog(now, 3, Optional.of(oldest.dueAt()), 1), store().outbox().backlog(now));

        store().outbox().markDelivered("msg-old");
        assertEquals(new OutboxBacklog(now, 2, Optional.of(halfHourLate.dueAt()), 1), store().outbox().backlog(now));
        assertEquals(Duration.ofMinutes(30), store().outbox().backlog(now).oldestDueAge());
    }
}
