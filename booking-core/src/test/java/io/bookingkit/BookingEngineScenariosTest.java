package io.bookingkit;

import io.bookingkit.resource.ResourceNotFoundException;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.booking.AccessDeniedException;
import io.bookingkit.booking.BookingNotFoundException;
import io.bookingkit.booking.TransitionNotAllowedException;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.booking.IdempotencyKeyReusedException;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Role;
import io.bookingkit.booking.Transition;
import io.bookingkit.conflict.Conflict;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.BookingEvent;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.OutboxDispatcher;
import io.bookingkit.policy.Violation;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.notify.UndeliverableException;
import io.bookingkit.template.Channel;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * The engine's promises, one scenario each, told in the words of a barber shop, a doctor's
 * practice and a yoga studio in Buenos Aires. The templates are the ones that ship
 * ({@link TemplateCatalog#verticals()}):
 *
 * <ul>
 *   <li>{@code barber}: 30 minutes, 1 hour notice, customers cancel up to 24 hours before,
 *       one cut per customer per day, reminders 24 hours (WhatsApp) and 2 hours (SMS) before;</li>
 *   <li>{@code doctor}: 20 minutes, 2 hours notice, confirmed by the practice within 12 hours;</li>
 *   <li>{@code group-class}: one hour, 12 seats, parties of one or two, 30 minutes notice.</li>
 * </ul>
 *
 * <p>Time stands still unless a test moves it: it is Monday 10 March 2031, 09:00 in Buenos
 * Aires, and most bookings are for Wednesday.
 */
class BookingEngineScenariosTest {

    static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires"); // UTC-3, no DST
    static final String SALON = "salon";
    static final Instant MONDAY_9AM = local("2031-03-10T09:00");
    static final LocalDate WEDNESDAY = LocalDate.of(2031, 3, 12);

    static final Actor ANA = Actor.customer(SALON, "ana");
    static final Actor BEN = Actor.customer(SALON, "ben");
    static final Actor CARLA = Actor.customer(SALON, "carla");
    static final Actor LEO = Actor.staff(SALON, "leo", Set.of("chair-1")); // the barber
    static final Actor NURSE = Actor.staff(SALON, "nurse", Set.of("dr-house"));
    static final Actor OWNER = Actor.admin(SALON, "owner");

    final MutableClock clock = MutableClock.of(MONDAY_9AM, BUENOS_AIRES);
    final InMemoryBookingStore store = new InMemoryBookingStore();
    final RecordingPort port = new RecordingPort(clock);
    final List<BookingEvent> events = new CopyOnWriteArrayList<>();
    BookingEngine engine;

    @BeforeEach
    void salon() {
        engine = newEngine(b -> b);
        engine.resources().register(Resource.of(SALON, "chair-1", "Silla de Leo",
                OpeningHours.parse("Mo-Sa 09:00-19:00", BUENOS_AIRES)));
        engine.resources().register(Resource.of(SALON, "dr-house", "Consultorio",
                OpeningHours.parse("Mo-Fr 08:00-18:00", BUENOS_AIRES)));
        engine.resources().register(new Resource(SALON, "studio", "Yoga studio",
                OpeningHours.parse("Mo-Su 07:00-21:00", BUENOS_AIRES), 20));
    }

    BookingEngine newEngine(UnaryOperator<BookingEngine.Builder> settings) {
        return settings.apply(BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.verticals())
                .notifications(port).listener(events::add)).build();
    }

    // ---- scenarios -----------------------------------------------------------------------------

    @Test
    void a_pending_request_takes_the_time_until_staff_decide() {
        Booking ana = engine.book(request("doctor", "dr-house", wednesday("10:00")).build(), ANA);
        assertEquals(BookingStatus.PENDING, ana.status());
        assertEquals(Optional.of(MONDAY_9AM.plus(Duration.ofHours(12))), ana.expiresAt());

        assertFalse(freeStarts("doctor", "dr-house").contains(wednesday("10:00")));
        assertTrue(freeStarts("doctor", "dr-house").contains(wednesday("10:20")));
        assertEquals(List.of("overlap"), whyNot("doctor", "dr-house", wednesday("10:00"), "ben"));
        SlotUnavailableException refused = assertThrows(SlotUnavailableException.class,
                () -> engine.book(request("doctor", "dr-house", wednesday("10:10")).build(), BEN));
        assertEquals(List.of(ana.id()), refused.conflicts().stream().map(Conflict::bookingId).toList());

        engine.decline(ana.id(), NURSE, "fully booked that morning");

        assertEquals(BookingStatus.PENDING,
                engine.book(request("doctor", "dr-house", wednesday("10:00")).build(), BEN).status());
    }

    @Test
    void staff_booking_by_hand_meets_the_same_overlap_check_and_only_an_admin_may_force() {
        engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);

        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).customer("ben").build(), LEO));
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:15")).customer("ben").build(), LEO));
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).customer("ben").build(), OWNER));
        assertThrows(AccessDeniedException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).customer("ben").forceOverlap("regular").build(), LEO));
        assertThrows(AccessDeniedException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).forceOverlap("please").build(), BEN));

        Booking forced = engine.book(request("barber", "chair-1", wednesday("10:00")).customer("ben")
                .forceOverlap("Ben is the owner's father").build(), OWNER);

        assertEquals(BookingStatus.CONFIRMED, forced.status());
        assertTrue(forced.forced());
        Transition created = forced.history().get(0);
        assertEquals(OWNER, created.actor());
        assertTrue(created.reason().contains("Ben is the owner's father"), created.reason());
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).build(), CARLA));
    }

    @Test
    void the_past_and_too_short_notice_are_refused() {
        PolicyViolationException past = assertThrows(PolicyViolationException.class, () -> engine.book(
                request("barber", "chair-1", local("2031-03-08T10:00")).build(), ANA));
        assertEquals(List.of("in-past"), past.codes());

        PolicyViolationException soon = assertThrows(PolicyViolationException.class, () -> engine.book(
                request("barber", "chair-1", local("2031-03-10T09:30")).build(), ANA));
        assertEquals(List.of("min-notice"), soon.codes());
        assertFalse(freeStarts("barber", "chair-1", MONDAY_9AM.atZone(BUENOS_AIRES).toLocalDate())
                .contains(local("2031-03-10T09:30")));

        // Exactly the notice is enough.
        assertEquals(BookingStatus.CONFIRMED,
                engine.book(request("barber", "chair-1", local("2031-03-10T10:00")).build(), ANA).status());
    }

    @Test
    void customers_cannot_cancel_within_24_hours_but_staff_can_with_a_reason() {
        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        Booking ben = engine.book(request("barber", "chair-1", wednesday("11:00")).build(), BEN);

        clock.setInstant(local("2031-03-11T10:00:01")); // one second inside Ana's cutoff
        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine.cancel(ana.id(), ANA, "cannot make it"));
        assertEquals(List.of("cancellation-cutoff"), late.codes());
        PolicyViolationException lateMove = assertThrows(PolicyViolationException.class,
                () -> engine.reschedule(ana.id(), wednesday("15:00"), ANA));
        assertEquals(List.of("cancellation-cutoff"), lateMove.codes());
        assertEquals(ana, engine.find(ana.id(), ANA).orElseThrow());

        assertThrows(InvalidRequestException.class, () -> engine.cancel(ana.id(), LEO, " "));
        Booking cancelled = engine.cancel(ana.id(), LEO, "Leo is ill");

        assertEquals(BookingStatus.CANCELLED, cancelled.status());
        Transition last = last(cancelled);
        assertEquals(Optional.of(BookingStatus.CONFIRMED), last.from());
        assertEquals(LEO, last.actor());
        assertEquals("Leo is ill", last.reason());

        clock.setInstant(local("2031-03-11T11:00")); // exactly 24 hours before Ben's cut: still in time
        assertEquals(BookingStatus.CANCELLED, engine.cancel(ben.id(), BEN, "").status());
    }

    @Test
    void declining_a_request_needs_a_reason() {
        Booking ana = engine.book(request("doctor", "dr-house", wednesday("10:00")).build(), ANA);

        assertThrows(InvalidRequestException.class, () -> engine.decline(ana.id(), NURSE, ""));
        assertThrows(InvalidRequestException.class, () -> engine.decline(ana.id(), NURSE, "   "));
        assertThrows(AccessDeniedException.class, () -> engine.decline(ana.id(), ANA, "changed my mind"));
        assertEquals(ana, engine.find(ana.id(), ANA).orElseThrow());

        Booking declined = engine.decline(ana.id(), NURSE, "please see your GP first");

        assertEquals(BookingStatus.DECLINED, declined.status());
        assertEquals("please see your GP first", last(declined).reason());
        assertEquals(NURSE, last(declined).actor());
        assertTrue(freeStarts("doctor", "dr-house").contains(wednesday("10:00")));
    }

    @Test
    void a_twelve_seat_class_takes_twelve_and_no_more() {
        Instant sixPm = wednesday("18:00");
        List<Booking> members = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            members.add(engine.book(request("group-class", "studio", sixPm).build(), Actor.customer(SALON, "member-" + i)));
        }
        assertEquals(2, slotAt("group-class", "studio", sixPm).remainingSeats());
        engine.book(request("group-class", "studio", sixPm).partySize(2).build(), Actor.customer(SALON, "member-11"));

        assertEquals(List.of("full"), whyNot("group-class", "studio", sixPm, "member-12"));
        SlotUnavailableException full = assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("group-class", "studio", sixPm).build(), Actor.customer(SALON, "member-12")));
        assertEquals(List.of("full"), full.violations().stream().map(Violation::code).toList());
        assertEquals(11, full.conflicts().size());
        PolicyViolationException tooMany = assertThrows(PolicyViolationException.class, () -> engine.book(
                request("group-class", "studio", wednesday("19:00")).partySize(3).build(), Actor.customer(SALON, "member-12")));
        assertTrue(tooMany.codes().contains("party-size"), tooMany.codes().toString());

        engine.cancel(members.get(0).id(), Actor.customer(SALON, "member-1"), "");
        assertEquals(BookingStatus.CONFIRMED, engine.book(request("group-class", "studio", sixPm).build(),
                Actor.customer(SALON, "member-12")).status());
        assertEquals(12, store.reads(SALON).findOverlapping(List.of("studio"), Interval.of(sixPm, Duration.ofHours(1))).stream()
                .filter(b -> b.status().blocksTime()).mapToInt(Booking::partySize).sum());
    }

    @Test
    void the_lifecycle_table_refuses_every_step_it_does_not_list() {
        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        engine.cancel(ana.id(), ANA, "");

        TransitionNotAllowedException confirm = assertThrows(TransitionNotAllowedException.class,
                () -> engine.confirm(ana.id(), OWNER));
        assertEquals(BookingStatus.CANCELLED, confirm.status());
        assertEquals("confirm", confirm.action());
        assertThrows(TransitionNotAllowedException.class, () -> engine.reschedule(ana.id(), wednesday("12:00"), OWNER));
        assertThrows(TransitionNotAllowedException.class, () -> engine.start(ana.id(), LEO));
        assertThrows(TransitionNotAllowedException.class, () -> engine.cancel(ana.id(), OWNER, "again"));

        Booking ben = engine.book(request("doctor", "dr-house", wednesday("11:00")).build(), BEN);
        assertThrows(AccessDeniedException.class, () -> engine.confirm(ben.id(), BEN)); // only staff confirm
        assertThrows(AccessDeniedException.class, () -> engine.cancel(ben.id(), ANA, "")); // not hers
        assertThrows(AccessDeniedException.class, () -> engine.reschedule(ben.id(), wednesday("12:00"), ANA));
        assertEquals(Optional.empty(), engine.find(ben.id(), ANA));
        assertThrows(AccessDeniedException.class, () -> engine.confirm(ben.id(), LEO)); // not his resource
        assertEquals(ben, engine.find(ben.id(), BEN).orElseThrow());

        Booking confirmed = engine.confirm(ben.id(), NURSE);
        assertEquals(BookingStatus.CONFIRMED, confirmed.status());
        assertThrows(TransitionNotAllowedException.class, () -> engine.complete(ben.id(), NURSE)); // not started
        assertThrows(TransitionNotAllowedException.class, () -> engine.markNoShow(ben.id(), NURSE)); // not yet begun
        assertEquals(confirmed, engine.find(ben.id(), BEN).orElseThrow());
    }

    @Test
    void rescheduling_is_all_or_nothing() {
        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        Booking ben = engine.book(request("barber", "chair-1", wednesday("11:00")).build(), BEN);

        SlotUnavailableException taken = assertThrows(SlotUnavailableException.class,
                () -> engine.reschedule(ana.id(), wednesday("11:00"), ANA));
        assertEquals(List.of(ben.id()), taken.conflicts().stream().map(Conflict::bookingId).toList());
        assertEquals(ana, engine.find(ana.id(), ANA).orElseThrow());
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).build(), CARLA));

        Booking moved = engine.reschedule(ana.id(), wednesday("12:00"), ANA);
        assertEquals(Interval.of(wednesday("12:00"), wednesday("12:30")), moved.interval());
        assertEquals(1, moved.version());
        assertEquals(BookingStatus.CONFIRMED, engine.book(request("barber", "chair-1", wednesday("10:00")).build(), CARLA).status());

        // Onto a time that overlaps only its own old time.
        Booking nudged = engine.reschedule(ana.id(), wednesday("12:15"), ANA);
        assertEquals(Interval.of(wednesday("12:15"), wednesday("12:45")), nudged.interval());
        assertEquals(List.of(nudged), store.reads(SALON).findOverlapping(List.of("chair-1"),
                Interval.of(wednesday("12:00"), wednesday("13:00"))));
    }

    @Test
    void a_change_made_from_a_stale_copy_is_refused() {
        Booking seen = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        Booking moved = engine.reschedule(seen.id(), wednesday("14:00"), LEO);

        assertThrows(StaleBookingException.class, () -> engine.cancel(seen, ANA, "not coming"));
        assertThrows(StaleBookingException.class, () -> engine.reschedule(seen, wednesday("15:00"), ANA));
        assertEquals(moved, engine.find(seen.id(), ANA).orElseThrow());

        assertEquals(BookingStatus.CANCELLED, engine.cancel(moved, ANA, "not coming").status());
    }

    @Test
    void one_tenant_can_neither_see_nor_change_another_tenants_bookings() {
        String other = "barberia-sur";
        engine.resources().register(Resource.of(other, "chair-1", "Otra silla",
                OpeningHours.parse("Mo-Sa 09:00-19:00", BUENOS_AIRES)));
        Actor otherOwner = Actor.admin(other, "owner");
        Actor otherAna = Actor.customer(other, "ana");
        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);

        // The same chair id and customer id in the other tenant: a different chair, a different Ana.
        assertEquals(BookingStatus.CONFIRMED,
                engine.book(request("barber", "chair-1", wednesday("10:00")).build(), otherAna).status());

        assertEquals(Optional.empty(), engine.find(ana.id(), otherOwner));
        assertEquals(Optional.empty(), engine.find(ana.id(), otherAna));
        assertThrows(BookingNotFoundException.class, () -> engine.cancel(ana.id(), otherOwner, "mine now"));
        assertThrows(BookingNotFoundException.class, () -> engine.cancel(ana, otherOwner, "mine now"));
        assertThrows(BookingNotFoundException.class, () -> engine.reschedule(ana.id(), wednesday("12:00"), otherOwner));
        assertThrows(BookingNotFoundException.class, () -> engine.confirm(ana.id(), otherOwner));
        assertThrows(ResourceNotFoundException.class, () -> engine.book(
                request("doctor", "dr-house", wednesday("10:00")).customer("ana").build(), otherOwner));
        assertEquals(ana, engine.find(ana.id(), OWNER).orElseThrow());
    }

    @Test
    void repeating_a_request_with_its_idempotency_key_returns_the_first_booking() {
        Booking first = engine.book(request("barber", "chair-1", wednesday("10:00")).idempotencyKey("checkout-7f3a").build(), ANA);
        int eventsBefore = events.size();
        int sentBefore = port.sent().size();

        Booking again = engine.book(request("barber", "chair-1", wednesday("10:00")).idempotencyKey("checkout-7f3a").build(), ANA);

        assertEquals(first, again);
        assertEquals(List.of(first), store.reads(SALON).findOverlapping(List.of("chair-1"), wholeWednesday()));
        assertEquals(eventsBefore, events.size());
        assertEquals(sentBefore, port.sent().size());

        IdempotencyKeyReusedException reused = assertThrows(IdempotencyKeyReusedException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("11:00")).idempotencyKey("checkout-7f3a").build(), ANA));
        assertEquals(first.id(), reused.bookingId());
        assertEquals(List.of(first), store.reads(SALON).findOverlapping(List.of("chair-1"), wholeWednesday()));
    }

    @Test
    void a_hold_blocks_until_it_expires_and_then_frees_the_time_without_a_sweeper() {
        Booking hold = engine.hold(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        assertEquals(BookingStatus.HELD, hold.status());
        Instant expiry = MONDAY_9AM.plus(Duration.ofMinutes(10));
        assertEquals(Optional.of(expiry), hold.expiresAt());
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).build(), BEN));

        clock.setInstant(expiry.minusNanos(1_000));
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).build(), BEN));

        clock.setInstant(expiry);
        assertTrue(freeStarts("barber", "chair-1").contains(wednesday("10:00")));
        assertEquals(BookingStatus.HELD, store.reads(SALON).findBooking(hold.id()).orElseThrow().status()); // nobody swept it
        Booking ben = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), BEN);

        assertEquals(BookingStatus.CONFIRMED, ben.status());
        Booking expired = engine.find(hold.id(), OWNER).orElseThrow();
        assertEquals(BookingStatus.EXPIRED, expired.status());
        assertEquals(Role.SYSTEM, last(expired).actor().role());
        assertTrue(events.stream().anyMatch(e -> e.kind() == BookingEvent.Kind.EXPIRED && e.booking().id().equals(hold.id())));
        assertThrows(TransitionNotAllowedException.class, () -> engine.confirm(hold.id(), ANA));
    }

    @Test
    void a_hold_confirmed_in_time_becomes_a_booking() {
        Booking hold = engine.hold(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        clock.add(Duration.ofMinutes(9));

        Booking booked = engine.confirm(hold.id(), ANA);

        assertEquals(BookingStatus.CONFIRMED, booked.status());
        assertEquals(Optional.empty(), booked.expiresAt());
        clock.add(Duration.ofHours(1));
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).build(), BEN));
    }

    @Test
    void a_hold_on_a_template_that_needs_staff_becomes_a_request_with_the_full_pending_expiry() {
        Booking hold = engine.hold(request("doctor", "dr-house", wednesday("10:00")).build(), ANA);
        clock.add(Duration.ofMinutes(5));

        Booking requested = engine.confirm(hold.id(), ANA);

        assertEquals(BookingStatus.PENDING, requested.status());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofHours(12))), requested.expiresAt());
        clock.add(Duration.ofHours(1)); // long past the hold's ten minutes
        assertEquals(BookingStatus.CONFIRMED, engine.confirm(hold.id(), NURSE).status());
    }

    @Test
    void a_request_nobody_confirms_expires_and_frees_its_time() {
        Booking ana = engine.book(request("doctor", "dr-house", wednesday("10:00")).build(), ANA);
        Instant expiry = ana.expiresAt().orElseThrow();

        clock.setInstant(expiry.minusSeconds(1));
        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("doctor", "dr-house", wednesday("10:00")).build(), BEN));

        clock.setInstant(expiry);
        assertThrows(TransitionNotAllowedException.class, () -> engine.confirm(ana.id(), NURSE));
        Booking ben = engine.book(request("doctor", "dr-house", wednesday("10:00")).build(), BEN);
        assertEquals(BookingStatus.PENDING, ben.status());
        assertEquals(BookingStatus.EXPIRED, engine.find(ana.id(), ANA).orElseThrow().status());

        // The system may also mark one expired explicitly, but only the system, and only once it has expired.
        Booking carla = engine.book(request("doctor", "dr-house", wednesday("11:00")).build(), CARLA);
        Actor system = Actor.system(SALON);
        assertThrows(TransitionNotAllowedException.class, () -> engine.expire(carla.id(), system));
        clock.setInstant(carla.expiresAt().orElseThrow());
        assertThrows(AccessDeniedException.class, () -> engine.expire(carla.id(), NURSE));
        assertEquals(BookingStatus.EXPIRED, engine.expire(carla.id(), system).status());
    }

    @Test
    void listeners_hear_of_committed_changes_only() {
        List<String> heard = new CopyOnWriteArrayList<>();
        BookingEngine engine = newEngine(b -> b
                .listener(e -> {
                    throw new IllegalStateException("a broken listener does not stop the others");
                })
                .listener(e -> heard.add(e.kind() + (store.reads(SALON).findBooking(e.booking().id())
                        .equals(Optional.of(e.booking())) ? "" : " (not committed!)"))));

        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        assertEquals(List.of("CONFIRMED", "AVAILABILITY_CHANGED"), heard);
        heard.clear();

        assertThrows(SlotUnavailableException.class, () -> engine.book(
                request("barber", "chair-1", wednesday("10:00")).build(), BEN));
        assertThrows(PolicyViolationException.class, () -> engine.book(
                request("barber", "chair-1", local("2031-03-08T10:00")).build(), BEN));
        assertThrows(PolicyViolationException.class, () -> engine.reschedule(ana.id(), local("2031-03-08T10:00"), ANA));
        assertEquals(List.of(), heard);

        engine.reschedule(ana.id(), wednesday("12:00"), ANA);
        engine.cancel(ana.id(), ANA, "");
        assertEquals(List.of("RESCHEDULED", "AVAILABILITY_CHANGED", "CANCELLED", "AVAILABILITY_CHANGED"), heard);
    }

    @Test
    void a_failing_notifier_never_undoes_a_booking_and_is_retried_with_the_same_dedupe_key() {
        port.failNext(2, "SMS gateway down");

        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);

        assertEquals(BookingStatus.CONFIRMED, ana.status());
        assertEquals(Optional.of(ana), store.reads(SALON).findBooking(ana.id()));
        assertEquals(1, port.attempts().size());
        assertEquals(0, engine.dispatchNotifications()); // the retry is not due yet

        clock.add(Duration.ofSeconds(5)); // first backoff
        assertEquals(0, engine.dispatchNotifications()); // fails again
        clock.add(Duration.ofSeconds(9));
        assertEquals(0, engine.dispatchNotifications()); // the backoff doubled
        clock.add(Duration.ofSeconds(1));
        assertEquals(1, engine.dispatchNotifications());

        List<Attempt> attempts = port.attempts();
        assertEquals(List.of(false, false, true), attempts.stream().map(Attempt::delivered).toList());
        assertEquals(List.of(MONDAY_9AM, MONDAY_9AM.plusSeconds(5), MONDAY_9AM.plusSeconds(15)),
                attempts.stream().map(Attempt::at).toList());
        attempts.forEach(a -> assertEquals(NotificationKind.CONFIRMED, a.notification().kind()));
        attempts.forEach(a -> assertEquals(attempts.get(0).notification().dedupeKey(), a.notification().dedupeKey()));
        assertEquals(List.of(), store.outbox().parkedMessages(SALON));
        assertEquals(Optional.of(ana), store.reads(SALON).findBooking(ana.id()));
    }

    @Test
    void a_notification_that_keeps_failing_is_parked_and_the_booking_stands() {
        BookingEngine engine = newEngine(b -> b.dispatcher((s, p, c) -> OutboxDispatcher.builder(s, p, c)
                .maxAttempts(2).backoff(Duration.ofSeconds(1)).build()));
        port.failNext(Integer.MAX_VALUE, "no such number");

        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        clock.add(Duration.ofSeconds(1));
        engine.dispatchNotifications();
        clock.add(Duration.ofHours(1));
        engine.dispatchNotifications();

        assertEquals(2, port.attempts().size());
        List<OutboxMessage> parked = store.outbox().parkedMessages(SALON);
        assertEquals(1, parked.size());
        assertEquals(NotificationKind.CONFIRMED, parked.get(0).kind());
        assertEquals(2, parked.get(0).attempts());
        assertEquals(BookingStatus.CONFIRMED, store.reads(SALON).findBooking(ana.id()).orElseThrow().status());
    }

    @Test
    void a_notification_the_port_calls_undeliverable_is_parked_at_once_and_the_booking_stands() {
        AtomicInteger calls = new AtomicInteger();
        BookingEngine engine = newEngine(b -> b.notifications(n -> {
            calls.incrementAndGet();
            throw new UndeliverableException("410 Gone: no such subscriber", null);
        }));

        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        clock.add(Duration.ofHours(1));
        engine.dispatchNotifications();

        assertEquals(1, calls.get(), "an undeliverable notification is not tried again");
        List<OutboxMessage> parked = store.outbox().parkedMessages(SALON);
        assertEquals(List.of(NotificationKind.CONFIRMED), parked.stream().map(OutboxMessage::kind).toList());
        assertEquals(1, parked.get(0).attempts());
        assertEquals(BookingStatus.CONFIRMED, store.reads(SALON).findBooking(ana.id()).orElseThrow().status());
    }

    @Test
    void reminders_follow_the_template_the_reschedules_and_the_cancellations() {
        Booking ana = engine.book(request("barber", "chair-1", wednesday("10:00")).build(), ANA);
        Booking ben = engine.book(request("barber", "chair-1", wednesday("11:00")).build(), BEN);
        engine.reschedule(ana.id(), wednesday("15:00"), ANA);
        engine.cancel(ben.id(), BEN, "");
        assertEquals(List.of("CONFIRMED ana", "CONFIRMED ben", "RESCHEDULED ana", "CANCELLED ben"), port.sentLabels());
        port.clear();

        clock.setInstant(local("2031-03-11T10:00")); // 24 hours before Ana's old time
        assertEquals(0, engine.dispatchNotifications());
        clock.setInstant(local("2031-03-11T11:00")); // 24 hours before Ben's cancelled cut
        assertEquals(0, engine.dispatchNotifications());
        clock.setInstant(local("2031-03-11T14:59:59"));
        assertEquals(0, engine.dispatchNotifications());

        clock.setInstant(local("2031-03-11T15:00")); // 24 hours before Ana's new time
        assertEquals(1, engine.dispatchNotifications());
        Notification dayBefore = port.sent().get(0);
        assertEquals(NotificationKind.REMINDER, dayBefore.kind());
        assertEquals(Optional.of(Channel.WHATSAPP), dayBefore.channel());
        assertEquals("ana", dayBefore.recipient());
        assertEquals(Locale.forLanguageTag("es-AR"), dayBefore.locale());
        assertEquals(wednesday("15:00"), dayBefore.booking().interval().getStart());

        clock.setInstant(wednesday("08:00")); // 2 hours before Ana's old time
        assertEquals(0, engine.dispatchNotifications());
        clock.setInstant(wednesday("09:00")); // 2 hours before Ben's cancelled cut
        assertEquals(0, engine.dispatchNotifications());
        clock.setInstant(wednesday("13:00")); // 2 hours before Ana's new time
        assertEquals(1, engine.dispatchNotifications());
        Notification twoHours = port.sent().get(1);
        assertEquals(Optional.of(Channel.SMS), twoHours.channel());
        assertEquals(ana.id(), twoHours.booking().id());

        clock.setInstant(wednesday("20:00"));
        assertEquals(0, engine.dispatchNotifications());
        assertEquals(List.of("REMINDER ana", "REMINDER ana"), port.sentLabels());
    }

    // ---- helpers -------------------------------------------------------------------------------

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BUENOS_AIRES).toInstant();
    }

    static Instant wednesday(String localTime) {
        return local(WEDNESDAY + "T" + localTime);
    }

    static Interval wholeWednesday() {
        return Interval.of(WEDNESDAY.atStartOfDay(BUENOS_AIRES).toInstant(),
                WEDNESDAY.plusDays(1).atStartOfDay(BUENOS_AIRES).toInstant());
    }

    static BookingRequest.Builder request(String template, String resource, Instant start) {
        return BookingRequest.builder().template(template).resource(resource).start(start);
    }

    static Transition last(Booking booking) {
        return booking.history().get(booking.history().size() - 1);
    }

    SlotQuery.Builder query(String template, String resource, LocalDate day) {
        return SlotQuery.builder().tenant(SALON).template(template).resource(resource).window(Interval.of(
                day.atStartOfDay(BUENOS_AIRES).toInstant(), day.plusDays(1).atStartOfDay(BUENOS_AIRES).toInstant()));
    }

    List<Instant> freeStarts(String template, String resource) {
        return freeStarts(template, resource, WEDNESDAY);
    }

    List<Instant> freeStarts(String template, String resource, LocalDate day) {
        return engine.availableSlots(query(template, resource, day).build()).stream()
                .map(s -> s.interval().getStart()).toList();
    }

    Slot slotAt(String template, String resource, Instant start) {
        return engine.availableSlots(query(template, resource, WEDNESDAY).build()).stream()
                .filter(s -> s.interval().getStart().equals(start)).findFirst().orElseThrow();
    }

    List<String> whyNot(String template, String resource, Instant start, String customer) {
        return engine.whyNotAvailable(query(template, resource, WEDNESDAY).customer(customer).build(), start,
                Actor.customer(SALON, customer)).stream()
                .map(Violation::code).toList();
    }

    /** One call of the port: what it was given, when, and whether it went through. */
    record Attempt(Notification notification, Instant at, boolean delivered) {
    }

    /** Records every call; fails the next few on request, as a gateway that is down would. */
    static final class RecordingPort implements NotificationPort {
        private final Clock clock;
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private volatile int failures;
        private volatile String error = "";

        RecordingPort(Clock clock) {
            this.clock = clock;
        }

        void failNext(int count, String message) {
            this.failures = count;
            this.error = message;
        }

        @Override
        public void send(Notification notification) {
            if (failures > 0) {
                failures--;
                attempts.add(new Attempt(notification, clock.instant(), false));
                throw new IllegalStateException(error);
            }
            attempts.add(new Attempt(notification, clock.instant(), true));
        }

        List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        List<Notification> sent() {
            return attempts.stream().filter(Attempt::delivered).map(Attempt::notification).toList();
        }

        /** "KIND customer" for each delivered notification. */
        List<String> sentLabels() {
            return sent().stream().map(n -> n.kind() + " " + n.recipient()).toList();
        }

        void clear() {
            attempts.clear();
        }
    }
}
