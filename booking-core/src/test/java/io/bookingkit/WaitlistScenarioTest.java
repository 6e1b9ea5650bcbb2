package io.bookingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.session.Participant;
import io.bookingkit.session.Session;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.template.WaitlistSettings;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistPlace;
import io.bookingkit.waitlist.WaitlistRequest;
import io.bookingkit.waitlist.WaitlistStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * Group sessions and waitlists through the engine on the in-memory store: a 12-mat yoga class
 * fills, people queue, cancelled seats go to the next in line as offers that expire and pass
 * on, and quorums are decided by the maintenance call.
 */
class WaitlistScenarioTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final String STUDIO = "studio";
    private static final Actor DESK = Actor.staff(STUDIO, "desk", Set.of("hall", "hall-2"));
    private static final Actor ADMIN = Actor.admin(STUDIO, "owner");
    /** Monday 2026-03-02, 18:00 in Madrid. */
    private static final Instant CLASS = Instant.parse("2026-03-02T17:00:00Z");
    private static final ServiceTemplate YOGA = ServiceTemplate.builder("yoga").duration(Duration.ofHours(1))
            .seats(12).partySize(1, 2).build();

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    private final InMemoryBookingStore store = new InMemoryBookingStore();

    private BookingEngine engine(ServiceTemplate template) {
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(template))
                .notificationsDeliveredElsewhere().build();
        for (String hall : List.of("hall", "hall-2")) {
            engine.resources().register(Resource.of(STUDIO, hall, hall, OpeningHours.parse("Mo-Su 07:00-22:00", MADRID))
                    .withCapacity(12));
        }
        return engine;
    }

    private static Actor customer(int i) {
        return Actor.customer(STUDIO, "c" + i);
    }

    private static BookingRequest.Builder yoga() {
        return yogaOn("hall");
    }

    private static BookingRequest.Builder yogaOn(String hall) {
        return BookingRequest.builder().template("yoga").resource(hall).start(CLASS);
    }

    private static WaitlistRequest.Builder waitForYoga() {
        return WaitlistRequest.builder().template("yoga").resource("hall").start(CLASS);
    }

    private List<Booking> fill(BookingEngine engine, int seats) {
        return IntStream.range(0, seats).mapToObj(i -> engine.book(yoga().build(), customer(i))).toList();
    }

    private int reads;

    /** The messages of {@code kind} in the outbox; each read claims at a later instant, past the last read's lease. */
    private List<OutboxMessage> outbox(NotificationKind kind) {
        return store.outbox().claimDueMessages(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(reads++), 1000,
                        Duration.ofMillis(1))
                .stream().filter(m -> m.kind() == kind).toList();
    }

    private static Set<String> codes(PolicyViolationException e) {
        return Set.copyOf(e.violations().stream().map(Violation::code).toList());
    }

    @Test
    void a_full_class_queues_and_a_cancelled_seat_is_offered_to_the_first_in_line_at_once() {
        BookingEngine engine = engine(YOGA);
        List<Booking> booked = fill(engine, 12);
        Actor ana = customer(100);
        Actor ben = customer(101);
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), ana);
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().build(), ben);
        assertEquals(WaitlistStatus.WAITING, first.status());
        assertTrue(first.sequence() < second.sequence());
        assertEquals(List.of(OptionalInt.of(1), OptionalInt.of(2)), engine.waitlist("hall", "yoga", CLASS, DESK).stream()
                .map(WaitlistPlace::position).toList());

        engine.cancel(booked.get(3).id(), customer(3), "");

        WaitlistEntry offered = engine.findEntry(first.id(), ana).orElseThrow();
        assertEquals(WaitlistStatus.OFFERED, offered.status());
        Booking offer = engine.find(offered.offerId().orElseThrow(), ana).orElseThrow();
        assertEquals(BookingStatus.HELD, offer.status());
        assertEquals(Optional.of(first.id()), offer.waitlistEntryId());
        assertEquals("c100", offer.customerId());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofHours(2))), offer.expiresAt(),
                "the template's default offer ttl");
        assertEquals(WaitlistStatus.WAITING, engine.findEntry(second.id(), ben).orElseThrow().status());
        assertEquals(List.of(offer.id()), outbox(NotificationKind.WAITLIST_OFFER).stream().map(OutboxMessage::bookingId)
                .toList());
        Session session = engine.session("hall", CLASS, DESK);
        assertEquals(12, session.seatsTaken(), "the held offer takes its seat");
        assertEquals(0, session.seatsLeft());
        assertThrows(SlotUnavailableException.class, () -> engine.book(yoga().build(), customer(200)),
                "nobody else can take the offered seat");
    }

    @Test
    void an_offer_that_runs_out_passes_to_the_next_entry_and_an_accepted_one_is_booked_once() {
        BookingEngine engine = engine(YOGA.toBuilder().waitlist(new WaitlistSettings(OptionalInt.empty(), Duration.ZERO,
                Duration.ofMinutes(30))).build());
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), customer(100));
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().build(), customer(101));
        engine.cancel(booked.get(0).id(), customer(0), "");
        String firstOffer = engine.findEntry(first.id(), ADMIN).orElseThrow().offerId().orElseThrow();

        clock.add(Duration.ofMinutes(31));
        MaintenanceRun run = engine.runMaintenance();

        assertEquals(1, run.bookingsExpired());
        assertEquals(BookingStatus.EXPIRED, engine.find(firstOffer, ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.EXPIRED, engine.findEntry(first.id(), ADMIN).orElseThrow().status());
        WaitlistEntry passedOn = engine.findEntry(second.id(), ADMIN).orElseThrow();
        assertEquals(WaitlistStatus.OFFERED, passedOn.status());
        assertEquals(0, engine.runMaintenance().bookingsExpired(), "each expiry is done once");

        Booking accepted = engine.confirm(passedOn.offerId().orElseThrow(), customer(101));
        Booking again = engine.confirm(passedOn.offerId().orElseThrow(), customer(101));

        assertEquals(BookingStatus.CONFIRMED, accepted.status());
        assertEquals(accepted, again, "a second click changes nothing");
        assertEquals(WaitlistStatus.BOOKED, engine.findEntry(second.id(), ADMIN).orElseThrow().status());
        assertEquals(12, engine.session("hall", CLASS, ADMIN).seatsTaken());
    }

    @Test
    void an_offer_is_never_held_past_the_start() {
        BookingEngine engine = engine(YOGA);
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        clock.setInstant(CLASS.minus(Duration.ofMinutes(45)));
        engine.cancel(booked.get(0).id(), DESK, "called in sick");
        Booking offer = engine.find(engine.findEntry(entry.id(), ADMIN).orElseThrow().offerId().orElseThrow(), ADMIN)
                .orElseThrow();
        assertEquals(Optional.of(CLASS), offer.expiresAt());
    }

    @Test
    void a_party_of_two_is_passed_over_only_while_a_single_seat_is_free() {
        BookingEngine engine = engine(YOGA);
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry pair = engine.joinWaitlist(waitForYoga().partySize(2).build(), customer(100));
        WaitlistEntry single = engine.joinWaitlist(waitForYoga().build(), customer(101));
        WaitlistEntry later = engine.joinWaitlist(waitForYoga().build(), customer(102));

        engine.cancel(booked.get(0).id(), customer(0), "");
        assertEquals(WaitlistStatus.WAITING, engine.findEntry(pair.id(), ADMIN).orElseThrow().status(),
                "two seats do not fit in one");
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(single.id(), ADMIN).orElseThrow().status(),
                "the next entry that fits gets the seat");
        assertEquals(WaitlistStatus.WAITING, engine.findEntry(later.id(), ADMIN).orElseThrow().status());

        engine.cancel(booked.get(1).id(), customer(1), "");
        assertEquals(WaitlistStatus.WAITING, engine.findEntry(pair.id(), ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(later.id(), ADMIN).orElseThrow().status());

        engine.cancel(booked.get(2).id(), customer(2), "");
        engine.cancel(booked.get(3).id(), customer(3), "");
        WaitlistEntry served = engine.findEntry(pair.id(), ADMIN).orElseThrow();
        assertEquals(WaitlistStatus.OFFERED, served.status(), "once two seats are free the pair, first in line, gets them");
        assertEquals(2, engine.find(served.offerId().orElseThrow(), ADMIN).orElseThrow().partySize());
    }

    @Test
    void joining_is_only_for_a_time_that_is_taken() {
        BookingEngine engine = engine(YOGA.toBuilder().minNotice(Duration.ofHours(2)).build());
        PolicyViolationException free = assertThrows(PolicyViolationException.class,
                () -> engine.joinWaitlist(waitForYoga().build(), customer(100)));
        assertEquals(Set.of("waitlist-seats-free"), codes(free));

        fill(engine, 12);
        clock.setInstant(CLASS.minus(Duration.ofHours(1)));
        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine.joinWaitlist(waitForYoga().build(), customer(100)));
        assertEquals(Set.of("min-notice"), codes(late), "rules other than seats refuse as for a booking");
        assertEquals(List.of(), engine.waitlist("hall", "yoga", CLASS, ADMIN));
    }

    @Test
    void joining_again_returns_the_same_entry_and_a_different_party_is_refused() {
        BookingEngine engine = engine(YOGA);
        fill(engine, 12);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        assertEquals(entry, engine.joinWaitlist(waitForYoga().build(), customer(100)));
        assertThrows(InvalidRequestException.class, () -> engine.joinWaitlist(waitForYoga().partySize(2).build(),
                customer(100)));
        assertEquals(1, engine.waitlist("hall", "yoga", CLASS, ADMIN).size());
    }

    @Test
    void the_list_closes_before_the_start_and_limits_entries_per_customer() {
        BookingEngine engine = engine(YOGA.toBuilder().waitlist(new WaitlistSettings(OptionalInt.of(1),
                Duration.ofHours(3), Duration.ofHours(1))).build());
        fill(engine, 12);
        engine.book(yogaOn("hall-2").build(), customer(0));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(1));
        Actor ana = customer(100);
        engine.joinWaitlist(waitForYoga().build(), ana);
        PolicyViolationException limit = assertThrows(PolicyViolationException.class,
                () -> engine.joinWaitlist(WaitlistRequest.builder().template("yoga").resource("hall-2").start(CLASS)
                        .build(), ana));
        assertEquals(Set.of("waitlist-limit-customer"), codes(limit));

        clock.setInstant(CLASS.minus(Duration.ofHours(3)));
        PolicyViolationException closed = assertThrows(PolicyViolationException.class,
                () -> engine.joinWaitlist(waitForYoga().build(), customer(101)));
        assertEquals(Set.of("waitlist-closed"), codes(closed));
        assertEquals("2026-03-02 15:00", closed.violations().get(0).param("closed"));
    }

    @Test
    void leaving_with_an_offer_passes_the_seats_on_in_the_same_step() {
        BookingEngine engine = engine(YOGA);
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), customer(100));
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().build(), customer(101));
        engine.cancel(booked.get(0).id(), customer(0), "");
        String offer = engine.findEntry(first.id(), ADMIN).orElseThrow().offerId().orElseThrow();

        WaitlistEntry left = engine.leaveWaitlist(first.id(), customer(100));

        assertEquals(WaitlistStatus.LEFT, left.status());
        assertEquals(BookingStatus.CANCELLED, engine.find(offer, ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(second.id(), ADMIN).orElseThrow().status());
        assertEquals(left, engine.leaveWaitlist(first.id(), customer(100)), "leaving twice changes nothing");
    }

    @Test
    void declining_an_offer_by_cancelling_it_leaves_the_list_and_passes_the_seat_on() {
        BookingEngine engine = engine(YOGA);
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), customer(100));
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().build(), customer(101));
        engine.cancel(booked.get(0).id(), customer(0), "");
        engine.cancel(engine.findEntry(first.id(), ADMIN).orElseThrow().offerId().orElseThrow(), customer(100), "");

        assertEquals(WaitlistStatus.LEFT, engine.findEntry(first.id(), ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(second.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void a_hold_past_its_expiry_goes_to_the_waitlist_before_a_walk_in_can_take_it() {
        BookingEngine engine = engine(YOGA);
        fill(engine, 11);
        Booking hold = engine.hold(yoga().build(), customer(50));
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        clock.add(Duration.ofMinutes(11));

        assertThrows(SlotUnavailableException.class, () -> engine.book(yoga().build(), customer(200)));

        assertEquals(BookingStatus.EXPIRED, engine.find(hold.id(), ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(entry.id(), ADMIN).orElseThrow().status(),
                "the seat went to the first in line");
    }

    @Test
    void a_pool_entry_takes_the_first_resource_that_frees_a_seat() {
        BookingEngine engine = engine(YOGA);
        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(1));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(1));
        engine.book(yoga().build(), customer(0));
        Booking onTwo = engine.book(yogaOn("hall-2").build(), customer(1));
        WaitlistEntry entry = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").anyOf("hall", "hall-2")
                .start(CLASS).build(), customer(100));

        engine.cancel(onTwo.id(), customer(1), "");

        Booking offer = engine.find(engine.findEntry(entry.id(), ADMIN).orElseThrow().offerId().orElseThrow(), ADMIN)
                .orElseThrow();
        assertEquals(List.of("hall-2"), offer.resourceIds());
    }

    @Test
    void a_higher_capacity_is_offered_to_the_waitlist_and_a_lower_one_cuts_nobody() {
        // Without a seat count of its own, the class offers the hall's capacity.
        BookingEngine engine = engine(ServiceTemplate.builder("yoga").duration(Duration.ofHours(1)).build());
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));

        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(8));
        assertEquals(12, engine.session("hall", CLASS, ADMIN).seatsTaken(), "nobody is cut");
        assertTrue(booked.stream().allMatch(b -> engine.find(b.id(), ADMIN).orElseThrow().status()
                == BookingStatus.CONFIRMED));
        assertEquals(WaitlistStatus.WAITING, engine.findEntry(entry.id(), ADMIN).orElseThrow().status());

        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(13));
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(entry.id(), ADMIN).orElseThrow().status(),
                "the seat a higher capacity adds goes to the first in line");
        assertEquals(13, engine.session("hall", CLASS, ADMIN).seatsTaken());
    }

    @Test
    void an_entry_still_waiting_when_its_session_starts_expires() {
        BookingEngine engine = engine(YOGA);
        fill(engine, 12);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        assertEquals(0, engine.runMaintenance().entriesExpired());
        clock.setInstant(CLASS);
        assertEquals(1, engine.runMaintenance().entriesExpired());
        WaitlistEntry expired = engine.findEntry(entry.id(), customer(100)).orElseThrow();
        assertEquals(WaitlistStatus.EXPIRED, expired.status());
        assertEquals(List.of(OptionalInt.empty()), engine.waitlistOf("c100", customer(100)).stream()
                .map(WaitlistPlace::position).toList());
    }

    @Test
    void a_customer_sees_the_counts_and_their_own_booking_staff_see_everyone() {
        BookingEngine engine = engine(YOGA);
        List<Booking> booked = fill(engine, 5);
        Session forCustomer = engine.session("hall", CLASS, customer(2));
        Session forDesk = engine.session("hall", "yoga", CLASS, DESK);

        assertEquals(5, forCustomer.seatsTaken());
        assertEquals(7, forCustomer.seatsLeft());
        assertEquals(12, forCustomer.capacity());
        assertEquals(List.of(booked.get(2).id()), forCustomer.participants().stream().map(Participant::bookingId).toList());
        assertEquals(booked.stream().map(Booking::id).sorted().toList(), forDesk.participants().stream()
                .map(Participant::bookingId).toList(), "booked at the same instant: by id");
        assertTrue(forDesk.quorumMet());
        assertEquals(Optional.empty(), forDesk.quorum());
        Session empty = engine.session("hall-2", "yoga", CLASS, DESK);
        assertEquals(0, empty.seatsTaken());
        assertThrows(InvalidRequestException.class, () -> engine.session("hall-2", CLASS, DESK),
                "without bookings the template must be named");
    }

    @Test
    void a_session_that_reaches_its_quorum_is_kept_for_good() {
        ServiceTemplate workshop = YOGA.toBuilder().quorum(4, Duration.ofHours(24)).build();
        BookingEngine engine = engine(workshop);
        List<Booking> booked = fill(engine, 4);

        clock.setInstant(CLASS.minus(Duration.ofHours(24)));
        MaintenanceRun run = engine.runMaintenance();
        assertEquals(1, run.sessionsKept());
        engine.cancel(booked.get(0).id(), DESK, "changed plans");
        clock.add(Duration.ofMinutes(5));
        assertEquals(0, engine.runMaintenance().sessionsCancelled(), "the decision is not taken twice");
        assertEquals(3, engine.session("hall", CLASS, DESK).seatsTaken());
        assertFalse(engine.session("hall", CLASS, DESK).quorumMet());
        engine.book(yoga().build(), customer(40));
        assertEquals(4, engine.session("hall", CLASS, DESK).seatsTaken(), "a kept session can still be joined");
    }

    @Test
    void a_session_below_its_quorum_at_the_deadline_is_cancelled_for_everyone_with_a_notification() {
        ServiceTemplate workshop = YOGA.toBuilder().quorum(4, Duration.ofHours(24)).build();
        BookingEngine engine = engine(workshop);
        List<Booking> booked = fill(engine, 3);

        clock.setInstant(CLASS.minus(Duration.ofHours(24)).minusSeconds(1));
        assertEquals(0, engine.runMaintenance().sessionsCancelled(), "not before the deadline");
        clock.add(Duration.ofSeconds(1));
        assertEquals(1, engine.runMaintenance().sessionsCancelled());

        for (Booking b : booked) {
            Booking now = engine.find(b.id(), ADMIN).orElseThrow();
            assertEquals(BookingStatus.CANCELLED, now.status());
            Transition last = now.history().get(now.history().size() - 1);
            assertEquals(BookingEngine.QUORUM_NOT_REACHED, last.reason());
            assertEquals(io.bookingkit.booking.Role.SYSTEM, last.actor().role());
        }
        assertEquals(booked.stream().map(Booking::id).sorted().toList(), outbox(NotificationKind.CANCELLED).stream()
                .map(OutboxMessage::bookingId).sorted().toList());
        PolicyViolationException closed = assertThrows(PolicyViolationException.class,
                () -> engine.book(yoga().build(), customer(50)));
        assertEquals(Set.of("session-closed"), codes(closed), "no new session after its deadline");
        assertEquals(0, engine.runMaintenance().sessionsCancelled());
    }

    @Test
    void joining_a_session_that_has_participants_has_its_own_notice() {
        BookingEngine engine = engine(YOGA.toBuilder().minNotice(Duration.ofHours(2)).joinNotice(Duration.ofMinutes(15))
                .build());
        Instant other = CLASS.plus(Duration.ofHours(1));
        engine.book(yoga().build(), customer(0));
        clock.setInstant(CLASS.minus(Duration.ofMinutes(30)));

        Booking joined = engine.book(yoga().build(), customer(1));
        PolicyViolationException fresh = assertThrows(PolicyViolationException.class,
                () -> engine.book(yoga().start(other).build(), customer(2)));

        assertEquals(BookingStatus.CONFIRMED, joined.status());
        assertEquals(Set.of("min-notice"), codes(fresh), "a new session still needs the full notice");
        clock.setInstant(CLASS.minus(Duration.ofMinutes(10)));
        assertThrows(PolicyViolationException.class, () -> engine.book(yoga().build(), customer(3)));
    }

    @Test
    void accepting_an_offer_checks_the_customers_limits_then() {
        ServiceTemplate limited = YOGA.toBuilder().limits(Limits.none().withPerCustomerDay(1)).build();
        BookingEngine engine = engine(limited);
        List<Booking> booked = fill(engine, 12);
        Actor ana = customer(100);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), ana);
        engine.book(yogaOn("hall-2").start(CLASS.plus(Duration.ofHours(2))).build(), ana);
        engine.cancel(booked.get(0).id(), customer(0), "");
        String offer = engine.findEntry(entry.id(), ana).orElseThrow().offerId().orElseThrow();

        PolicyViolationException refused = assertThrows(PolicyViolationException.class, () -> engine.confirm(offer, ana));

        assertEquals(Set.of("limit-customer-day"), codes(refused));
        assertEquals(BookingStatus.HELD, engine.find(offer, ana).orElseThrow().status());
    }

    @Test
    void two_engines_running_maintenance_at_once_decide_each_quorum_and_expiry_once() throws Exception {
        ServiceTemplate workshop = YOGA.toBuilder().quorum(4, Duration.ofHours(12)).build();
        BookingEngine first = engine(workshop);
        BookingEngine second = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(workshop))
                .notificationsDeliveredElsewhere().maintenance(1, Duration.ofMillis(1)).build();
        Instant morning = CLASS.minus(Duration.ofHours(10));
        for (int k = 0; k < 6; k++) {
            for (int i = 0; i < 2; i++) {
                first.book(yoga().start(morning.plus(Duration.ofHours(2L * k))).build(), customer(i));
            }
            first.hold(yoga().start(morning.plus(Duration.ofHours(2L * k + 1))).build(), customer(9));
        }
        // Every deadline has passed, no session has begun, every hold has run out.
        clock.setInstant(morning.minus(Duration.ofHours(1)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<MaintenanceRun>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                BookingEngine engine = i % 2 == 0 ? first : second;
                runs.add(pool.submit(engine::runMaintenance));
            }
            int cancelled = 0;
            int expired = 0;
            for (java.util.concurrent.Future<MaintenanceRun> run : runs) {
                cancelled += run.get().sessionsCancelled();
                expired += run.get().bookingsExpired();
                assertEquals(0, run.get().failed());
            }
            assertEquals(6, cancelled);
            assertEquals(6, expired);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(12, outbox(NotificationKind.CANCELLED).size(), "one notification per cancelled booking");
        assertEquals(6, outbox(NotificationKind.EXPIRED).size());
    }

    @Test
    void staff_may_put_a_customer_on_the_list_and_see_it_the_system_may_not_join() {
        BookingEngine engine = engine(YOGA);
        fill(engine, 12);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().customer("walk-in").build(), DESK);
        assertEquals("walk-in", entry.customerId());
        assertSame(WaitlistStatus.WAITING, entry.status());
        assertEquals(Optional.empty(), engine.findEntry(entry.id(), customer(1)), "another customer's entry is hidden");
        assertThrows(io.bookingkit.booking.AccessDeniedException.class,
                () -> engine.joinWaitlist(waitForYoga().customer("x").build(), Actor.system(STUDIO)));
    }

    @Test
    void a_quorum_left_undecided_until_the_session_began_keeps_the_session() {
        ServiceTemplate workshop = YOGA.toBuilder().quorum(4, Duration.ofHours(2)).build();
        BookingEngine engine = engine(workshop);
        List<Booking> booked = fill(engine, 2);
        clock.setInstant(CLASS.plus(Duration.ofMinutes(5)));
        MaintenanceRun late = engine.runMaintenance();
        assertEquals(1, late.sessionsKept());
        assertEquals(BookingStatus.CONFIRMED, engine.find(booked.get(0).id(), ADMIN).orElseThrow().status());
    }

    @Test
    void cancelling_a_series_passes_each_freed_seat_to_its_sessions_waitlist() {
        BookingEngine engine = engine(YOGA);
        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(1));
        io.bookingkit.recurrence.SeriesResult weekly = engine.bookSeries(io.bookingkit.recurrence.SeriesRequest.builder()
                .template("yoga").resource("hall").start(CLASS)
                .rule(io.bookingkit.recurrence.RecurrenceRule.weekly(java.time.DayOfWeek.MONDAY).count(3)).build(),
                customer(0));
        Instant third = weekly.booked().get(2).interval().getStart();
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().start(weekly.booked().get(1).interval().getStart())
                .build(), customer(100));
        WaitlistEntry last = engine.joinWaitlist(waitForYoga().start(third).build(), customer(101));

        engine.cancelFollowing(weekly.booked().get(1).id(), customer(0), "");

        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(second.id(), ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(last.id(), ADMIN).orElseThrow().status());
        assertEquals(BookingStatus.CONFIRMED, engine.find(weekly.booked().get(0).id(), ADMIN).orElseThrow().status());
    }

    // ---- regressions found in review ----------------------------------------------------------

    @Test
    void offers_to_several_customers_in_one_unit_lock_no_customer_of_theirs() {
        BookingEngine engine = engine(YOGA.toBuilder().limits(Limits.none().withPerCustomerDay(2)).build());
        List<Booking> booked = new java.util.ArrayList<>(fill(engine, 10));
        Booking pair = engine.book(yoga().partySize(2).build(), customer(50));
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), customer(100));
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().build(), customer(101));
        WaitlistEntry third = engine.joinWaitlist(waitForYoga().build(), customer(102));

        engine.cancel(pair.id(), customer(50), "");
        Booking moved = engine.reschedule(booked.get(0).id(), CLASS.plus(Duration.ofHours(2)), customer(0));

        assertEquals(CLASS.plus(Duration.ofHours(2)), moved.interval().getStart());
        for (WaitlistEntry e : List.of(first, second, third)) {
            assertEquals(WaitlistStatus.OFFERED, engine.findEntry(e.id(), ADMIN).orElseThrow().status(),
                    "two offers in the cancellation's unit, one in the reschedule's, which holds the mover's lock");
        }
    }

    @Test
    void staff_confirm_an_accepted_offer_that_waits_for_them() {
        BookingEngine engine = engine(YOGA.toBuilder().requiresConfirmation(Duration.ofHours(12)).build());
        List<Booking> booked = IntStream.range(0, 12).mapToObj(i -> engine.book(yoga().build(), customer(i)))
                .map(b -> engine.confirm(b.id(), DESK)).toList();
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        engine.cancel(booked.get(0).id(), DESK, "moved away");
        String offer = engine.findEntry(entry.id(), ADMIN).orElseThrow().offerId().orElseThrow();

        assertEquals(BookingStatus.PENDING, engine.confirm(offer, customer(100)).status());
        assertEquals(BookingStatus.PENDING, engine.confirm(offer, customer(100)).status(), "a second click");
        assertEquals(BookingStatus.CONFIRMED, engine.confirm(offer, DESK).status());
    }

    @Test
    void a_booking_moved_to_another_session_gets_that_sessions_quorum_decided() {
        BookingEngine engine = engine(YOGA.toBuilder().quorum(2, Duration.ofHours(24)).build());
        Booking ana = engine.book(yoga().build(), customer(0));
        engine.book(yoga().build(), customer(1));
        Instant later = CLASS.plus(Duration.ofHours(2));
        engine.reschedule(ana.id(), later, customer(0));

        clock.setInstant(later.minus(Duration.ofHours(24)));
        MaintenanceRun run = engine.runMaintenance();

        assertEquals(2, run.sessionsCancelled(), "both single-participant sessions: " + run);
        assertEquals(BookingStatus.CANCELLED, engine.find(ana.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void an_offer_after_the_deadline_only_fills_a_session_that_runs() {
        ServiceTemplate workshop = YOGA.toBuilder().quorum(2, Duration.ofHours(24)).build();
        ServiceTemplate privateHire = ServiceTemplate.builder("hire").duration(Duration.ofHours(1)).seats(12)
                .partySize(1, 12).build();
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(workshop, privateHire)).notificationsDeliveredElsewhere().build();
        engine.resources().register(Resource.of(STUDIO, "hall", "hall", OpeningHours.parse("Mo-Su 07:00-22:00", MADRID))
                .withCapacity(12));
        Booking hire = engine.book(BookingRequest.builder().template("hire").resource("hall").start(CLASS)
                .partySize(12).build(), customer(9));
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        clock.setInstant(CLASS.minus(Duration.ofHours(2)));

        engine.cancel(hire.id(), DESK, "the party called it off");

        assertEquals(WaitlistStatus.WAITING, engine.findEntry(entry.id(), ADMIN).orElseThrow().status(),
                "past the deadline, no offer starts a session that nothing would decide");
    }

    @Test
    void a_reschedule_into_a_session_finds_an_overdue_hold_already_passed_to_the_waitlist() {
        BookingEngine engine = engine(YOGA);
        fill(engine, 11);
        engine.hold(yoga().build(), customer(50));
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        Booking elsewhere = engine.book(yoga().start(CLASS.plus(Duration.ofHours(2))).build(), customer(60));
        clock.add(Duration.ofMinutes(11));

        assertThrows(SlotUnavailableException.class, () -> engine.reschedule(elsewhere.id(), CLASS, customer(60)));

        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(entry.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void two_cancellations_on_two_resources_of_one_pool_entry_both_succeed_and_it_gets_one_offer() throws Exception {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        // Holds both offering units inside their offer decision at once, each with its own lock.
        io.bookingkit.policy.BookingRule meet = (check, report) -> {
            if (check.customer().customerId().isEmpty() && Thread.currentThread().getName().startsWith("cancel-")) {
                try {
                    together.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    // The retried unit finds the entry served and asks no rule; nobody waits then.
                }
            }
        };
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(YOGA))
                .notificationsDeliveredElsewhere().rule(meet).build();
        for (String hall : List.of("hall", "hall-2")) {
            engine.resources().register(Resource.of(STUDIO, hall, hall, OpeningHours.parse("Mo-Su 07:00-22:00", MADRID)));
        }
        Booking one = engine.book(yogaOn("hall").build(), customer(0));
        Booking two = engine.book(yogaOn("hall-2").build(), customer(1));
        WaitlistEntry entry = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").anyOf("hall", "hall-2")
                .start(CLASS).build(), customer(100));

        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (Booking b : List.of(one, two)) {
            Thread t = new Thread(() -> {
                try {
                    engine.cancel(b.id(), Actor.customer(STUDIO, b.customerId()), "");
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "cancel-" + b.id());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertEquals(List.of(), failures);
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(entry.id(), ADMIN).orElseThrow().status());
        long offers = store.reads(STUDIO).findOverlapping(List.of("hall", "hall-2"), org.threeten.extra.Interval.of(CLASS,
                Duration.ofHours(1))).stream().filter(Booking::isOpenOffer).count();
        assertEquals(1, offers, () -> store.reads(STUDIO).findOverlapping(List.of("hall", "hall-2"),
                org.threeten.extra.Interval.of(CLASS, Duration.ofHours(1))).toString());
    }

    @Test
    void a_cancelled_session_expires_only_the_entries_that_wait_for_it() {
        BookingEngine engine = engine(YOGA.toBuilder().quorum(2, Duration.ofHours(24)).build());
        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(1));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(2));
        engine.book(yogaOn("hall").build(), customer(0));
        engine.book(yogaOn("hall-2").build(), customer(1));
        engine.book(yogaOn("hall-2").build(), customer(2));
        WaitlistEntry here = engine.joinWaitlist(waitForYoga().build(), customer(100));
        WaitlistEntry pool = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").anyOf("hall", "hall-2")
                .start(CLASS).build(), customer(101));

        clock.setInstant(CLASS.minus(Duration.ofHours(24)));
        MaintenanceRun run = engine.runMaintenance();

        assertEquals(1, run.sessionsCancelled());
        assertEquals(1, run.sessionsKept());
        assertEquals(WaitlistStatus.EXPIRED, engine.findEntry(here.id(), ADMIN).orElseThrow().status());
        assertEquals(WaitlistStatus.WAITING, engine.findEntry(pool.id(), ADMIN).orElseThrow().status(),
                "hall-2's session runs, and may still free a seat for the pool entry");
    }

    @Test
    void a_quorum_cancellation_is_not_judged_by_change_rules() {
        io.bookingkit.policy.ChangeRule neverCancel = (check, report) -> report.accept(Violation.of("frozen"));
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(YOGA.toBuilder().quorum(3, Duration.ofHours(1)).build()))
                .notificationsDeliveredElsewhere().changeRule(neverCancel).build();
        engine.resources().register(Resource.of(STUDIO, "hall", "hall", OpeningHours.parse("Mo-Su 07:00-22:00", MADRID))
                .withCapacity(12));
        Booking ana = engine.book(yoga().build(), customer(0));
        clock.setInstant(CLASS.minus(Duration.ofMinutes(30)));

        assertEquals(1, engine.runMaintenance().sessionsCancelled());
        assertEquals(BookingStatus.CANCELLED, engine.find(ana.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void leaving_with_an_offer_that_ran_out_passes_its_seat_on_at_once() {
        BookingEngine engine = engine(YOGA.toBuilder().waitlist(new WaitlistSettings(OptionalInt.empty(), Duration.ZERO,
                Duration.ofMinutes(5))).build());
        List<Booking> booked = fill(engine, 12);
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), customer(100));
        WaitlistEntry second = engine.joinWaitlist(waitForYoga().build(), customer(101));
        engine.cancel(booked.get(0).id(), customer(0), "");
        clock.add(Duration.ofMinutes(6));

        engine.leaveWaitlist(first.id(), customer(100));

        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(second.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void staff_of_one_pool_resource_may_remove_an_entry_offered_on_the_other() {
        BookingEngine engine = engine(YOGA);
        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(1));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(1));
        Booking onOne = engine.book(yogaOn("hall").build(), customer(0));
        engine.book(yogaOn("hall-2").build(), customer(1));
        WaitlistEntry pool = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").anyOf("hall", "hall-2")
                .start(CLASS).build(), customer(100));
        engine.cancel(onOne.id(), customer(0), "");
        Actor hallTwoDesk = Actor.staff(STUDIO, "desk-2", Set.of("hall-2"));

        WaitlistEntry left = engine.leaveWaitlist(pool.id(), hallTwoDesk);

        assertEquals(WaitlistStatus.LEFT, left.status());
        assertEquals(BookingStatus.CANCELLED, engine.find(left.offerId().orElseThrow(), ADMIN).orElseThrow().status());
    }

    @Test
    void a_pool_entry_has_one_position_in_both_views() {
        BookingEngine engine = engine(YOGA);
        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(1));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(1));
        engine.book(yogaOn("hall").build(), customer(0));
        engine.book(yogaOn("hall-2").build(), customer(1));
        engine.joinWaitlist(WaitlistRequest.builder().template("yoga").resource("hall-2").start(CLASS).build(),
                customer(99));
        WaitlistEntry pool = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").anyOf("hall", "hall-2")
                .start(CLASS).build(), customer(100));

        OptionalInt inHall = engine.waitlist("hall", "yoga", CLASS, ADMIN).stream()
                .filter(p -> p.entry().id().equals(pool.id())).findFirst().orElseThrow().position();
        OptionalInt ofCustomer = engine.waitlistOf("c100", customer(100)).get(0).position();

        assertEquals(OptionalInt.of(2), ofCustomer, "hall-2's entry joined first");
        assertEquals(ofCustomer, inHall);
    }

    // ---- maintenance leaves alone what no longer needs it ---------------------------------------

    @Test
    void maintenance_leaves_a_hold_that_was_confirmed_or_became_a_request_until_its_new_expiry() {
        ServiceTemplate dropIn = YOGA.toBuilder().name("drop-in").build();
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(
                YOGA.toBuilder().requiresConfirmation(Duration.ofHours(12)).build(), dropIn))
                .notificationsDeliveredElsewhere().build();
        engine.resources().register(Resource.of(STUDIO, "hall", "hall", OpeningHours.parse("Mo-Su 07:00-22:00", MADRID))
                .withCapacity(12));
        Booking held = engine.hold(yoga().build(), customer(1));
        Booking requested = engine.confirm(held.id(), customer(1));
        Booking confirmedHold = engine.confirm(engine.hold(yoga().template("drop-in").build(), customer(2)).id(),
                customer(2));
        clock.add(Duration.ofMinutes(11));

        MaintenanceRun atTheHoldsExpiry = engine.runMaintenance();
        assertEquals(0, atTheHoldsExpiry.bookingsExpired(), "the holds' expiries are past, but neither is a hold");
        assertEquals(0, atTheHoldsExpiry.failed());
        assertEquals(BookingStatus.PENDING, engine.find(requested.id(), ADMIN).orElseThrow().status());
        assertEquals(BookingStatus.CONFIRMED, engine.find(confirmedHold.id(), ADMIN).orElseThrow().status());

        clock.add(Duration.ofHours(12));
        assertEquals(1, engine.runMaintenance().bookingsExpired(), "the request, at its own expiry");
        assertEquals(BookingStatus.EXPIRED, engine.find(requested.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void an_entry_that_left_is_not_expired_when_its_session_starts() {
        BookingEngine engine = engine(YOGA);
        fill(engine, 12);
        WaitlistEntry entry = engine.joinWaitlist(waitForYoga().build(), customer(100));
        engine.leaveWaitlist(entry.id(), customer(100));
        clock.setInstant(CLASS);

        MaintenanceRun run = engine.runMaintenance();
        assertEquals(0, run.entriesExpired());
        assertEquals(0, run.failed());
        assertEquals(WaitlistStatus.LEFT, engine.findEntry(entry.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void a_session_of_resources_booked_together_is_decided_under_all_their_locks() {
        ServiceTemplate duo = YOGA.toBuilder().name("duo").poolMode(io.bookingkit.template.PoolMode.ALL_OF)
                .quorum(2, Duration.ofHours(24)).build();
        BookingEngine engine = engine(duo);
        Booking together = engine.book(BookingRequest.builder().template("duo").allOf("hall", "hall-2").start(CLASS)
                .build(), customer(0));
        clock.setInstant(CLASS.minus(Duration.ofHours(24)));

        MaintenanceRun run = engine.runMaintenance();

        assertEquals(0, run.failed(), run.toString());
        assertEquals(1, run.sessionsCancelled(), "hall's task cancels the booking; hall-2's then finds nobody: " + run);
        assertEquals(BookingStatus.CANCELLED, engine.find(together.id(), ADMIN).orElseThrow().status());
    }

    @Test
    void a_session_with_exactly_its_quorum_meets_it() {
        BookingEngine engine = engine(YOGA.toBuilder().quorum(3, Duration.ofHours(24)).build());
        fill(engine, 2);
        assertFalse(engine.session("hall", CLASS, ADMIN).quorumMet());
        fill(engine, 1);
        assertTrue(engine.session("hall", CLASS, ADMIN).quorumMet());
    }

    @Test
    void a_cancelled_session_expires_the_pool_entry_whose_offer_it_held() {
        // The offer lasts past the deadline: it is still open when the quorum is decided.
        BookingEngine engine = engine(YOGA.toBuilder().quorum(3, Duration.ofHours(24))
                .waitlist(new WaitlistSettings(OptionalInt.empty(), Duration.ZERO, Duration.ofDays(2))).build());
        engine.resources().register(engine.resources().get(STUDIO, "hall").withCapacity(2));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(3));
        Booking leaving = engine.book(yogaOn("hall").build(), customer(0));
        engine.book(yogaOn("hall").build(), customer(1));
        for (int i = 2; i < 5; i++) {
            engine.book(yogaOn("hall-2").build(), customer(i));
        }
        WaitlistEntry pool = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").anyOf("hall", "hall-2")
                .start(CLASS).build(), customer(100));
        engine.cancel(leaving.id(), customer(0), "");
        assertEquals(WaitlistStatus.OFFERED, engine.findEntry(pool.id(), ADMIN).orElseThrow().status());

        clock.setInstant(CLASS.minus(Duration.ofHours(24)));
        engine.runMaintenance();

        assertEquals(WaitlistStatus.EXPIRED, engine.findEntry(pool.id(), ADMIN).orElseThrow().status(),
                "its offer was a participant of hall's session, which had 2 of 3");
    }

    @Test
    void entries_are_hidden_from_another_tenant_and_the_limit_counts_only_open_ones() {
        BookingEngine engine = engine(YOGA.toBuilder().waitlist(new WaitlistSettings(OptionalInt.of(1), Duration.ZERO,
                Duration.ofHours(1))).build());
        fill(engine, 12);
        engine.book(yogaOn("hall-2").partySize(2).build(), customer(0));
        engine.resources().register(engine.resources().get(STUDIO, "hall-2").withCapacity(2));
        WaitlistEntry first = engine.joinWaitlist(waitForYoga().build(), customer(100));
        assertEquals(Optional.empty(), engine.findEntry(first.id(), Actor.admin("other-studio", "boss")));

        engine.leaveWaitlist(first.id(), customer(100));
        WaitlistEntry second = engine.joinWaitlist(WaitlistRequest.builder().template("yoga").resource("hall-2")
                .start(CLASS).duration(Duration.ofHours(1)).locale(java.util.Locale.forLanguageTag("es-AR")).build(),
                customer(100));

        assertEquals(WaitlistStatus.WAITING, second.status(), "a left entry does not count towards the limit");
        assertEquals(java.util.Locale.forLanguageTag("es-AR"), second.locale());
    }
}
