package io.bookingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.Change;
import io.bookingkit.feed.ChangeKind;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * The availability feed as an application sees it through the engine: which change each write
 * records, that a reader resumes exactly where it was, that a long poll wakes for this engine's
 * commits and finds another node's by polling, and that pruning answers a reader left behind
 * with a reset rather than a gap.
 *
 * <p>It is Tuesday 15 September 2026, 09:00 in Vienna; the court and the ball machine are open
 * all day. Lessons have 10-minute buffers either side, so what a lesson takes from availability
 * is wider than the hour the customer gets. Every test reads from {@link #start}, the feed's
 * head once the resources are registered.
 */
class ChangeFeedTest {

    private static final String TENANT = "club";
    private static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
    private static final LocalDate TUESDAY = LocalDate.of(2026, 9, 15);
    private static final Duration BUFFER = Duration.ofMinutes(10);
    private static final ServiceTemplate LESSON = ServiceTemplate.builder("lesson").duration(Duration.ofHours(1))
            .buffers(BUFFER, BUFFER).minNotice(Duration.ofHours(1)).holdDuration(Duration.ofMinutes(15)).build();
    private static final ServiceTemplate TRIAL = ServiceTemplate.builder("trial").duration(Duration.ofHours(1))
            .requiresConfirmation(Duration.ofHours(12)).build();
    private static final ServiceTemplate DRILL = ServiceTemplate.builder("drill").duration(Duration.ofHours(1))
            .poolMode(PoolMode.ALL_OF).build();
    private static final Actor ANA = Actor.customer(TENANT, "ana");
    private static final Actor BEA = Actor.customer(TENANT, "bea");
    private static final Actor COACH = Actor.staff(TENANT, "coach", Set.of("court"));
    private static final Actor ADMIN = Actor.admin(TENANT, "owner");
    private static final Duration RETENTION = Duration.ofDays(1);
    // So long that a waiter on this engine returning early can only have been woken by its signal.
    private static final Duration NO_POLL = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.of(at(TUESDAY, 9), ZONE);
    private final InMemoryBookingStore store = new InMemoryBookingStore();
    private final BookingEngine engine = engine(b -> b.changeFeed(RETENTION, NO_POLL));
    private final Resource court = Resource.of(TENANT, "court", "Court", OpeningHours.parse("Mo-Su 07:00-22:00", ZONE));
    private final String start;

    ChangeFeedTest() {
        engine.resources().register(court);
        engine.resources().register(Resource.of(TENANT, "machine", "Ball machine",
                OpeningHours.parse("Mo-Su 07:00-22:00", ZONE)));
        start = engine.latestChangePosition(TENANT);
    }

    // ---- what each write records -------------------------------------------------------------

    @Test
    void aBookingRecordsOneCreatedChangeForTheTimeItTakesFromAvailability() {
        Booking booked = engine.book(lesson(at(TUESDAY, 11)), ANA);

        // Change documents "a booking's occupied time (buffers included)", and Changes uses occupied().
        Interval taken = Interval.of(at(TUESDAY, 11).minus(BUFFER), at(TUESDAY, 12).plus(BUFFER));
        assertEquals(taken, booked.occupied());
        assertEquals(List.of(new Change(TENANT, "court", taken, ChangeKind.CREATED, Optional.of(booked.id()),
                Optional.of(BookingStatus.CONFIRMED), clock.instant())), changesAfter(start));
    }

    @Test
    void aBookingOfSeveralResourcesRecordsAChangeOnEach() {
        Booking drill = engine.book(BookingRequest.builder().template("drill").allOf("court", "machine")
                .start(at(TUESDAY, 11)).build(), ANA);

        List<Change> changes = changesAfter(start);
        assertEquals(List.of("court", "machine"), drill.resourceIds());
        assertEquals(drill.resourceIds(), changes.stream().map(Change::resourceId).toList());
        for (Change c : changes) {
            assertEquals(ChangeKind.CREATED, c.kind());
            assertEquals(drill.occupied(), c.interval());
            assertEquals(Optional.of(drill.id()), c.bookingId());
        }
    }

    @Test
    void aHoldIsCreatedHeldAndItsCompletionIsAStatusChange() {
        Booking hold = engine.hold(lesson(at(TUESDAY, 11)), ANA);
        String held = engine.latestChangePosition(TENANT);

        Booking confirmed = engine.confirm(hold.id(), ANA);

        assertEquals(List.of(Optional.of(BookingStatus.HELD)), changesAfter(start).stream()
                .filter(c -> c.kind() == ChangeKind.CREATED).map(Change::status).toList());
        assertEquals(List.of(new Change(TENANT, "court", confirmed.occupied(), ChangeKind.STATUS_CHANGED,
                Optional.of(hold.id()), Optional.of(BookingStatus.CONFIRMED), clock.instant())), changesAfter(held));
    }

    @Test
    void cancellingIsAStatusChangeOverTheTimeItFrees() {
        Booking booked = engine.book(lesson(at(TUESDAY, 11)), ANA);
        String afterBooking = engine.latestChangePosition(TENANT);
        clock.add(Duration.ofMinutes(5));

        engine.cancel(booked.id(), ANA, "");

        assertEquals(List.of(new Change(TENANT, "court", booked.occupied(), ChangeKind.STATUS_CHANGED,
                Optional.of(booked.id()), Optional.of(BookingStatus.CANCELLED), clock.instant())),
                changesAfter(afterBooking));
    }

    @Test
    void confirmingAPendingRequestIsAStatusChange() {
        Booking pending = engine.book(BookingRequest.builder().template("trial").resource("court")
                .start(at(TUESDAY, 14)).build(), ANA);
        assertEquals(BookingStatus.PENDING, pending.status());
        assertEquals(List.of(Optional.of(BookingStatus.PENDING)), changesAfter(start).stream().map(Change::status).toList(),
                "a pending request already takes the time");
        String requested = engine.latestChangePosition(TENANT);

        engine.confirm(pending.id(), COACH);

        List<Change> changes = changesAfter(requested);
        assertEquals(List.of(ChangeKind.STATUS_CHANGED), changes.stream().map(Change::kind).toList());
        assertEquals(Optional.of(BookingStatus.CONFIRMED), changes.get(0).status());
        assertEquals(pending.occupied(), changes.get(0).interval());
    }

    @Test
    void aMoveRecordsTheTimeItLeftAndTheTimeItTook() {
        Booking booked = engine.book(lesson(at(TUESDAY, 11)), ANA);
        String afterBooking = engine.latestChangePosition(TENANT);

        Booking moved = engine.reschedule(booked.id(), at(TUESDAY, 15), ANA);

        // ChangeKind.RESCHEDULED: "one change for the time it left and one for the time it took".
        assertEquals(List.of(
                new Change(TENANT, "court", booked.occupied(), ChangeKind.RESCHEDULED, Optional.of(booked.id()),
                        Optional.of(BookingStatus.CONFIRMED), clock.instant()),
                new Change(TENANT, "court", moved.occupied(), ChangeKind.RESCHEDULED, Optional.of(booked.id()),
                        Optional.of(BookingStatus.CONFIRMED), clock.instant())), changesAfter(afterBooking));
    }

    @Test
    void anExpiredHoldIsAStatusChangeWhenMaintenanceMarksIt() {
        Booking hold = engine.hold(lesson(at(TUESDAY, 11)), ANA);
        String held = engine.latestChangePosition(TENANT);
        clock.add(Duration.ofMinutes(16));

        assertEquals(1, engine.runMaintenance().bookingsExpired());

        assertEquals(List.of(new Change(TENANT, "court", hold.occupied(), ChangeKind.STATUS_CHANGED,
                Optional.of(hold.id()), Optional.of(BookingStatus.EXPIRED), clock.instant())), changesAfter(held));
    }

    @Test
    void aResourceSavedThroughTheRegistryChangesAllOfItsTime() {
        clock.add(Duration.ofMinutes(1));

        engine.resources().register(court.withCapacity(2));

        assertEquals(List.of(new Change(TENANT, "court", Interval.ALL, ChangeKind.RESOURCE_CHANGED, Optional.empty(),
                Optional.empty(), clock.instant())), changesAfter(start));
    }

    @Test
    void aResourceSeededStraightIntoTheStoreIsNotInTheFeed() {
        // BookingStore.saveResource(Resource) is documented as "without telling the availability feed".
        store.saveResource(court.withCapacity(3));

        assertEquals(List.of(), changesAfter(start));
    }

    @Test
    void aRefusedBookingRecordsNothing() {
        engine.book(lesson(at(TUESDAY, 11)), ANA);
        String afterBooking = engine.latestChangePosition(TENANT);

        assertThrows(SlotUnavailableException.class, () -> engine.book(lesson(at(TUESDAY, 11)), BEA));
        // In the buffer only: the buffers are part of what the first lesson takes.
        assertThrows(SlotUnavailableException.class, () -> engine.book(lesson(at(TUESDAY, 12)), BEA));
        PolicyViolationException tooSoon = assertThrows(PolicyViolationException.class,
                () -> engine.book(lesson(at(TUESDAY, 9).plus(Duration.ofMinutes(30))), BEA));
        assertTrue(tooSoon.codes().contains("min-notice"), tooSoon.codes().toString());

        assertEquals(afterBooking, engine.latestChangePosition(TENANT));
        assertEquals(List.of(), changesAfter(afterBooking));
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyRecordsNothingMore() {
        BookingRequest once = BookingRequest.builder().template("lesson").resource("court").start(at(TUESDAY, 11))
                .idempotencyKey("k-1").build();
        Booking booked = engine.book(once, ANA);
        String afterBooking = engine.latestChangePosition(TENANT);

        assertEquals(booked, engine.book(once, ANA));

        assertEquals(List.of(), changesAfter(afterBooking));
    }

    // ---- reading and resuming ----------------------------------------------------------------

    @Test
    void aReaderResumingFromItsLastPositionSeesOnlyTheNewChange() {
        engine.book(lesson(at(TUESDAY, 11)), ANA);
        ChangePage all = engine.changes(TENANT, "", BookingEngine.MAX_CHANGE_PAGE);
        assertEquals(3, all.entries().size(), "two registrations and a booking");
        assertEquals(all.entries().get(2).position(), all.position());
        assertFalse(all.more());

        Booking second = engine.book(lesson(at(TUESDAY, 14)), BEA);

        ChangePage next = engine.changes(TENANT, all.position(), BookingEngine.MAX_CHANGE_PAGE);
        assertEquals(List.of(Optional.of(second.id())), next.entries().stream().map(e -> e.change().bookingId()).toList());
        assertFalse(next.reset());
        ChangePage nothing = engine.changes(TENANT, next.position(), BookingEngine.MAX_CHANGE_PAGE);
        assertEquals(ChangePage.empty(next.position()), nothing, "an up-to-date reader keeps its position");
    }

    @Test
    void aSmallLimitPagesThroughInOrderWithoutRepeats() {
        engine.book(lesson(at(TUESDAY, 11)), ANA);
        engine.book(lesson(at(TUESDAY, 14)), BEA);
        List<FeedEntry> all = engine.changes(TENANT, "", BookingEngine.MAX_CHANGE_PAGE).entries();

        ChangePage first = engine.changes(TENANT, "", 3);
        ChangePage second = engine.changes(TENANT, first.position(), 3);

        assertTrue(first.more());
        assertFalse(second.more());
        assertEquals(all.subList(0, 3), first.entries());
        assertEquals(all.subList(3, 4), second.entries());
        assertEquals(4, all.stream().map(FeedEntry::position).distinct().count(), "positions are unique");
    }

    @Test
    void aReaderFromTheLatestPositionSeesOnlyLaterChanges() {
        engine.book(lesson(at(TUESDAY, 11)), ANA);
        String latest = engine.latestChangePosition(TENANT);
        assertNotEquals(start, latest);

        Booking later = engine.book(lesson(at(TUESDAY, 14)), BEA);

        assertEquals(List.of(Optional.of(later.id())), changesAfter(latest).stream().map(Change::bookingId).toList());
    }

    @Test
    void aTenantWithoutChangesHasAPositionAndAnEmptyFeed() {
        String latest = engine.latestChangePosition("other");
        assertNotEquals("", latest);
        assertEquals(ChangePage.empty(latest), engine.changes("other", latest, 10));
        assertTrue(engine.changes("other", "", 10).entries().isEmpty());
        // A position from another tenant's feed is not one this feed handed out.
        assertTrue(engine.changes("other", start, 10).reset());
    }

    @Test
    void aPositionFromAnotherFeedAsksTheReaderToStartOver() {
        BookingEngine elsewhere = BookingEngine.builder().store(new InMemoryBookingStore()).clock(clock)
                .templates(TemplateCatalog.of(LESSON, TRIAL, DRILL)).build();
        elsewhere.resources().register(court);
        String foreign = elsewhere.latestChangePosition(TENANT);

        ChangePage page = engine.changes(TENANT, foreign, 10);

        assertEquals(ChangePage.resetTo(start), page);
    }

    @Test
    void theLimitMustBeOneToTheMaximumPage() {
        InvalidRequestException zero = assertThrows(InvalidRequestException.class, () -> engine.changes(TENANT, "", 0));
        InvalidRequestException over = assertThrows(InvalidRequestException.class,
                () -> engine.changes(TENANT, "", BookingEngine.MAX_CHANGE_PAGE + 1));

        assertTrue(zero.getMessage().contains("but was 0"), zero.getMessage());
        assertTrue(over.getMessage().contains("but was " + (BookingEngine.MAX_CHANGE_PAGE + 1)), over.getMessage());
        assertEquals(2, engine.changes(TENANT, "", BookingEngine.MAX_CHANGE_PAGE).entries().size());
        assertEquals(1, engine.changes(TENANT, "", 1).entries().size());
    }

    @Test
    void aNullTenantOrPositionAndAMalformedPositionAreRefused() {
        assertThrows(NullPointerException.class, () -> engine.changes(null, "", 10));
        assertThrows(NullPointerException.class, () -> engine.changes(TENANT, null, 10));
        assertThrows(NullPointerException.class, () -> engine.latestChangePosition(null));
        InvalidRequestException malformed = assertThrows(InvalidRequestException.class,
                () -> engine.changes(TENANT, "not a position", 10));
        assertTrue(malformed.getMessage().contains("'not a position'"), malformed.getMessage());
    }

    // ---- long polls ------------------------------------------------------------------------

    @Test
    void waitingReturnsAtOnceWhenChangesAreThere() {
        long began = System.nanoTime();

        ChangePage page = engine.awaitChanges(TENANT, "", 10, Duration.ofSeconds(30));

        assertEquals(2, page.entries().size());
        assertTrue(elapsed(began).compareTo(Duration.ofSeconds(10)) < 0, elapsed(began).toString());
    }

    @Test
    void waitingWithoutChangesReturnsAnEmptyPageOnceTheTimeoutPassed() {
        long began = System.nanoTime();

        ChangePage page = engine.awaitChanges(TENANT, start, 10, Duration.ofMillis(200));

        Duration waited = elapsed(began);
        assertEquals(ChangePage.empty(start), page);
        assertTrue(waited.compareTo(Duration.ofMillis(200)) >= 0, "returned after only " + waited);
        assertTrue(waited.compareTo(Duration.ofSeconds(10)) < 0, "returned only after " + waited);
    }

    @Test
    void aTimeoutTooLongForNanosecondsIsAcceptedAsWaitingLong() {
        // "how long to wait at most, not negative": any such duration, even one past Long nanos.
        ChangePage page = engine.awaitChanges(TENANT, "", 10, Duration.ofSeconds(Long.MAX_VALUE));

        assertEquals(2, page.entries().size());
    }

    @Test
    void aZeroTimeoutReadsOnceWithoutWaiting() {
        assertEquals(ChangePage.empty(start), engine.awaitChanges(TENANT, start, 10, Duration.ZERO));
    }

    @Test
    void aBookingOnThisEngineWakesAWaiterAtOnce() throws Exception {
        FutureTask<ChangePage> waiting = new FutureTask<>(() -> engine.awaitChanges(TENANT, start, 10,
                Duration.ofSeconds(30)));
        Thread waiter = startedAndWaiting(waiting);
        long began = System.nanoTime();

        Booking booked = engine.book(lesson(at(TUESDAY, 11)), ANA);

        // The poll is an hour: only the commit's signal can end the wait this soon.
        ChangePage page = waiting.get(10, TimeUnit.SECONDS);
        assertTrue(elapsed(began).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals(List.of(Optional.of(booked.id())), page.entries().stream().map(e -> e.change().bookingId()).toList());
        waiter.join();
    }

    @Test
    void aChangeThroughAnotherNodeIsFoundByPolling() throws Exception {
        // A second engine over the same store: its own commits signal only its own waiters, so
        // this engine's waiter can learn of them only by polling.
        BookingEngine otherNode = engine(b -> b.changeFeed(RETENTION, NO_POLL));
        BookingEngine polling = engine(b -> b.changeFeed(RETENTION, Duration.ofMillis(20)));
        FutureTask<ChangePage> waiting = new FutureTask<>(() -> polling.awaitChanges(TENANT, start, 10,
                Duration.ofSeconds(30)));
        Thread waiter = startedAndWaiting(waiting);

        Booking booked = otherNode.book(lesson(at(TUESDAY, 11)), ANA);

        ChangePage page = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(Optional.of(booked.id())), page.entries().stream().map(e -> e.change().bookingId()).toList());
        waiter.join();
    }

    @Test
    void anInterruptedWaiterReturnsAnEmptyPageWithItsInterruptKept() {
        Thread.currentThread().interrupt();
        long began = System.nanoTime();

        ChangePage page = engine.awaitChanges(TENANT, start, 10, Duration.ofSeconds(30));

        assertTrue(Thread.interrupted(), "the interrupt flag is set again");
        assertEquals(ChangePage.empty(start), page);
        assertTrue(elapsed(began).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> engine.awaitChanges(TENANT, start, 10, Duration.ofMillis(-1)));
        assertTrue(refused.getMessage().contains("PT-0.001S"), refused.getMessage());
        assertThrows(NullPointerException.class, () -> engine.awaitChanges(TENANT, start, 10, null));
    }

    @Test
    void waitingChecksItsArgumentsAsReadingDoes() {
        assertThrows(InvalidRequestException.class, () -> engine.awaitChanges(TENANT, start, 0, Duration.ofSeconds(1)));
        assertThrows(InvalidRequestException.class, () -> engine.awaitChanges(TENANT, "x", 10, Duration.ofSeconds(1)));
    }

    // ---- retention ---------------------------------------------------------------------------

    @Test
    void maintenanceForgetsChangesOlderThanTheRetentionAndAReaderLeftBehindStartsOver() {
        Booking old = engine.book(lesson(at(TUESDAY, 11)), ANA);
        String beforeTheBooking = start;
        String afterTheBooking = engine.latestChangePosition(TENANT);
        clock.add(RETENTION.plusHours(1));
        Booking recent = engine.book(lesson(at(TUESDAY.plusDays(3), 11)), ANA);

        MaintenanceRun run = engine.runMaintenance();

        assertEquals(3, run.changesPruned(), "two registrations and the old booking");
        String latest = engine.latestChangePosition(TENANT);
        assertEquals(ChangePage.resetTo(latest), engine.changes(TENANT, beforeTheBooking, 10),
                "the old booking's change is gone: the reader must re-read and resume from the head");
        // A reader that saw everything forgotten misses nothing.
        assertEquals(List.of(Optional.of(recent.id())), changesAfter(afterTheBooking).stream()
                .map(Change::bookingId).toList());
        assertEquals(List.of(Optional.of(recent.id())), changesAfter("").stream().map(Change::bookingId).toList(),
                "the empty position reads from the oldest change kept");
        assertNotEquals(old.id(), recent.id());
        assertEquals(0, engine.runMaintenance().changesPruned(), "what is left is within the retention");
    }

    /**
     * {@link BookingEngine#latestChangePosition} promises that a reader following the feed from
     * it misses no change, and the feed package promises a reset, "never a silent gap". For a
     * tenant without changes yet the position is the empty string, which means "the oldest change
     * kept": once the first changes are pruned, a reader that took it resumes after them without a
     * reset.
     */
    @Test
    void aReaderThatStartedBeforeATenantsFirstChangeIsResetOnceThoseChangesArePruned() {
        String before = engine.latestChangePosition("other");
        assertNotEquals("", before, "even a feed without changes hands out a position");
        engine.resources().register(Resource.of("other", "court", "Court", OpeningHours.parse("Mo-Su 07:00-22:00", ZONE)));
        clock.add(RETENTION.plusHours(1));
        assertEquals(3, engine.runMaintenance().changesPruned());

        assertTrue(engine.changes("other", before, 10).reset(), "the reader missed the court's registration");
    }

    @Test
    void changesWithinTheRetentionAreKept() {
        engine.book(lesson(at(TUESDAY, 11)), ANA);
        clock.add(RETENTION.minusMinutes(1));

        assertEquals(0, engine.runMaintenance().changesPruned());
        assertEquals(3, changesAfter("").size());
    }

    // ---- the bookings a screen shows ---------------------------------------------------------

    @Test
    void theBookingsOfAWindowComeInEveryStatusSortedByStart() {
        Booking pending = engine.book(BookingRequest.builder().template("trial").resource("court")
                .start(at(TUESDAY, 16)).build(), BEA);
        Booking confirmed = engine.book(lesson(at(TUESDAY, 11)), ANA);
        Booking cancelled = engine.book(lesson(at(TUESDAY, 14)), BEA);
        engine.cancel(cancelled.id(), BEA, "");
        Interval day = Interval.of(at(TUESDAY, 0), at(TUESDAY.plusDays(1), 0));

        List<Booking> shown = engine.bookings("court", day, COACH);

        assertEquals(List.of(confirmed.id(), cancelled.id(), pending.id()), shown.stream().map(Booking::id).toList());
        assertEquals(List.of(BookingStatus.CONFIRMED, BookingStatus.CANCELLED, BookingStatus.PENDING),
                shown.stream().map(Booking::status).toList());
        assertEquals(shown, engine.bookings("court", day, ADMIN));
    }

    @Test
    void aCustomerIsShownOnlyTheirOwnBookingsNotRefused() {
        Booking own = engine.book(lesson(at(TUESDAY, 11)), ANA);
        engine.book(lesson(at(TUESDAY, 14)), BEA);
        Interval day = Interval.of(at(TUESDAY, 0), at(TUESDAY.plusDays(1), 0));

        // The Javadoc: "staff of the resource and admins get every booking, a customer their own".
        assertEquals(List.of(own.id()), engine.bookings("court", day, ANA).stream().map(Booking::id).toList());
        // The resource is looked up in the actor's own tenant: another tenant's customer cannot reach it.
        assertThrows(ResourceNotFoundException.class,
                () -> engine.bookings("court", day, Actor.customer("other-club", "ana")));
    }

    @Test
    void aWindowMeetsABookingByItsBuffersToo() {
        Booking lesson = engine.book(lesson(at(TUESDAY, 11)), ANA); // occupies 10:50 to 12:10
        engine.book(lesson(at(TUESDAY, 14)), BEA);

        Interval afterTheHour = Interval.of(at(TUESDAY, 12).plus(Duration.ofMinutes(5)), at(TUESDAY, 13));

        assertEquals(List.of(lesson.id()), engine.bookings("court", afterTheHour, COACH).stream().map(Booking::id).toList());
    }

    @Test
    void theWindowAndResourceAreChecked() {
        assertThrows(ResourceNotFoundException.class,
                () -> engine.bookings("pool", Interval.of(at(TUESDAY, 0), at(TUESDAY, 23)), ADMIN));
        assertThrows(InvalidRequestException.class, () -> engine.bookings("court", Interval.of(at(TUESDAY, 0),
                at(TUESDAY, 0).plus(BookingEngine.MAX_CALENDAR_WINDOW).plusSeconds(1)), ADMIN));
        assertThrows(InvalidRequestException.class,
                () -> engine.bookings("court", Interval.startingAt(at(TUESDAY, 0)), ADMIN));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private BookingEngine engine(UnaryOperator<BookingEngine.Builder> settings) {
        return settings.apply(BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(LESSON, TRIAL, DRILL))).build();
    }

    private List<Change> changesAfter(String position) {
        ChangePage page = engine.changes(TENANT, position, BookingEngine.MAX_CHANGE_PAGE);
        assertFalse(page.reset(), "reset reading after " + position);
        return page.entries().stream().map(FeedEntry::change).toList();
    }

    /**
     * Starts {@code task} on its own thread and returns once it is parked in a timed wait: the
     * waiter has read the feed, found nothing and waits. Watching the thread's state orders the
     * test without sleeping.
     */
    private static Thread startedAndWaiting(FutureTask<?> task) {
        Thread thread = new Thread(task, "feed-waiter");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && !task.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the waiter never started waiting: " + thread.getState());
            }
            Thread.onSpinWait();
        }
        assertFalse(task.isDone(), "the waiter returned before any change");
        return thread;
    }

    private static Duration elapsed(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    private static BookingRequest lesson(Instant start) {
        return BookingRequest.builder().template("lesson").resource("court").start(start).build();
    }

    private static Instant at(LocalDate day, int hour) {
        return WallClock.toInstant(day, LocalTime.of(hour, 0), ZONE);
    }
}
